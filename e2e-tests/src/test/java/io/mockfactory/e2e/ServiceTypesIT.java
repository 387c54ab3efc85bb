package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each service type with its own real client: PostGIS, pgvector, ElasticMQ through the SQS SDK, all six together. */
class ServiceTypesIT extends OnLifecycleStack {

    @Test
    void shouldServePgvectorForSimilaritySearch() throws Exception {
        Running env = running("{\"name\":\"vectors\",\"services\":{\"postgresql_pgvector\":{\"version\":\"latest\"}}}");
        String credentials = env.credentials();
        assertTrue(Json.field(credentials, "url").startsWith("postgresql://postgres:"), credentials);
        try (Connection db = PostgresClient.connect(credentials); Statement sql = db.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            sql.execute("CREATE TABLE items (id int PRIMARY KEY, embedding vector(3))");
            sql.execute("INSERT INTO items VALUES (1, '[1,2,3]'), (2, '[4,5,6]'), (3, '[1,1,1]')");
            try (ResultSet nearest = sql.executeQuery("SELECT id, embedding <-> '[1,1,2]' FROM items ORDER BY embedding <-> '[1,1,2]' LIMIT 1")) {
                assertTrue(nearest.next());
                assertEquals(3, nearest.getInt(1));
                assertEquals(1.0, nearest.getDouble(2), 1e-9);
            }
        }
        destroy(env.id(), env.auth());
    }

    @Test
    void shouldServeSqsThroughElasticMqAcrossStopAndStart() throws Exception {
        Running env = running("{\"name\":\"queues\",\"services\":{\"elasticmq\":{}}}");
        String credentials = env.credentials();
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

            assertEquals("stopped", Json.field(post("/api/v1/environments/" + env.id() + "/stop", "", env.auth()).body(), "status"));
            assertThrows(SdkClientException.class, () -> sqs.listQueues());

            assertEquals("running", Json.field(post("/api/v1/environments/" + env.id() + "/start", "", env.auth()).body(), "status"));
            assertEquals(List.of("second"), sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2)).messages().stream()
                    .map(Message::body).toList(), "queues and messages survive a stop");
        }
        destroy(env.id(), env.auth());
    }

    @Test
    void shouldServePostgisWithTheExtensionReady() throws Exception {
        Running env = running("{\"name\":\"gis\",\"services\":{\"postgis\":{}}}");
        String credentials = env.credentials();
        // Every PostgreSQL flavour's credentials carry username and database (postgis once lacked both)
        try (Connection db = PostgresClient.connect(credentials); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT ST_Distance('POINT(0 0)'::geometry, 'POINT(3 4)'::geometry)")) {
            assertTrue(rs.next());
            assertEquals(5.0, rs.getDouble(1), 1e-9);
        }
        destroy(env.id(), env.auth());
    }

    @Test
    void shouldGiveABeginnerEveryServiceTypeInOneEnvironment() throws Exception {
        String auth = newUser();
        List<String> types = List.of("redis", "postgresql", "postgresql_pgvector", "postgis", "elasticmq", "aws_s3");
        String id = Json.field(createRunning(auth, "{\"name\":\"everything\",\"services\":{"
                + String.join(",", types.stream().map(type -> "\"" + type + "\":{}").toList()) + "}}"), "id");
        String credentials = credentials(id, auth);
        for (String type : types) {
            String own = Json.object(credentials, type);
            assertTrue(own.contains("\"url\":") || own.contains("\"endpoint\":"), type + " has a ready-to-use url or endpoint: " + own);
        }
        destroy(id, auth);
    }
}
