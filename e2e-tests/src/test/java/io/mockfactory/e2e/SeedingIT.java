package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeds on create through the whole stack, checked with each service's own client: SQL for PostgreSQL, commands for
 * Redis, queues for ElasticMQ; and a seed the service refuses, which fails the environment with the service's error
 * and releases everything it held.
 */
class SeedingIT extends OnLifecycleStack {

    @Test
    void shouldHandEachServiceOverHoldingItsSeed() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"seeded\",\"services\":{"
                + "\"postgresql\":{\"seed\":{\"sql\":\"CREATE TABLE users (id int PRIMARY KEY, name text);"
                + " INSERT INTO users SELECT n, 'user ' || n FROM generate_series(1, 1000) n;\"}},"
                + "\"redis\":{\"seed\":{\"commands\":[[\"SET\",\"greeting\",\"hello world\"],\"HSET user:1 name 'Ada L'\","
                + "\"RPUSH jobs a b c\"]}},"
                + "\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"jobs\",\"messages\":[\"first\",\"second\"]},"
                + "{\"name\":\"orders.fifo\",\"messages\":[\"o1\",\"o2\",\"o2\"]},{\"name\":\"empty\"}]}}}}", auth).body(), "id");
        awaitStatus(id, auth, "running");
        String credentials = credentials(id, auth);

        try (Connection db = PostgresClient.connect(Json.object(credentials, "postgresql")); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), max(name) FILTER (WHERE id = 1000) FROM users")) {
            assertTrue(rows.next());
            assertEquals(1000, rows.getInt(1));
            assertEquals("user 1000", rows.getString(2));
        }
        try (Jedis redis = new Jedis(URI.create(Json.field(Json.object(credentials, "redis"), "url")))) {
            assertEquals("hello world", redis.get("greeting"));
            assertEquals("Ada L", redis.hget("user:1", "name"), "a command line is split as redis-cli splits it");
            assertEquals(List.of("a", "b", "c"), redis.lrange("jobs", 0, -1));
        }
        try (SqsClient sqs = AwsClients.sqs(credentials)) {
            assertEquals(List.of("first", "second"), receiveAll(sqs, "jobs"));
            assertEquals(List.of("o1", "o2", "o2"), receiveAll(sqs, "orders.fifo"),
                    "a FIFO queue keeps the seed's order, repeated bodies included");
            assertEquals(List.of(), receiveAll(sqs, "empty"));
        }
        destroy(id, auth);
    }

    @Test
    void shouldFailOnARefusedSeedWithTheServicesErrorAndReleaseEverything() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"bad-seed\",\"services\":{\"redis\":{},\"aws_s3\":{},"
                + "\"postgresql\":{\"seed\":{\"sql\":\"CREATE TABLE t (id int); INSERT INTO no_such_table VALUES (1)\"}}}}",
                auth).body(), "id");
        String failed = awaitStatus(id, auth, "failed");
        String lastError = Json.field(failed, "last_error");
        assertTrue(lastError.startsWith("postgresql: seed failed") && lastError.contains("no_such_table")
                && lastError.contains("42P01"), lastError);

        Eventually.await("every service of the failed environment to be released", Duration.ofSeconds(60), () -> {
            Thread.sleep(500);
            String services = Json.object(get("/api/v1/environments/" + id, auth).body(), "services");
            return List.of("redis", "aws_s3", "postgresql").stream()
                    .allMatch(type -> "destroyed".equals(Json.field(Json.object(services, type), "status")));
        });
        String after = get("/api/v1/environments/" + id, auth).body();
        assertEquals("failed", Json.field(after, "status"), "the clean-up keeps the environment failed: " + after);
        assertEquals(lastError, Json.field(after, "last_error"));
        assertEquals(0, Json.usage(get("/api/v1/account/limits", auth).body(), "running_environments"));
        destroy(id, auth);
    }

    /** An S3 seed copies buckets of the caller's other environments; a bucket that is not the caller's fails it. */
    @Test
    void shouldSeedS3WithABucketOfAnotherOfTheUsersEnvironments() throws Exception {
        String auth = newUser();
        String source = Json.field(post("/api/v1/environments", "{\"name\":\"fixtures\",\"services\":{\"aws_s3\":{}}}",
                auth).body(), "id");
        try (S3Client s3 = AwsClients.s3(credentials(source, auth))) {
            s3.createBucket(b -> b.bucket("fixtures"));
            for (int i = 0; i < 20; i++) {
                int n = i;
                s3.putObject(p -> p.bucket("fixtures").key("file-" + n), RequestBody.fromString("content " + n));
            }
        }
        String seed = "{\"buckets\":[{\"environment_id\":\"" + source + "\",\"bucket\":\"fixtures\"}]}";
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"seeded\",\"services\":{\"aws_s3\":{\"seed\":"
                + seed + "}}}", auth).body(), "id");
        awaitStatus(id, auth, "running");
        try (S3Client s3 = AwsClients.s3(credentials(id, auth))) {
            assertEquals(20, s3.listObjectsV2(l -> l.bucket("fixtures")).keyCount());
            assertEquals("content 7", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("file-7")).asUtf8String());
        }
        HttpResponse<String> malformed = post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"aws_s3\":"
                + "{\"seed\":{\"buckets\":[{\"environment_id\":\"nope\",\"bucket\":\"Bad_Name\"}]}}}}", auth);
        assertEquals(422, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().contains("services.aws_s3.seed.buckets[0].environment_id"), malformed.body());

        String stranger = newUser();
        String theft = Json.field(post("/api/v1/environments", "{\"name\":\"theft\",\"services\":{\"aws_s3\":{\"seed\":"
                + seed + "}}}", stranger).body(), "id");
        String lastError = Json.field(awaitStatus(theft, stranger, "failed"), "last_error");
        assertTrue(lastError.contains("aws_s3") && lastError.contains("is not one of your environments"), lastError);
        destroy(theft, stranger);
        destroy(id, auth);
        destroy(source, auth);
    }

    /**
     * An S3 seed from an upload: a zip sent raw to the gateway (streamed to storage-emulation-service), listed and read
     * back, unpacked into the new environment's bucket; a key that is not the caller's and a body that is no archive
     * are refused, and a JSON body past 1 MB is still 413 on every other route.
     */
    @Test
    void shouldSeedS3WithTheFilesOfAnUpload() throws Exception {
        String auth = newUser();
        byte[] zip = zip(java.util.Map.of("fixtures/users.json", "[{\"id\":1}]", "readme.txt", "hello"));
        HttpResponse<String> uploaded = upload(auth, zip, "upload-retry-1");
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String uploadId = Json.field(uploaded.body(), "id");
        assertEquals("zip", Json.field(uploaded.body(), "format"));
        HttpResponse<String> retried = upload(auth, zip, "upload-retry-1");
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(uploadId, Json.field(retried.body(), "id"), "the same Idempotency-Key is the same upload");
        assertTrue(get("/api/v1/uploads", auth).body().contains(uploadId));
        assertEquals(404, get("/api/v1/uploads/" + uploadId, newUser()).statusCode(), "another user's upload stays hidden");
        HttpResponse<String> text = upload(auth, "plain text".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals(415, text.statusCode(), text.body());
        assertEquals(413, RawHttp.status(baseUrl, "POST", "/api/v1/uploads", "Authorization: " + auth
                + "\r\nContent-Length: " + (300L << 20) + "\r\nExpect: 100-continue\r\n", 0), "past the upload cap (256 MiB)");
        assertEquals(413, RawHttp.status(baseUrl, "POST", "/api/v1/environments", "Authorization: " + auth
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 << 20) + "\r\n", 2 << 20),
                "every other body is still buffered and bounded at 1 MB");

        String seed = "{\"objects\":{\"upload\":\"" + uploadId + "\",\"bucket\":\"fixtures\"}}";
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"unpacked\",\"services\":{\"aws_s3\":{\"seed\":"
                + seed + "}}}", auth).body(), "id");
        awaitStatus(id, auth, "running");
        try (S3Client s3 = AwsClients.s3(credentials(id, auth))) {
            assertEquals(List.of("fixtures/users.json", "readme.txt"), s3.listObjectsV2(l -> l.bucket("fixtures")).contents()
                    .stream().map(o -> o.key()).toList());
            assertEquals("hello", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("readme.txt")).asUtf8String());
        }
        String stranger = newUser();
        String theft = Json.field(post("/api/v1/environments", "{\"name\":\"theft\",\"services\":{\"aws_s3\":{\"seed\":"
                + seed + "}}}", stranger).body(), "id");
        String lastError = Json.field(awaitStatus(theft, stranger, "failed"), "last_error");
        assertTrue(lastError.contains("is not one of your uploads"), lastError);
        assertEquals(204, delete("/api/v1/uploads/" + uploadId, auth).statusCode());
        assertEquals(404, get("/api/v1/uploads/" + uploadId, auth).statusCode());
        destroy(theft, stranger);
        destroy(id, auth);
    }

    /**
     * A Redis seed from an uploaded RDB file, fetched from a running environment with redis-cli --rdb (as a user
     * would), loaded into a new environment that serves it with its own password; an archive is not an RDB file, nor
     * the other way round.
     */
    @Test
    void shouldSeedRedisWithAnUploadedRdbFile() throws Exception {
        String auth = newUser();
        String source = Json.field(post("/api/v1/environments", "{\"name\":\"rdb-source\",\"services\":{\"redis\":{}}}",
                auth).body(), "id");
        awaitStatus(source, auth, "running");
        String sourceUrl = Json.field(Json.object(credentials(source, auth), "redis"), "url");
        try (Jedis redis = new Jedis(URI.create(sourceUrl))) {
            for (int i = 0; i < 1000; i++) {
                redis.set("key:" + i, "value " + i);
            }
            redis.hset("user:1", "name", "Ada");
        }
        java.nio.file.Path rdb = java.nio.file.Files.createTempFile("seed", ".rdb");
        Process cli = new ProcessBuilder("redis-cli", "-u", sourceUrl, "--rdb", rdb.toString()).redirectErrorStream(true).start();
        String cliOutput = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, cli.waitFor(), "redis-cli --rdb: " + cliOutput);
        HttpResponse<String> uploaded = upload(auth, java.nio.file.Files.readAllBytes(rdb), null);
        java.nio.file.Files.delete(rdb);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertEquals("rdb", Json.field(uploaded.body(), "format"));
        String uploadId = Json.field(uploaded.body(), "id");

        String id = Json.field(post("/api/v1/environments", "{\"name\":\"from-rdb\",\"services\":{\"redis\":{\"seed\":"
                + "{\"rdb\":\"" + uploadId + "\"}}}}", auth).body(), "id");
        awaitStatus(id, auth, "running");
        String url = Json.field(Json.object(credentials(id, auth), "redis"), "url");
        assertFalse(url.equals(sourceUrl), "its own port and password");
        try (Jedis redis = new Jedis(URI.create(url))) {
            assertEquals(1001, redis.dbSize());
            assertEquals("value 999", redis.get("key:999"));
            assertEquals("Ada", redis.hget("user:1", "name"));
            redis.set("only", "in the new one");
        }
        try (Jedis redis = new Jedis(URI.create(sourceUrl))) {
            assertEquals(null, redis.get("only"), "the source is untouched");
        }
        String notArchive = Json.field(post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"aws_s3\":{\"seed\":"
                + "{\"objects\":{\"upload\":\"" + uploadId + "\",\"bucket\":\"fixtures\"}}}}}", auth).body(), "id");
        assertTrue(Json.field(awaitStatus(notArchive, auth, "failed"), "last_error").contains("is an RDB file"));
        String zipId = Json.field(upload(auth, zip(java.util.Map.of("a", "b")), null).body(), "id");
        String notRdb = Json.field(post("/api/v1/environments", "{\"name\":\"y\",\"services\":{\"redis\":{\"seed\":"
                + "{\"rdb\":\"" + zipId + "\"}}}}", auth).body(), "id");
        String lastError = Json.field(awaitStatus(notRdb, auth, "failed"), "last_error");
        assertTrue(lastError.contains("is not an RDB file"), lastError);
        for (String environment : List.of(notArchive, notRdb, id, source)) {
            destroy(environment, auth);
        }
    }

    private HttpResponse<String> upload(String auth, byte[] body, String idempotencyKey) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/uploads"))
                .header("Authorization", auth).header("Content-Type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] zip(java.util.Map<String, String> files) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (String name : new java.util.TreeSet<>(files.keySet())) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(files.get(name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldNameTheRedisCommandThatFailedWithoutItsArguments() throws Exception {
        String lastError = lastErrorOfFailedSeed("redis", "{\"commands\":[\"SET ok 1\",\"LPUSH ok private-value\"]}");
        assertTrue(lastError.contains("command 2 (LPUSH)") && lastError.contains("WRONGTYPE"), lastError);
        assertFalse(lastError.contains("private-value"), lastError);
    }

    /** SQL run as the owner could lock the environment's own credentials out: that is a failed seed, not a running service. */
    @Test
    void shouldFailASeedThatChangesTheOwnersPassword() throws Exception {
        String lastError = lastErrorOfFailedSeed("postgresql", "{\"sql\":\"ALTER ROLE postgres PASSWORD 'chosen-by-the-seed'\"}");
        assertTrue(lastError.contains("no longer logs in with the environment's password"), lastError);
    }

    /** Creates an environment of one seeded service, awaits its failure and destroys it. @return its last_error */
    private String lastErrorOfFailedSeed(String type, String seed) throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"bad-seed\",\"services\":{\"" + type
                + "\":{\"seed\":" + seed + "}}}", auth).body(), "id");
        String lastError = Json.field(awaitStatus(id, auth, "failed"), "last_error");
        destroy(id, auth);
        return lastError;
    }

    private String awaitStatus(String id, String auth, String status) throws Exception {
        String[] last = {""};
        Eventually.await("environment " + id + " to be " + status, Duration.ofSeconds(90), () -> {
            Thread.sleep(500); // within the tier's rate limit
            HttpResponse<String> current = get("/api/v1/environments/" + id, auth);
            last[0] = current.body();
            return status.equals(Json.field(current.body(), "status"));
        });
        return last[0];
    }

    private static List<String> receiveAll(SqsClient sqs, String queue) {
        String url = sqs.getQueueUrl(q -> q.queueName(queue)).queueUrl();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        return messages.stream().map(Message::body).toList();
    }
}
