package io.mockfactory.e2e;

import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Environments through the whole event-driven path (gateway → Kafka → provisioner and storage service → events →
 * read model), used with real clients: create, use, stop, start, destroy, time to live, destroy while starting.
 */
class EnvironmentLifecycleIT extends OnLifecycleStack {

    @Test
    void shouldCreateUseStopStartAndDestroyARedisEnvironment() throws Exception {
        String auth = newUser();
        assertTrue(get("/api/v1/catalog", auth).body().contains("\"redis\""));

        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"redis-it\",\"services\":{\"redis\":{\"version\":\"7\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        assertTrue(id.startsWith("env_"));
        assertEquals("running", Json.field(created.body(), "status"));
        assertTrue(created.body().contains("redis://default:*****@localhost:"), created.body());
        assertEquals("/api/v1/environments/" + id, created.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> credentials = get("/api/v1/environments/" + id + "/credentials", auth);
        assertEquals(200, credentials.statusCode(), credentials.body());
        String password = Json.field(credentials.body(), "password");
        int port = Integer.parseInt(Json.number(credentials.body(), "port"));
        assertFalse(get("/api/v1/environments/" + id, auth).body().contains(password), "masked everywhere else");
        assertFalse(get("/api/v1/environments", auth).body().contains(password));
        assertFalse(get("/api/v1/environments/" + id + "/events", auth).body().contains(password));

        try (Jedis redis = new Jedis("localhost", port)) {
            redis.auth(password);
            redis.set("greeting", "hello");
            assertEquals("hello", redis.get("greeting"));
        }
        try (Jedis wrong = new Jedis("localhost", port)) {
            assertThrows(JedisDataException.class, () -> wrong.auth("not-the-password"));
        }

        HttpResponse<String> stopped = post("/api/v1/environments/" + id + "/stop", "", auth);
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals("stopped", Json.field(stopped.body(), "status"));
        assertEquals("Environment stopped successfully", Json.field(stopped.body(), "message"));
        try (Jedis redis = new Jedis("localhost", port)) {
            assertThrows(JedisConnectionException.class, redis::ping, "a stopped service refuses connections");
        }

        HttpResponse<String> started = post("/api/v1/environments/" + id + "/start", "", auth);
        assertEquals(200, started.statusCode(), started.body());
        assertEquals("running", Json.field(started.body(), "status"));
        try (Jedis redis = new Jedis("localhost", port)) {
            redis.auth(password);
            assertEquals("hello", redis.get("greeting"), "data survives stop and start");
        }

        HttpResponse<String> destroyed = delete("/api/v1/environments/" + id, auth);
        assertEquals(200, destroyed.statusCode(), destroyed.body());
        assertEquals("destroyed", Json.field(destroyed.body(), "status"));
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new InetSocketAddress("127.0.0.1", port));
        }
        String history = get("/api/v1/environments/" + id + "/events", auth).body();
        for (String type : List.of("EnvironmentRequested", "ServiceProvisioning", "ServiceReady", "EnvironmentRunning",
                "ServiceStopped", "EnvironmentStopped", "ServiceStarted", "ServiceDestroyed", "EnvironmentDestroyed")) {
            assertTrue(history.contains("\"" + type + "\""), type + " in " + history);
        }
    }

    @Test
    void shouldServeARealPostgresqlDatabaseThatKeepsItsDataAcrossStopAndStart() throws Exception {
        String auth = newUser();
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"pg-it\",\"services\":{\"postgresql\":{\"version\":\"15\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"));
        assertTrue(created.body().contains("postgresql://postgres:*****@localhost:"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = credentials(id, auth);
        String password = Json.field(credentials, "password");
        String jdbc = "jdbc:postgresql://localhost:" + Json.number(credentials, "port") + "/" + Json.field(credentials, "database");
        assertEquals("postgres", Json.field(credentials, "username"));

        try (Connection db = DriverManager.getConnection(jdbc, "postgres", password); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE notes (body text)");
            sql.execute("INSERT INTO notes VALUES ('kept')");
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(jdbc, "postgres", "wrong-password").close());

        assertEquals("stopped", Json.field(post("/api/v1/environments/" + id + "/stop", "", auth).body(), "status"));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(jdbc, "postgres", password).close());
        assertEquals("running", Json.field(post("/api/v1/environments/" + id + "/start", "", auth).body(), "status"));
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", password); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT body FROM notes")) {
            assertTrue(rs.next());
            assertEquals("kept", rs.getString(1));
        }
        destroy(id, auth);
    }

    @Test
    void shouldServeAnS3EndpointBesideRedisThroughTheEnvironmentsLifecycle() throws Exception {
        String auth = newUser();
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"s3-it\",\"services\":{\"redis\":{},\"aws_s3\":{\"region\":\"eu-west-1\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), "running only once both owners are ready: " + created.body());
        String id = Json.field(created.body(), "id");
        assertTrue(created.body().contains("\"aws_s3\":\"http://localhost:" + s3Port + "\""), created.body());

        HttpResponse<String> credentials = get("/api/v1/environments/" + id + "/credentials", auth);
        assertEquals(200, credentials.statusCode(), credentials.body());
        String secret = Json.field(credentials.body(), "secret_access_key");
        assertEquals("http://localhost:" + s3Port, Json.field(credentials.body(), "endpoint"));
        assertTrue(credentials.body().contains("\"region\":\"eu-west-1\"") && credentials.body().contains("redis://default:"),
                credentials.body());
        assertFalse(get("/api/v1/environments/" + id, auth).body().contains(secret), "the secret only in /credentials");

        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:" + s3Port))
                .region(Region.EU_WEST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials.body(), "access_key_id"), secret))).build()) {
            s3.createBucket(b -> b.bucket("reports"));
            s3.putObject(p -> p.bucket("reports").key("q1.csv"), RequestBody.fromString("revenue,1"));

            assertEquals("stopped", Json.field(post("/api/v1/environments/" + id + "/stop", "", auth).body(), "status"));
            S3Exception stopped = Eventually.within(Duration.ofSeconds(10), () -> assertThrows(S3Exception.class, s3::listBuckets));
            assertEquals(403, stopped.statusCode());

            assertEquals("running", Json.field(post("/api/v1/environments/" + id + "/start", "", auth).body(), "status"));
            assertEquals("revenue,1", Eventually.within(Duration.ofSeconds(10), () ->
                    s3.getObjectAsBytes(g -> g.bucket("reports").key("q1.csv")).asUtf8String()));

            destroy(id, auth);
            S3Exception destroyed = Eventually.within(Duration.ofSeconds(10), () -> assertThrows(S3Exception.class, s3::listBuckets));
            assertEquals("InvalidAccessKeyId", destroyed.awsErrorDetails().errorCode());
        }
        String history = get("/api/v1/environments/" + id + "/events", auth).body();
        assertTrue(history.contains("\"service\":\"aws_s3\"") && history.contains("EnvironmentDestroyed"), history);
    }

    @Test
    void shouldDestroyAnEnvironmentDeletedWhileItsServicesAreStillStarting() throws Exception {
        String auth = newUser();
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Prefer", "respond-async"), "{\"name\":\"hasty\",\"services\":{\"postgresql\":{},\"redis\":{}}}", auth);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Json.field(accepted.body(), "id");
        Eventually.await("the read model to know the environment", Duration.ofSeconds(10),
                () -> get("/api/v1/environments/" + id, auth).statusCode() == 200);
        HttpResponse<String> deleted = delete("/api/v1/environments/" + id, auth);
        assertEquals("destroyed", Json.field(deleted.body(), "status"), deleted.body());
        Eventually.await("no process of the environment left", Duration.ofSeconds(15), () -> ProcessHandle.allProcesses()
                .noneMatch(process -> process.info().arguments().map(args -> String.join(" ", args).contains(id)).orElse(false)));
        Eventually.await("its instance directories removed", Duration.ofSeconds(15),
                () -> !Files.exists(stateDir.resolve("instances").resolve(id).resolve("redis"))
                        && !Files.exists(stateDir.resolve("instances").resolve(id).resolve("postgresql")));
    }

    @Test
    void shouldDestroyAnEnvironmentWhenItsTimeToLiveRunsOut() throws Exception {
        String auth = newUser();
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"short-lived\",\"services\":{\"redis\":{}},\"ttl_minutes\":1}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        assertTrue(created.body().contains("\"expires_at\":\""), "expires_at is set: " + created.body());
        int port = Integer.parseInt(Json.number(credentials(id, auth), "port"));

        // Time travel instead of a one-minute wait: the read model is the only thing that knows the deadline
        try (Connection db = SharedInfrastructure.get().postgres().connect();
             PreparedStatement expire = db.prepareStatement(
                     "UPDATE environment.environments SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            expire.setString(1, id);
            assertEquals(1, expire.executeUpdate());
        }

        Eventually.await("the expired environment to be destroyed", Duration.ofSeconds(30), () ->
                Json.field(get("/api/v1/environments/" + id, auth).body(), "status").equals("destroyed"));
        assertEquals(0, redisProcessesOn(port));
        assertTrue(get("/api/v1/environments/" + id + "/events", auth).body().contains("EnvironmentDestroyed"));
    }
}
