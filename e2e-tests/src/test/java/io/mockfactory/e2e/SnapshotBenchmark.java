package io.mockfactory.e2e;

import io.mockfactory.localstack.StackService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and clone time against the size of a PostgreSQL database (-Dbench.sizes-mb=10,100,1000) and the number of
 * S3 objects (-Dbench.s3-objects=1000,10000), through the stack
 * as {@code ./mockfactory up} runs it (-Dbench.runtime=docker: with its containers) (its launcher and JVM options, printed). Beside each, in the same run, what a
 * suite does without snapshots: load the same data into a fresh environment (INSERT … SELECT, the cheapest reload
 * there is). Each figure is one wall-clock reading of the whole request, client to running. Run with -Pbenchmarks.
 */
class SnapshotBenchmark {
    private static final String SIZES = System.getProperty("bench.sizes-mb", "10,100,1000");
    /** {@code ./mockfactory up --runtime docker} with -Dbench.runtime=docker (the engine DOCKER_HOST names). */
    private static final String RUNTIME = System.getProperty("bench.runtime", "local");
    /** S3 environments of this many 1 KiB objects (-Dbench.s3-objects=; empty for none). */
    private static final String OBJECT_COUNTS = System.getProperty("bench.s3-objects", "1000,10000");
    private static final int UPLOADERS = 8;
    /** Rows of about 1 KB: 30 md5 strings of 32 characters each. */
    private static final String FILL = "CREATE TABLE filler AS SELECT n, repeat(md5(n::text), 30) AS pad"
            + " FROM generate_series(1, %d) n";

