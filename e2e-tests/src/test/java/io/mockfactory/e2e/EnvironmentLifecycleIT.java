package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis environment through the whole event-driven path: gateway (this JVM) → Kafka → provisioner (a real
 * redis-server) → events → environment-service read model, used with a real Redis client.
 */
class EnvironmentLifecycleIT {
    private static final String PASSWORD = "correct-Horse-battery-9";
    private static TestStack stack;
    private static Path stateDir;
    private static String baseUrl;
    private static int s3Port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = new TestStack("lifecycle", Map.of(
                "MOCKFACTORY_PROVISIONER_PORTS_FIRST", "31000",
                "MOCKFACTORY_PROVISIONER_PORTS_LAST", "31999",
                "MOCKFACTORY_ENVIRONMENTS_EXPIRY_CHECK", "500ms"));
        stateDir = stack.stateDir;
        baseUrl = stack.baseUrl;
        s3Port = stack.s3Port;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldServeAnS3EndpointBesideRedisThroughTheEnvironmentsLifecycle() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
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
        assertTrue(credentials.body().contains("\"region\":\"eu-west-1\"") && credentials.body().contains("redis://:"),
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

            assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
            S3Exception destroyed = Eventually.within(Duration.ofSeconds(10), () -> assertThrows(S3Exception.class, s3::listBuckets));
            assertEquals("InvalidAccessKeyId", destroyed.awsErrorDetails().errorCode());
        }
        String history = get("/api/v1/environments/" + id + "/events", auth).body();
        assertTrue(history.contains("\"service\":\"aws_s3\"") && history.contains("EnvironmentDestroyed"), history);
    }

    @Test
    void shouldCreateUseStopStartAndDestroyARedisEnvironment() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        assertTrue(get("/api/v1/catalog", auth).body().contains("\"redis\""));

        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"redis-it\",\"services\":{\"redis\":{\"version\":\"7\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        assertTrue(id.startsWith("env_"));
        assertEquals("running", Json.field(created.body(), "status"));
        assertTrue(created.body().contains("redis://:*****@localhost:"), created.body());
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
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"pg-it\",\"services\":{\"postgresql\":{\"version\":\"15\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"));
        assertTrue(created.body().contains("postgresql://postgres:*****@localhost:"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
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
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    @Test
    void shouldServePostgisWithTheExtensionReady() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"gis\",\"services\":{\"postgis\":{}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        // Every PostgreSQL flavour's credentials carry username and database (postgis once lacked both)
        String jdbc = "jdbc:postgresql://localhost:" + Json.number(credentials, "port") + "/" + Json.field(credentials, "database");
        try (Connection db = DriverManager.getConnection(jdbc, Json.field(credentials, "username"), Json.field(credentials, "password"));
             Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT ST_Distance('POINT(0 0)'::geometry, 'POINT(3 4)'::geometry)")) {
            assertTrue(rs.next());
            assertEquals(5.0, rs.getDouble(1), 1e-9);
        }
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    @Test
    void shouldEnforceTheTiersRunningEnvironmentQuota() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> limits = get("/api/v1/account/limits", auth);
        int quota = Integer.parseInt(Json.number(limits.body(), "running_environments"));
        assertEquals(5, quota, "the beginner tier's running environments: " + limits.body());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < quota; i++) {
            HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"q" + i + "\",\"services\":{\"aws_s3\":{}}}", auth);
            assertEquals(201, created.statusCode(), created.body());
            ids.add(Json.field(created.body(), "id"));
        }
        assertTrue(get("/api/v1/account/limits", auth).body().contains("\"running_environments\":" + quota + "}"),
                "usage counts them");
        HttpResponse<String> refused = post("/api/v1/environments", "{\"name\":\"one-too-many\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("quota-exceeded") && refused.body().contains(quota + " running environments"), refused.body());

        assertEquals("stopped", Json.field(post("/api/v1/environments/" + ids.get(0) + "/stop", "", auth).body(), "status"));
        HttpResponse<String> room = post("/api/v1/environments", "{\"name\":\"fits-now\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(201, room.statusCode(), "a stopped environment does not count: " + room.body());
        assertEquals(403, post("/api/v1/environments/" + ids.get(0) + "/start", "", auth).statusCode(),
                "starting it again would exceed the quota");
        ids.add(Json.field(room.body(), "id"));
        for (String id : ids) {
            assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
        }
    }

    @Test
    void shouldDestroyAnEnvironmentDeletedWhileItsServicesAreStillStarting() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
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
    void shouldServePgvectorForSimilaritySearch() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"vectors\",\"services\":{\"postgresql_pgvector\":{\"version\":\"latest\"}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        assertTrue(Json.field(credentials, "url").startsWith("postgresql://postgres:"), credentials);
        String jdbc = "jdbc:postgresql://localhost:" + Json.number(credentials, "port") + "/testdb";
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", Json.field(credentials, "password"));
             Statement sql = db.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            sql.execute("CREATE TABLE items (id int PRIMARY KEY, embedding vector(3))");
            sql.execute("INSERT INTO items VALUES (1, '[1,2,3]'), (2, '[4,5,6]'), (3, '[1,1,1]')");
            try (ResultSet nearest = sql.executeQuery("SELECT id, embedding <-> '[1,1,2]' FROM items ORDER BY embedding <-> '[1,1,2]' LIMIT 1")) {
                assertTrue(nearest.next());
                assertEquals(3, nearest.getInt(1));
                assertEquals(1.0, nearest.getDouble(2), 1e-9);
            }
        }
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    @Test
    void shouldServeSqsThroughElasticMqAcrossStopAndStart() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"queues\",\"services\":{\"elasticmq\":{}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(Json.field(credentials, "endpoint")))
                .region(Region.of(Json.field(credentials, "region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials, "access_key_id"), Json.field(credentials, "secret_access_key")))).build()) {
            String queue = sqs.createQueue(c -> c.queueName("jobs")).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(queue).messageBody("first"));
            Message first = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages().get(0);
            assertEquals("first", first.body());
            sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(first.receiptHandle()));
            sqs.sendMessage(m -> m.queueUrl(queue).messageBody("second"));

            assertEquals("stopped", Json.field(post("/api/v1/environments/" + id + "/stop", "", auth).body(), "status"));
            assertThrows(SdkClientException.class, () -> sqs.listQueues());

            assertEquals("running", Json.field(post("/api/v1/environments/" + id + "/start", "", auth).body(), "status"));
            assertEquals(List.of("second"), sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2)).messages().stream()
                    .map(Message::body).toList(), "queues and messages survive a stop");
        }
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    @Test
    void shouldAdoptInstancesAfterAProvisionerCrashAndResumeThemAfterACleanRestart() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"survivor\",\"services\":{\"redis\":{}}}", auth).body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        int port = Integer.parseInt(Json.number(credentials, "port"));
        String password = Json.field(credentials, "password");
        try (Jedis redis = new Jedis("localhost", port)) {
            redis.auth(password);
            redis.set("kept", "yes");
        }

        try {
            stack.provisioner().kill();
            assertEquals(1, redisProcessesOn(port), "the instance outlives a SIGKILLed provisioner");
            restart(stack.provisioner());
            Thread.sleep(1000);
            assertEquals(1, redisProcessesOn(port), "the restarted provisioner adopts it rather than starting a second one");
            assertEquals("running", Json.field(get("/api/v1/environments/" + id, auth).body(), "status"));

            stack.provisioner().stop(Duration.ofSeconds(30));
            assertEquals(0, redisProcessesOn(port), "a clean provisioner stop takes its instances down");
            restart(stack.provisioner());
            Eventually.await("the instance to be resumed", Duration.ofSeconds(30), () -> redisProcessesOn(port) == 1);
            try (Jedis redis = new Jedis("localhost", port)) {
                redis.auth(password);
                assertEquals("yes", redis.get("kept"));
            }
            assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
            assertEquals(0, redisProcessesOn(port));
        } finally {
            if (!stack.provisioner().isAlive()) {
                restart(stack.provisioner());
            }
        }
    }

    private static ServiceProcess restart(ServiceProcess previous) throws Exception {
        return stack.restart(previous);
    }

    /**
     * redis-server retitles itself "redis-server 127.0.0.1:PORT" (only /proc shows the title; Java reports the real
     * executable, redis-check-rdb on Debian), so the port in the title identifies an instance's process.
     */
    private static long redisProcessesOn(int port) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> procTitle(p.pid()))
                .filter(title -> title.startsWith("redis-server") && title.contains(":" + port))
                .count();
    }

    private static String procTitle(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ').strip();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void shouldDestroyAnEnvironmentWhenItsTimeToLiveRunsOut() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> created = post("/api/v1/environments",
                "{\"name\":\"short-lived\",\"services\":{\"redis\":{}},\"ttl_minutes\":1}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        assertTrue(created.body().contains("\"expires_at\":\""), "expires_at is set: " + created.body());
        int port = Integer.parseInt(Json.number(get("/api/v1/environments/" + id + "/credentials", auth).body(), "port"));

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

    @Test
    void shouldGiveABeginnerEveryServiceTypeInOneEnvironment() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        List<String> types = List.of("redis", "postgresql", "postgresql_pgvector", "postgis", "elasticmq", "aws_s3");
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"everything\",\"services\":{"
                + String.join(",", types.stream().map(type -> "\"" + type + "\":{}").toList()) + "}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        for (String type : types) {
            String own = Json.object(credentials, type);
            assertTrue(own.contains("\"url\":") || own.contains("\"endpoint\":"), type + " has a ready-to-use url or endpoint: " + own);
        }
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    @Test
    void shouldPageTheCallersEnvironmentsAndRefuseABadPageSizeAtTheEdge() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(Json.field(post("/api/v1/environments", "{\"name\":\"page" + i + "\",\"services\":{\"aws_s3\":{}}}", auth).body(), "id"));
        }
        String first = get("/api/v1/environments?limit=2", auth).body();
        String cursor = Json.field(first, "next_cursor");
        String second = get("/api/v1/environments?limit=2&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8), auth).body();
        assertTrue(second.contains("\"next_cursor\":null"), second);
        java.util.Set<String> listed = new java.util.HashSet<>();
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\":\"(env_[^\"]+)\"").matcher(first + second);
        int count = 0;
        while (ids.find()) {
            listed.add(ids.group(1));
            count++;
        }
        assertEquals(created, listed, "both pages together: every environment of the caller, once");
        assertEquals(3, count);

        for (String limit : List.of("abc", "0", "101")) {
            HttpResponse<String> refused = get("/api/v1/environments?limit=" + limit, auth);
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"field\":\"limit\"") && refused.body().contains("\"instance\":\"/api/v1/environments\""),
                    refused.body());
        }
        for (String id : created) {
            delete("/api/v1/environments/" + id, auth);
        }
    }

    @Test
    void shouldStreamTheLifecycleAsServerSentEvents() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"watched\",\"services\":{\"redis\":{}}}", auth).body(), "id");
        assertTrue(get("/api/v1/environments/" + id + "/events", auth).headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/json"), "the plain form stays JSON");
        HttpResponse<String> anything = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments/" + id + "/events"))
                .header("Authorization", auth).header("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(anything.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json")
                && anything.body().startsWith("{"), "so does */* (curl's and requests' default): " + anything.body());

        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/api/v1/environments/" + id + "/events")).header("Authorization", auth)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> reading = java.util.concurrent.CompletableFuture.runAsync(() ->
                stream.body().forEach(line -> {
                    seen.add(line);
                    if (line.contains("EnvironmentRunning") && line.startsWith("event")) {
                        java.util.concurrent.CompletableFuture.runAsync(() -> {
                            try {
                                delete("/api/v1/environments/" + id, auth);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }));
        reading.get(60, java.util.concurrent.TimeUnit.SECONDS);
        String all = String.join("\n", seen);
        assertTrue(all.contains("EnvironmentRequested") && all.contains("ServiceReady"), "history first: " + all);
        assertTrue(all.contains("EnvironmentDestroyed"), "then live events, ending with the destruction: " + all);
    }

    @Test
    void shouldHideEnvironmentsFromOtherUsers() throws Exception {
        String owner = "Bearer " + Json.field(register().body(), "access_token");
        String other = "Bearer " + Json.field(register().body(), "access_token");
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"private\",\"services\":{\"redis\":{}}}", owner).body(), "id");

        assertEquals(404, get("/api/v1/environments/" + id, other).statusCode());
        assertEquals(404, get("/api/v1/environments/" + id + "/credentials", other).statusCode());
        assertEquals(404, get("/api/v1/environments/" + id + "/events", other).statusCode());
        assertEquals(404, post("/api/v1/environments/" + id + "/stop", "", other).statusCode());
        assertEquals(404, delete("/api/v1/environments/" + id, other).statusCode());
        assertFalse(get("/api/v1/environments", other).body().contains(id));
        assertEquals(200, delete("/api/v1/environments/" + id, owner).statusCode());
    }

    @Test
    void shouldValidateAtTheEdgeAndHonourIdempotencyKeys() throws Exception {
        String auth = "Bearer " + Json.field(register().body(), "access_token");
        HttpResponse<String> badVersion = post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"redis\":{\"version\":\"2\"}}}", auth);
        assertEquals(422, badVersion.statusCode(), badVersion.body());
        assertTrue(badVersion.body().contains("services.redis.version"), badVersion.body());
        assertEquals(422, post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"oracle\":{}}}", auth).statusCode());
        assertEquals(422, post("/api/v1/environments", "{\"name\":\"\",\"services\":{}}", auth).statusCode());
        assertEquals(400, post("/api/v1/environments", "{\"name\":", auth).statusCode());

        String body = "{\"name\":\"idem\",\"services\":{\"redis\":{\"version\":\"latest\"}}}";
        HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", "retry-1").header("Prefer", "respond-async"), body, auth);
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", "retry-1").header("Prefer", "respond-async"), body, auth);
        assertEquals(202, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Location").isPresent());
        assertEquals(Json.field(first.body(), "id"), Json.field(again.body(), "id"), "the retry names the same environment");
        Eventually.await("the async environment to run", Duration.ofSeconds(60), () -> get("/api/v1/environments/"
                + Json.field(first.body(), "id"), auth).body().contains("\"status\":\"running\""));
        String list = get("/api/v1/environments", auth).body();
        assertEquals(1, list.split("\"name\":\"idem\"", -1).length - 1, "one environment for two requests: " + list);
        delete("/api/v1/environments/" + Json.field(first.body(), "id"), auth);
    }

    private HttpResponse<String> register() throws Exception {
        return post("/api/v1/auth/register", "{\"email\":\"env-" + EventIds.newId("e").substring(2, 12).toLowerCase()
                + "@example.com\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Env Tester\"}", null);
    }

    private HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", auth).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String auth) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)), json, auth);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String json, String auth) throws Exception {
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
