package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots and branches through the whole stack, checked with each service's own client: PostgreSQL with 100,000
 * rows, Redis with 10,000 keys and S3 with 1,000 objects (versioned and tagged) are snapshotted while they run, an environment is made from the snapshot and another
 * cloned, each side then changes and shows only its own changes, and the branches keep their data across a stop and
 * start (Redis's restored data must reach its AOF).
 */
class SnapshotIT extends OnLifecycleStack {
    private static final int ROWS = 100_000;
    private static final int KEYS = 10_000;
    private static final int OBJECTS = 1_000;
    private static final int MESSAGES = 200;

    @Test
    void shouldBranchAnEnvironmentWhoseSidesThenChangeApart() throws Exception {
        String auth = newUser();
        String source = Json.field(createRunning(auth, "{\"name\":\"fixtures\",\"services\":{\"postgresql\":{\"seed\":"
                + "{\"sql\":\"CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users SELECT n, 'user ' || n"
                + " FROM generate_series(1, " + ROWS + ") n;\"}},\"redis\":{},\"aws_s3\":{}}}"), "id");
        String sourceCredentials = credentials(source, auth);
        try (Jedis redis = redis(sourceCredentials)) {
            Pipeline pipeline = redis.pipelined();
            for (int i = 0; i < KEYS; i++) {
                pipeline.set("key:" + i, "value " + i);
            }
            pipeline.sync();
        }
        String firstVersion;
        try (S3Client s3 = AwsClients.s3(sourceCredentials)) {
            s3.createBucket(b -> b.bucket("fixtures"));
            s3.putBucketVersioning(v -> v.bucket("fixtures").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            IntStream.range(0, OBJECTS).parallel().forEach(i -> s3.putObject(p -> p.bucket("fixtures").key("object-" + i)
                    .tagging("index=" + i), RequestBody.fromString("object " + i)));
            firstVersion = s3.putObject(p -> p.bucket("fixtures").key("doc"), RequestBody.fromString("first")).versionId();
            s3.putObject(p -> p.bucket("fixtures").key("doc"), RequestBody.fromString("second"));
        }

        HttpResponse<String> taken = post("/api/v1/environments/" + source + "/snapshots", "{\"name\":\"before-tests\"}", auth);
        assertEquals(201, taken.statusCode(), taken.body());
        assertEquals("ready", Json.field(taken.body(), "status"), taken.body());
        String snapshot = Json.field(taken.body(), "id");
        assertTrue(snapshot.startsWith("snap_") && Long.parseLong(Json.number(taken.body(), "size_bytes")) > 1_000_000,
                taken.body());
        assertEquals(source, Json.field(taken.body(), "environment_id"));
        long size = Long.parseLong(Json.number(taken.body(), "size_bytes"));
        Eventually.await("the snapshot to count against the storage quota", Duration.ofSeconds(30), () -> {
            Thread.sleep(500); // within the tier's rate limit
            return Json.usage(get("/api/v1/account/limits", auth).body(), "storage_bytes") >= size;
        });
        assertTrue(Json.array(get("/api/v1/snapshots", auth).body(), "items").contains(snapshot));
        String stranger = newUser();
        assertEquals(404, get("/api/v1/snapshots/" + snapshot, stranger).statusCode(), "another user's snapshot is hidden");
        assertEquals(404, delete("/api/v1/snapshots/" + snapshot, stranger).statusCode());
        assertEquals(422, post("/api/v1/environments", "{\"name\":\"theft\",\"from_snapshot\":\"" + snapshot + "\"}",
                stranger).statusCode(), "nobody else can branch it");

        String branch = Json.field(createRunning(auth, "{\"name\":\"branch\",\"from_snapshot\":\"" + snapshot + "\"}"), "id");
        String branchCredentials = credentials(branch, auth);
        assertNotEquals(Json.field(Json.object(sourceCredentials, "postgresql"), "password"),
                Json.field(Json.object(branchCredentials, "postgresql"), "password"), "a branch has its own password");
        assertNotEquals(Json.number(Json.object(sourceCredentials, "redis"), "port"),
                Json.number(Json.object(branchCredentials, "redis"), "port"), "and its own ports");
        assertEquals(ROWS, count(branchCredentials, "SELECT count(*) FROM users"));
        try (Jedis redis = redis(branchCredentials)) {
            assertEquals(KEYS, redis.dbSize());
            assertEquals("value 42", redis.get("key:42"));
        }
        assertNotEquals(Json.field(Json.object(sourceCredentials, "aws_s3"), "access_key_id"),
                Json.field(Json.object(branchCredentials, "aws_s3"), "access_key_id"), "and its own S3 keys");
        try (S3Client s3 = AwsClients.s3(branchCredentials)) {
            assertEquals(OBJECTS + 1, objectKeys(s3).size());
            assertEquals("object 7", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("object-7")).asUtf8String());
            assertEquals("7", s3.getObjectTagging(t -> t.bucket("fixtures").key("object-7")).tagSet().get(0).value());
            assertEquals("second", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("doc")).asUtf8String());
            assertEquals("first", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("doc").versionId(firstVersion))
                    .asUtf8String(), "every version comes with the snapshot");
        }

        // Each side changes; neither sees the other's change
        execute(sourceCredentials, "INSERT INTO users VALUES (" + (ROWS + 1) + ", 'only in the source')");
        execute(branchCredentials, "DELETE FROM users WHERE id = 1");
        try (Jedis redis = redis(sourceCredentials)) {
            redis.set("only", "source");
        }
        try (Jedis redis = redis(branchCredentials)) {
            redis.set("only", "branch");
            redis.del("key:0");
        }
        try (S3Client s3 = AwsClients.s3(sourceCredentials)) {
            s3.putObject(p -> p.bucket("fixtures").key("only-in-source"), RequestBody.fromString("source"));
        }
        try (S3Client s3 = AwsClients.s3(branchCredentials)) {
            s3.deleteObject(d -> d.bucket("fixtures").key("object-0"));
            s3.putObject(p -> p.bucket("fixtures").key("doc"), RequestBody.fromString("branch"));
        }
        try (S3Client s3 = AwsClients.s3(sourceCredentials)) {
            assertEquals("object 0", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("object-0")).asUtf8String());
            assertEquals("second", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("doc")).asUtf8String());
            assertEquals(OBJECTS + 2, objectKeys(s3).size());
        }
        try (S3Client s3 = AwsClients.s3(branchCredentials)) {
            assertEquals(OBJECTS, objectKeys(s3).size(), "one deleted; the source's new object is not here");
            assertEquals("branch", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("doc")).asUtf8String());
        }
        assertEquals(ROWS + 1, count(sourceCredentials, "SELECT count(*) FROM users"));
        assertEquals(1, count(sourceCredentials, "SELECT count(*) FROM users WHERE id = 1"));
        assertEquals(ROWS - 1, count(branchCredentials, "SELECT count(*) FROM users"));
        assertEquals(0, count(branchCredentials, "SELECT count(*) FROM users WHERE id = " + (ROWS + 1)));
        try (Jedis redis = redis(sourceCredentials)) {
            assertEquals("source", redis.get("only"));
            assertEquals("value 0", redis.get("key:0"));
        }

        // A clone copies the source as it is now, the source's change included
        HttpResponse<String> cloned = post("/api/v1/environments/" + source + "/clone", "{}", auth);
        assertEquals(201, cloned.statusCode(), cloned.body());
        assertEquals("running", Json.field(cloned.body(), "status"), cloned.body());
        assertEquals("fixtures-clone", Json.field(cloned.body(), "name"));
        String clone = Json.field(cloned.body(), "id");
        String cloneCredentials = credentials(clone, auth);
        assertEquals(ROWS + 1, count(cloneCredentials, "SELECT count(*) FROM users"));
        try (Jedis redis = redis(cloneCredentials)) {
            assertEquals("source", redis.get("only"));
        }
        try (S3Client s3 = AwsClients.s3(cloneCredentials)) {
            assertEquals("source", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("only-in-source")).asUtf8String());
            assertEquals(OBJECTS + 2, objectKeys(s3).size());
        }
        assertTrue(!Json.array(get("/api/v1/snapshots", auth).body(), "items").contains("clone of"),
                "the clone's own snapshot is not listed");

        for (String made : new String[] {branch, clone}) {
            Eventually.await(made + "'s history to say where its data came from", Duration.ofSeconds(30), () -> {
                Thread.sleep(500); // within the tier's rate limit
                String history = get("/api/v1/environments/" + made + "/events", auth).body();
                return history.contains("\"EnvironmentCloned\"") && history.contains(source);
            });
        }

        // The branch keeps what it holds across a stop and a start
        assertEquals(200, post("/api/v1/environments/" + branch + "/stop", "", auth).statusCode());
        assertEquals(200, post("/api/v1/environments/" + branch + "/start", "", auth).statusCode());
        assertEquals(ROWS - 1, count(branchCredentials, "SELECT count(*) FROM users"));
        try (Jedis redis = redis(branchCredentials)) {
            assertEquals("branch", redis.get("only"));
            assertEquals(KEYS, redis.dbSize(), "10,000 restored keys, one deleted, one added");
        }
        try (S3Client s3 = AwsClients.s3(branchCredentials)) {
            assertEquals(OBJECTS, objectKeys(s3).size());
        }

        // The clone's own snapshot counts too until it goes: the deleted one's bytes are what must leave the figure
        long storedBefore = Json.usage(get("/api/v1/account/limits", auth).body(), "storage_bytes");
        assertEquals(204, delete("/api/v1/snapshots/" + snapshot, auth).statusCode());
        assertEquals(404, get("/api/v1/snapshots/" + snapshot, auth).statusCode());
        assertEquals("[]", Json.array(get("/api/v1/snapshots", auth).body(), "items"));
        Eventually.await("a deleted snapshot to count no more", Duration.ofSeconds(30), () -> {
            Thread.sleep(500);
            return Json.usage(get("/api/v1/account/limits", auth).body(), "storage_bytes") <= storedBefore - size;
        });
        for (String id : new String[] {source, branch, clone}) {
            destroy(id, auth);
        }
    }

    /**
     * ElasticMQ's messages are in an embedded H2 database, copied by H2's online backup while the queue is in use:
     * a branch has the queues, their attributes and every message; what either side sends or consumes afterwards stays
     * on that side, and the branch's queue URLs name its own port.
     */
    @Test
    void shouldBranchQueuesWithTheirMessages() throws Exception {
        String auth = newUser();
        String source = Json.field(createRunning(auth, "{\"name\":\"queues\",\"services\":{\"elasticmq\":{}}}"), "id");
        String sourceCredentials = credentials(source, auth);
        try (SqsClient sqs = AwsClients.sqs(sourceCredentials)) {
            String url = sqs.createQueue(q -> q.queueName("jobs").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                    "45"))).queueUrl();
            for (int i = 0; i < MESSAGES; i += 10) {
                int first = i;
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(first, first + 10).mapToObj(n ->
                        SendMessageBatchRequestEntry.builder().id("m" + n).messageBody("job " + n).build()).toList()));
            }
        }
        HttpResponse<String> taken = post("/api/v1/environments/" + source + "/snapshots", "{\"name\":\"queued\"}", auth);
        assertEquals(201, taken.statusCode(), taken.body());
        assertEquals("ready", Json.field(taken.body(), "status"), taken.body());
        String snapshot = Json.field(taken.body(), "id");
        try (SqsClient sqs = AwsClients.sqs(sourceCredentials)) {
            sqs.sendMessage(m -> m.queueUrl(sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl()).messageBody("later"));
        }

        String branch = Json.field(createRunning(auth, "{\"name\":\"queue-branch\",\"from_snapshot\":\"" + snapshot
                + "\"}"), "id");
        String branchCredentials = credentials(branch, auth);
        try (SqsClient sqs = AwsClients.sqs(branchCredentials)) {
            String url = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
            assertTrue(url.contains(":" + Json.number(Json.object(branchCredentials, "elasticmq"), "port") + "/"), url);
            assertEquals("45", sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
            Set<String> bodies = drain(sqs, url);
            assertEquals(MESSAGES, bodies.size(), "every message of the snapshot, once");
            assertTrue(bodies.contains("job 0") && bodies.contains("job " + (MESSAGES - 1)) && !bodies.contains("later"));
        }
        try (SqsClient sqs = AwsClients.sqs(sourceCredentials)) {
            String url = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
            assertEquals(MESSAGES + 1, drain(sqs, url).size(), "the branch consumed its own copies only");
        }
        assertEquals(204, delete("/api/v1/snapshots/" + snapshot, auth).statusCode());
        destroy(source, auth);
        destroy(branch, auth);
    }

    /** A retried snapshot or clone (a timeout, a lost answer) with the same Idempotency-Key makes nothing twice. */
    @Test
    void shouldTakeOneSnapshotAndMakeOneClonePerIdempotencyKey() throws Exception {
        String auth = newUser();
        String id = Json.field(createRunning(auth, "{\"name\":\"keyed\",\"services\":{\"redis\":{}}}"), "id");
        String path = "/api/v1/environments/" + id;
        HttpResponse<String> first = keyed(path + "/snapshots", "snap-1", "{\"name\":\"once\"}", auth);
        HttpResponse<String> again = keyed(path + "/snapshots", "snap-1", "{\"name\":\"once\"}", auth);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(Json.field(first.body(), "id"), Json.field(again.body(), "id"), "the retry names the same snapshot");
        HttpResponse<String> reused = keyed(path + "/snapshots", "snap-1", "{\"name\":\"other\"}", auth);
        assertEquals(422, reused.statusCode(), reused.body());
        assertTrue(reused.body().contains("idempotency-key-reused"), reused.body());
        assertEquals(1, Json.array(get("/api/v1/snapshots", auth).body(), "items").split("\"snap_", -1).length - 1);

        HttpResponse<String> clone = keyed(path + "/clone", "clone-1", "{\"name\":\"copy\"}", auth);
        HttpResponse<String> cloneAgain = keyed(path + "/clone", "clone-1", "{\"name\":\"copy\"}", auth);
        assertEquals(201, clone.statusCode(), clone.body());
        assertEquals(Json.field(clone.body(), "id"), Json.field(cloneAgain.body(), "id"), "the retry names the same clone");
        String list = get("/api/v1/environments", auth).body();
        assertEquals(1, list.split("\"name\":\"copy\"", -1).length - 1, "one clone for two requests: " + list);
        assertEquals(400, keyed(path + "/clone", "", "{}", auth).statusCode(), "an empty key is refused");

        destroy(Json.field(clone.body(), "id"), auth);
        assertEquals(204, delete("/api/v1/snapshots/" + Json.field(first.body(), "id"), auth).statusCode());
        destroy(id, auth);
    }

    private HttpResponse<String> keyed(String path, String key, String body, String auth) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Idempotency-Key", key), body, auth);
    }

    /**
     * A stopped environment's files are copied as they are (each server was shut down cleanly), and a branch of it
     * has its data as of the stop, the source its own after a start.
     */
    @Test
    void shouldSnapshotAStoppedEnvironment() throws Exception {
        String auth = newUser();
        String source = Json.field(createRunning(auth, "{\"name\":\"resting\",\"services\":{\"redis\":{},"
                + "\"postgresql\":{},\"elasticmq\":{}}}"), "id");
        String sourceCredentials = credentials(source, auth);
        try (Jedis redis = redis(sourceCredentials); SqsClient sqs = AwsClients.sqs(sourceCredentials)) {
            redis.set("kept", "as of the stop");
            execute(sourceCredentials, "CREATE TABLE users AS SELECT n FROM generate_series(1, 1000) n");
            String url = sqs.createQueue(q -> q.queueName("jobs")).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(url).messageBody("queued before the stop"));
        }
        assertEquals(200, post("/api/v1/environments/" + source + "/stop", "", auth).statusCode());
        HttpResponse<String> taken = post("/api/v1/environments/" + source + "/snapshots", "{\"name\":\"resting\"}", auth);
        assertEquals(201, taken.statusCode(), taken.body());
        assertEquals("ready", Json.field(taken.body(), "status"), taken.body());
        String snapshot = Json.field(taken.body(), "id");
        HttpResponse<String> unnamed = post("/api/v1/environments/" + source + "/snapshots", "{}", auth);
        assertEquals(422, unnamed.statusCode(), unnamed.body());
        assertTrue(unnamed.body().contains("\"name\""), unnamed.body());

        assertEquals(200, post("/api/v1/environments/" + source + "/start", "", auth).statusCode());
        try (Jedis redis = redis(sourceCredentials)) {
            assertEquals("as of the stop", redis.get("kept"), "the source starts with its own data");
            redis.set("kept", "changed after the snapshot");
        }
        String branch = Json.field(createRunning(auth, "{\"name\":\"woken\",\"from_snapshot\":\"" + snapshot + "\"}"), "id");
        String branchCredentials = credentials(branch, auth);
        try (Jedis redis = redis(branchCredentials); SqsClient sqs = AwsClients.sqs(branchCredentials)) {
            assertEquals("as of the stop", redis.get("kept"));
            assertEquals(1000, count(branchCredentials, "SELECT count(*) FROM users"));
            assertEquals(Set.of("queued before the stop"), drain(sqs, sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl()));
        }
        assertEquals(204, delete("/api/v1/snapshots/" + snapshot, auth).statusCode());
        destroy(branch, auth);
        destroy(source, auth);
    }

    /** Receives and deletes until the queue is empty. @return the bodies received */
    private static Set<String> drain(SqsClient sqs, String url) {
        Set<String> bodies = new HashSet<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            batch.forEach(message -> assertTrue(bodies.add(message.body()), "received twice: " + message.body()));
            sqs.deleteMessageBatch(d -> d.queueUrl(url).entries(batch.stream().map(message ->
                    DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle())
                            .build()).toList()));
        }
    }

    private static List<String> objectKeys(S3Client s3) {
        return s3.listObjectsV2Paginator(l -> l.bucket("fixtures")).contents().stream().map(S3Object::key).toList();
    }

    private static Jedis redis(String credentials) {
        return new Jedis(URI.create(Json.field(Json.object(credentials, "redis"), "url")));
    }

    private static long count(String credentials, String query) throws Exception {
        long[] seen = {-1};
        // A restarted server may take a moment to accept the session
        Eventually.await("PostgreSQL to answer " + query, Duration.ofSeconds(30), () -> {
            try (Connection db = PostgresClient.connect(Json.object(credentials, "postgresql"));
                 Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
                rows.next();
                seen[0] = rows.getLong(1);
                return true;
            }
        });
        return seen[0];
    }

    private static void execute(String credentials, String statement) throws Exception {
        try (Connection db = PostgresClient.connect(Json.object(credentials, "postgresql")); Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }
}
