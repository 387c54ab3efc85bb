package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Environments whose instances are containers: the provisioner on the docker runtime (DOCKER_HOST, which .ci/run
 * points at a private engine with the images deploy/docker-test-engine.sh builds). Skips, saying so, where no engine
 * is reachable.
 */
class DockerEnvironmentIT {
    private static final List<String> SERVICES = List.of("redis", "postgresql_pgvector", "elasticmq");
    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String host = System.getenv("DOCKER_HOST");
        assumeTrue(host != null && !host.isBlank(), "DOCKER_HOST is not set: no Docker engine for the docker runtime");
        assumeTrue(dockerAnswers(host), "the Docker engine at " + host + " does not answer");
        stack = new TestStack("docker", Map.of("MOCKFACTORY_PROVISIONER_RUNTIME", "docker",
                "MOCKFACTORY_PROVISIONER_DOCKER_HOST", host));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldServeRedisPgvectorAndSqsFromContainersThroughStopStartAndDestroy() throws Exception {
        String auth = register();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments"))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"in-docker\",\"services\":"
                        + "{\"redis\":{},\"postgresql_pgvector\":{},\"elasticmq\":{}}}")));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        for (String service : SERVICES) {
            assertEquals("true", containerState("mf-" + id + "-" + service), "the instance is the container mf-<environment>-" + service);
        }
        String credentials = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id + "/credentials"))
                .header("Authorization", auth).GET()).body();
        String redisCredentials = Json.object(credentials, "redis");
        String postgres = Json.object(credentials, "postgresql_pgvector");
        String sqsCredentials = Json.object(credentials, "elasticmq");

        try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(redisCredentials, "port")));
             Connection db = PostgresClient.connect(postgres);
             Statement sql = db.createStatement(); SqsClient sqs = sqs(sqsCredentials)) {
            redis.auth(Json.field(redisCredentials, "password"));
            redis.set("where", "container");
            sql.execute("CREATE TABLE items (id int PRIMARY KEY, embedding vector(3))");
            sql.execute("INSERT INTO items VALUES (1, '[1,2,3]'), (2, '[1,1,1]')");
            String queue = sqs.createQueue(c -> c.queueName("jobs")).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(queue).messageBody("kept"));
        }

        assertEquals("stopped", Json.field(post(auth, "/api/v1/environments/" + id + "/stop").body(), "status"));
        for (String service : SERVICES) {
            assertEquals("false", containerState("mf-" + id + "-" + service), service + "'s container is stopped, not removed");
        }
        assertThrows(JedisConnectionException.class,
                () -> new Jedis("localhost", Integer.parseInt(Json.number(redisCredentials, "port"))).ping());

        assertEquals("running", Json.field(post(auth, "/api/v1/environments/" + id + "/start").body(), "status"));
        try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(redisCredentials, "port")));
             Connection db = PostgresClient.connect(postgres);
             Statement sql = db.createStatement(); SqsClient sqs = sqs(sqsCredentials);
             ResultSet nearest = sql.executeQuery("SELECT id FROM items ORDER BY embedding <-> '[1,1,2]' LIMIT 1")) {
            redis.auth(Json.field(redisCredentials, "password"));
            assertEquals("container", redis.get("where"));
            assertTrue(nearest.next());
            assertEquals(2, nearest.getInt(1));
            String queue = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
            assertEquals(List.of("kept"), sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2)).messages().stream()
                    .map(Message::body).toList());
        }

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id))
                .header("Authorization", auth).DELETE());
        assertEquals("destroyed", Json.field(deleted.body(), "status"), deleted.body());
        for (String service : SERVICES) {
            Eventually.await(service + "'s container to be removed", Duration.ofSeconds(15),
                    () -> containerState("mf-" + id + "-" + service).isEmpty());
        }
    }

    /** Through the gateway: the clone's containers get the source's data, copied while it runs, and passwords of their own. */
    @Test
    void shouldCloneRedisPostgresAndElasticMqContainersEachSideKeepingItsOwnWrites() throws Exception {
        String auth = register();
        HttpResponse<String> created = post(auth, "/api/v1/environments",
                "{\"name\":\"clone-source\",\"services\":{\"redis\":{},\"postgresql\":{},\"elasticmq\":{}}}");
        assertEquals(201, created.statusCode(), created.body());
        String source = Json.field(created.body(), "id");
        String sourceCredentials = credentials(auth, source);
        try (Jedis redis = redis(Json.object(sourceCredentials, "redis"));
             Connection db = PostgresClient.connect(Json.object(sourceCredentials, "postgresql"));
             Statement sql = db.createStatement(); SqsClient sqs = sqs(Json.object(sourceCredentials, "elasticmq"))) {
            redis.set("fixture", "from the source");
            sql.execute("CREATE TABLE rows AS SELECT n FROM generate_series(1, 20000) n");
            String queue = sqs.createQueue(c -> c.queueName("jobs")).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(queue).messageBody("queued in the source"));
        }
        HttpResponse<String> cloned = post(auth, "/api/v1/environments/" + source + "/clone", "{\"name\":\"branch\"}");
        assertEquals(201, cloned.statusCode(), cloned.body());
        assertEquals("running", Json.field(cloned.body(), "status"), cloned.body());
        String clone = Json.field(cloned.body(), "id");
        assertEquals("true", containerState("mf-" + clone + "-postgresql"), "the clone runs in containers of its own");
        String cloneCredentials = credentials(auth, clone);
        assertTrue(!Json.field(Json.object(cloneCredentials, "redis"), "password")
                .equals(Json.field(Json.object(sourceCredentials, "redis"), "password")), "the clone has its own password");
        try (Jedis redis = redis(Json.object(cloneCredentials, "redis"));
             Connection db = PostgresClient.connect(Json.object(cloneCredentials, "postgresql"));
             Statement sql = db.createStatement(); SqsClient sqs = sqs(Json.object(cloneCredentials, "elasticmq"))) {
            assertEquals("from the source", redis.get("fixture"));
            String queue = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
            assertEquals(List.of("queued in the source"), sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2))
                    .messages().stream().map(Message::body).toList(), "the clone has the source's message");
            try (ResultSet count = sql.executeQuery("SELECT count(*) FROM rows")) {
                assertTrue(count.next());
                assertEquals(20_000, count.getInt(1));
            }
            redis.set("fixture", "changed in the clone");
            sql.execute("DELETE FROM rows");
        }
        try (Jedis redis = redis(Json.object(sourceCredentials, "redis"));
             Connection db = PostgresClient.connect(Json.object(sourceCredentials, "postgresql"));
             Statement sql = db.createStatement(); ResultSet count = sql.executeQuery("SELECT count(*) FROM rows");
             SqsClient sqs = sqs(Json.object(sourceCredentials, "elasticmq"))) {
            assertEquals("from the source", redis.get("fixture"), "the clone's writes stay in the clone");
            String queue = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
            assertEquals(List.of("queued in the source"), sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2))
                    .messages().stream().map(Message::body).toList(), "the clone's receive took the source's copy from nobody");
            assertTrue(count.next());
            assertEquals(20_000, count.getInt(1));
        }
        for (String id : List.of(clone, source)) {
            send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id)).header("Authorization", auth).DELETE());
        }
    }

    private String credentials(String auth, String environmentId) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + environmentId + "/credentials"))
                .header("Authorization", auth).GET()).body();
    }

    private static Jedis redis(String credentials) {
        Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(credentials, "port")));
        redis.auth(Json.field(credentials, "password"));
        return redis;
    }

    private static SqsClient sqs(String credentials) {
        return SqsClient.builder().endpointOverride(URI.create(Json.field(credentials, "endpoint")))
                .region(Region.of(Json.field(credentials, "region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials, "access_key_id"), Json.field(credentials, "secret_access_key")))).build();
    }

    private HttpResponse<String> post(String auth, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl + path)).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> post(String auth, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static boolean dockerAnswers(String host) {
        try {
            return new ProcessBuilder("docker", "-H", host, "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** "true" or "false" (running or not), or empty when no such container exists. */
    private static String containerState(String name) throws Exception {
        Process inspect = new ProcessBuilder("docker", "-H", System.getenv("DOCKER_HOST"), "inspect", "-f", "{{.State.Running}}", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return inspect.waitFor() == 0 ? out : "";
    }

    private String register() throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"docker-"
                        + EventIds.newId("e").substring(2, 12).toLowerCase() + "@example.com\",\"password\":"
                        + "\"correct-Horse-battery-9\",\"full_name\":\"Docker Tester\"}")));
        return "Bearer " + Json.field(registered.body(), "access_token");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
