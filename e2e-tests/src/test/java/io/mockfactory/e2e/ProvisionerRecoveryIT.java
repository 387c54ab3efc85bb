package io.mockfactory.e2e;

import io.mockfactory.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instances survive a provisioner crash (adopted) and a clean restart (resumed). */
class ProvisionerRecoveryIT extends OnLifecycleStack {

    @Test
    void shouldAdoptInstancesAfterAProvisionerCrashAndResumeThemAfterACleanRestart() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"survivor\",\"services\":{\"redis\":{}}}", auth).body(), "id");
        String credentials = credentials(id, auth);
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
            destroy(id, auth);
            assertEquals(0, redisProcessesOn(port));
        } finally {
            if (!stack.provisioner().isAlive()) {
                restart(stack.provisioner());
            }
        }
    }

    /**
     * A crash while a seed is being applied, after its first command has landed: the restarted provisioner discards
     * the instance the cut-short attempt wrote to and seeds a fresh one, so the seed lands exactly once.
     */
    @Test
    void shouldApplyASeedExactlyOnceWhenTheProvisionerCrashesPartWay() throws Exception {
        String auth = newUser();
        // After the RPUSH, the script holds the seed for 6 s: the crash comes inside that window
        String busy = "local stop = tonumber(redis.call('TIME')[1]) + 6 while tonumber(redis.call('TIME')[1]) < stop do end"
                + " redis.call('SET', 'done', 'yes')";
        Path log = stack.provisioner().logFile();
        String id = Json.field(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments")).header("Prefer", "respond-async"),
                "{\"name\":\"crash-seed\",\"services\":{\"redis\":{\"seed\":{\"commands\":[[\"RPUSH\",\"list\",\"x\"],"
                        + "[\"EVAL\",\"" + busy + "\",\"0\"]]}}}}", auth).body(), "id");
        try {
            Eventually.await("the seed to be under way", Duration.ofSeconds(60),
                    () -> Files.readString(log).contains("Seeding redis of " + id));
            Thread.sleep(1500);
            stack.provisioner().kill();
            restart(stack.provisioner());
            Eventually.await("the environment to run after the crash", Duration.ofSeconds(90), () -> {
                Thread.sleep(1000); // within the tier's rate limit
                return "running".equals(Json.field(get("/api/v1/environments/" + id, auth).body(), "status"));
            });
            String credentials = credentials(id, auth);
            int port = Integer.parseInt(Json.number(credentials, "port"));
            try (Jedis redis = new Jedis("localhost", port)) {
                redis.auth(Json.field(credentials, "password"));
                assertEquals(1, redis.llen("list"), "the first command was not applied a second time");
                assertEquals("yes", redis.get("done"), "the whole seed was applied");
            }
            assertEquals(1, redisProcessesOn(port), "the cut-short attempt's server is gone");
            destroy(id, auth);
        } finally {
            if (!stack.provisioner().isAlive()) {
                restart(stack.provisioner());
            }
        }
    }

    /**
     * A crash while a clone's snapshot is being taken, after PostgreSQL is copied and while Redis's SAVE waits behind a
     * busy script: the restarted provisioner removes the partial copy, takes the snapshot again from scratch, and the
     * clone starts with the data, once, with nothing half-made left behind.
     */
    @Test
    void shouldCloneOnceWithNothingHalfMadeWhenTheProvisionerCrashesDuringTheSnapshot() throws Exception {
        String auth = newUser();
        String source = Json.field(createRunning(auth, "{\"name\":\"crash-clone\",\"services\":{\"postgresql\":{\"seed\":"
                + "{\"sql\":\"CREATE TABLE t AS SELECT n FROM generate_series(1, 1000) n\"}},\"redis\":{\"seed\":"
                + "{\"commands\":[[\"SET\",\"kept\",\"yes\"]]}},\"aws_s3\":{}}}"), "id");
        String redisCredentials = Json.object(credentials(source, auth), "redis");
        try (S3Client s3 = AwsClients.s3(credentials(source, auth))) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(p -> p.bucket("kept").key("object"), RequestBody.fromString("yes"));
        }
        Path log = stack.provisioner().logFile();
        Thread busy = new Thread(() -> {
            try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(redisCredentials, "port")), 20_000)) {
                redis.auth(Json.field(redisCredentials, "password"));
                redis.eval("local stop = tonumber(redis.call('TIME')[1]) + 6 while tonumber(redis.call('TIME')[1]) < stop do end");
            }
        });
        busy.start();
        Thread.sleep(300);
        String clone = Json.field(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments/" + source
                + "/clone")).header("Prefer", "respond-async"), "{\"name\":\"crashed-clone\"}", auth).body(), "id");
        try {
            Eventually.await("the clone's snapshot to be under way", Duration.ofSeconds(30),
                    () -> Files.readString(log).contains("of " + source + " (attempt 1)"));
            Thread.sleep(1000);
            stack.provisioner().kill();
            busy.join();
            Path snapshots = stateDir.resolve("instances").resolve("_snapshots");
            restart(stack.provisioner());
            Eventually.await("the clone to run after the crash", Duration.ofSeconds(90), () -> {
                Thread.sleep(1000); // within the tier's rate limit
                return "running".equals(Json.field(get("/api/v1/environments/" + clone, auth).body(), "status"));
            });
            assertTrue(Files.readString(stack.provisioner().logFile()).contains("of " + source + " (attempt 2)"),
                    "taken again after the crash");
            String credentials = credentials(clone, auth);
            try (Jedis redis = new Jedis(URI.create(Json.field(Json.object(credentials, "redis"), "url")))) {
                assertEquals("yes", redis.get("kept"));
            }
            try (java.sql.Connection db = PostgresClient.connect(Json.object(credentials, "postgresql"));
                 java.sql.ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM t")) {
                rows.next();
                assertEquals(1000, rows.getInt(1));
            }
            // Its S3 part too: the crash came before the snapshot reached it, so the restore waited for the retaken one
            try (S3Client s3 = AwsClients.s3(credentials)) {
                assertEquals("yes", s3.getObjectAsBytes(g -> g.bucket("kept").key("object")).asUtf8String());
            }
            // The stack is shared: other tests' snapshots may be there too; this one's is whole and alone
            java.util.regex.Matcher taken = java.util.regex.Pattern.compile("Taking snapshot (snap_\\S+) of " + source
                    + " \\(attempt 2\\)").matcher(Files.readString(stack.provisioner().logFile()));
            assertTrue(taken.find(), "the snapshot's id is in the log");
            assertTrue(Files.isDirectory(snapshots.resolve(taken.group(1))), "the snapshot is whole");
            assertFalse(Files.exists(snapshots.resolve(taken.group(1) + ".partial")), "nothing half-made is left");
            try (var held = Files.list(snapshots)) {
                List<String> names = held.map(path -> path.getFileName().toString()).toList();
                assertTrue(names.stream().noneMatch(name -> name.endsWith(".partial")), names.toString());
            }
            destroy(clone, auth);
            destroy(source, auth);
        } finally {
            if (!stack.provisioner().isAlive()) {
                restart(stack.provisioner());
            }
        }
    }

    private static ServiceProcess restart(ServiceProcess previous) throws Exception {
        return stack.restart(previous);
    }
}