    @Test
    void measureSnapshotAndCloneAgainstDataSize() throws Exception {
        Path home = Files.createTempDirectory("mockfactory-bench-snapshot");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = Launcher.environment(home);
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        env.put("MOCKFACTORY_TIERS_BEGINNER_RUNNING_ENVIRONMENTS", "1000");
        // A 1 GB database's snapshot and clone are more than the tier's 1 GiB storage quota holds
        env.put("MOCKFACTORY_TIERS_BEGINNER_STORAGE_BYTES", String.valueOf(20L << 30));
        env.put("MOCKFACTORY_GATEWAY_ENVIRONMENTS_WAIT", "600s");
        Process launcher = Launcher.start(env, "--runtime", RUNTIME);
        try {
            assertTrue(Launcher.up(launcher, new StringBuffer()).get(240, TimeUnit.SECONDS), "the stack came up");
            System.out.println("Configuration (as ./mockfactory up --runtime " + RUNTIME + " runs it, the storage quota"
                    + " raised to 20 GiB; data dir " + home + "):");
            StackService.ALL.forEach(service -> System.out.println("  " + service.module() + ": " + service.jvmOptions()));
            Api api = new Api(HttpClient.newHttpClient(), "http://localhost:" + env.get("MOCKFACTORY_GATEWAY_PORT"));
            for (String size : SIZES.split(",")) {
                if (!size.isBlank()) {
                    measure(api, Integer.parseInt(size.strip()));
                }
            }
            for (String count : OBJECT_COUNTS.split(",")) {
                if (!count.isBlank()) {
                    measureS3(api, Integer.parseInt(count.strip()));
                }
            }
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void measure(Api api, int megabytes) throws Exception {
        String source = api.created(api.post("/api/v1/environments", "{\"name\":\"bench\",\"services\":{\"postgresql\":{}}}"));
        long loadStarted = System.nanoTime();
        long bytes = fill(api.postgres(source), megabytes * 1000);
        long loadMillis = millisSince(loadStarted);

        Branching made = Branching.of(api, source);
        assertEquals(bytes, databaseSize(api.postgres(made.cloneId())), 0.2 * bytes, "the clone holds the data");

        System.out.printf("PostgreSQL, %,d MB asked, database %,d MB, snapshot %,d MB: snapshot %,d ms; from_snapshot"
                        + " create->running %,d ms; clone->running %,d ms | without snapshots, loading it into a running"
                        + " environment: %,d ms%n", megabytes, bytes >> 20, made.snapshotBytes() >> 20,
                made.snapshotMillis(), made.branchMillis(), made.cloneMillis(), loadMillis);
        made.remove(api, source);
    }

    /** A snapshot of {@code source}, a branch from it and a clone of the source, each timed client to running. */
    private record Branching(String snapshotId, long snapshotBytes, long snapshotMillis, String branch, long branchMillis,
                             String cloneId, long cloneMillis) {
        static Branching of(Api api, String source) throws Exception {
            long snapshotStarted = System.nanoTime();
            HttpResponse<String> snapshot = api.post("/api/v1/environments/" + source + "/snapshots", "{\"name\":\"bench\"}");
            long snapshotMillis = millisSince(snapshotStarted);
            assertEquals("ready", Json.field(snapshot.body(), "status"), snapshot.body());
            String snapshotId = Json.field(snapshot.body(), "id");
            long branchStarted = System.nanoTime();
            String branch = api.created(api.post("/api/v1/environments", "{\"name\":\"branch\",\"from_snapshot\":\""
                    + snapshotId + "\"}"));
            long branchMillis = millisSince(branchStarted);
            long cloneStarted = System.nanoTime();
            String clone = api.created(api.post("/api/v1/environments/" + source + "/clone", "{}"));
            return new Branching(snapshotId, Long.parseLong(Json.number(snapshot.body(), "size_bytes")), snapshotMillis,
                    branch, branchMillis, clone, millisSince(cloneStarted));
        }

        void remove(Api api, String source) throws Exception {
            for (String id : new String[] {source, branch, cloneId}) {
                api.delete("/api/v1/environments/" + id);
            }
            api.delete("/api/v1/snapshots/" + snapshotId);
        }
    }

    /**
     * An S3 environment of {@code objects} objects: snapshot, branch and clone, beside uploading them again with
     * {@value #UPLOADERS} parallel PUTs (what a suite without snapshots does to get its fixtures back).
     */
    private static void measureS3(Api api, int objects) throws Exception {
        String source = api.created(api.post("/api/v1/environments", "{\"name\":\"bench\",\"services\":{\"aws_s3\":{}}}"));
        byte[] content = new byte[1024];
        long uploadMillis;
        try (S3Client s3 = AwsClients.s3(api.credentials(source))) {
            s3.createBucket(b -> b.bucket("fixtures"));
            ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
            try {
                long started = System.nanoTime();
                List<Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    String key = "object-" + i;
                    puts.add(uploaders.submit(() -> s3.putObject(p -> p.bucket("fixtures").key(key), RequestBody.fromBytes(content))));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
                uploadMillis = millisSince(started);
            } finally {
                uploaders.shutdown();
            }
        }
        Branching made = Branching.of(api, source);
        try (S3Client s3 = AwsClients.s3(api.credentials(made.cloneId()))) {
            assertEquals(objects, s3.listObjectsV2Paginator(l -> l.bucket("fixtures")).contents().stream().count(),
                    "the clone holds every object");
        }
        System.out.printf("S3, %,d objects of 1 KiB: snapshot %,d ms; from_snapshot create->running %,d ms;"
                        + " clone->running %,d ms | without snapshots, uploading them (%d parallel PUTs): %,d ms%n",
                objects, made.snapshotMillis(), made.branchMillis(), made.cloneMillis(), UPLOADERS, uploadMillis);
        made.remove(api, source);
    }

    private static long fill(String credentials, int rows) throws Exception {
        try (Connection db = PostgresClient.connect(credentials); Statement sql = db.createStatement()) {
            sql.execute(String.format(FILL, rows));
        }
        return databaseSize(credentials);
    }

    private static long databaseSize(String credentials) throws Exception {
        try (Connection db = PostgresClient.connect(credentials); Statement sql = db.createStatement();
             ResultSet size = sql.executeQuery("SELECT pg_database_size(current_database())")) {
            size.next();
            return size.getLong(1);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A registered user's calls to the gateway (UploadSeedBenchmark's too). */
    static final class Api {
        private final HttpClient http;
        private final String base;
        private final String auth;

        Api(HttpClient http, String base) throws Exception {
            this.http = http;
            this.base = base;
            this.auth = "Bearer " + Json.field(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + System.nanoTime()
                            + "@example.com\",\"password\":\"correct-Horse-battery-9\",\"full_name\":\"B\"}"))).body(),
                    "access_token");
        }

        /** The file as a seed upload, raw. */
        HttpResponse<String> upload(Path file) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads")).header("Authorization", auth)
                    .header("Content-Type", "application/gzip").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        void delete(String path) throws Exception {
            send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).DELETE());
        }

        /** The id of an environment a create or clone made, checked running. */
        String created(HttpResponse<String> response) {
            assertEquals(201, response.statusCode(), response.body());
            assertEquals("running", Json.field(response.body(), "status"), response.body());
            return Json.field(response.body(), "id");
        }

        String postgres(String environmentId) throws Exception {
            return Json.object(credentials(environmentId), "postgresql");
        }

        String credentials(String environmentId) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/environments/" + environmentId
                    + "/credentials")).header("Authorization", auth).GET()).body();
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
