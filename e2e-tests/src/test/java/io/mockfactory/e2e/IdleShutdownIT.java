package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle auto-shutdown with the windows shortened to seconds: an environment whose clients keep using it stays
 * running; left alone, it is stopped (data kept) with EnvironmentIdle in its history.
 */
class IdleShutdownIT {
    private static final Duration IDLE_AFTER = Duration.ofSeconds(8);
    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = new TestStack("idle", Map.of(
                "MOCKFACTORY_ENVIRONMENTS_IDLE_AFTER", IDLE_AFTER.toSeconds() + "s",
                "MOCKFACTORY_ENVIRONMENTS_IDLE_CHECK", "500ms",
                "MOCKFACTORY_PROVISIONER_ACTIVITY_CHECK", "1s",
                "MOCKFACTORY_S3_ACTIVITY_REPORT_INTERVAL", "1s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldKeepAUsedRedisRunningAndStopItOnceLeftAlone() throws Exception {
        String auth = register();
        String id = create(auth, "{\"name\":\"idle-redis\",\"services\":{\"redis\":{}}}");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(credentials, "port")))) {
            redis.auth(Json.field(credentials, "password"));
            Instant until = Instant.now().plus(IDLE_AFTER.multipliedBy(2));
            while (Instant.now().isBefore(until)) {
                redis.incr("heartbeat");
                Thread.sleep(300);
            }
            assertEquals("running", status(id, auth), "in use for twice the idle window");
            redis.set("kept", "yes");
        }
        Eventually.await("the unused environment to be stopped", IDLE_AFTER.multipliedBy(4), () -> "stopped".equals(status(id, auth)));
        assertTrue(get("/api/v1/environments/" + id + "/events", auth).body().contains("EnvironmentIdle"));

        assertEquals("running", Json.field(post("/api/v1/environments/" + id + "/start", auth).body(), "status"));
        try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(credentials, "port")))) {
            redis.auth(Json.field(credentials, "password"));
            assertEquals("yes", redis.get("kept"), "an idle stop keeps the data");
        }
        delete(id, auth);
    }

    @Test
    void shouldCountS3RequestsAsUse() throws Exception {
        String auth = register();
        String id = create(auth, "{\"name\":\"idle-s3\",\"services\":{\"aws_s3\":{}}}");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(Json.field(credentials, "endpoint")))
                .region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Json.field(credentials, "access_key_id"),
                                Json.field(credentials, "secret_access_key")))).build()) {
            Instant until = Instant.now().plus(IDLE_AFTER.multipliedBy(2));
            while (Instant.now().isBefore(until)) {
                s3.listBuckets();
                Thread.sleep(300);
            }
        }
        assertEquals("running", status(id, auth), "S3 requests are use");
        Eventually.await("the unused environment to be stopped", IDLE_AFTER.multipliedBy(4), () -> "stopped".equals(status(id, auth)));
        delete(id, auth);
    }

    private String status(String id, String auth) throws Exception {
        return Json.field(get("/api/v1/environments/" + id, auth).body(), "status");
    }

    private String create(String auth, String body) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments"))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return Json.field(created.body(), "id");
    }

    private String register() throws Exception {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"idle-"
                        + EventIds.newId("e").substring(2, 12).toLowerCase() + "@example.com\",\"password\":"
                        + "\"correct-Horse-battery-9\",\"full_name\":\"Idle Tester\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return "Bearer " + Json.field(registered.body(), "access_token");
    }

    private HttpResponse<String> get(String path, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl + path)).header("Authorization", auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl + path)).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void delete(String id, String auth) throws Exception {
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id))
                .header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("destroyed", Json.field(deleted.body(), "status"), deleted.body());
    }
}
