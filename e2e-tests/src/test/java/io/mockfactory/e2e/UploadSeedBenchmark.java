package io.mockfactory.e2e;

import io.mockfactory.localstack.StackService;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 fixtures from an upload, through the stack as {@code ./mockfactory up} runs it (its JVM options printed): a
 * gzipped tar of N files of 1 KiB (-Dbench.files=1000,10000) and one of a single large file (-Dbench.large-mb=100):
 * the upload's time (POST /api/v1/uploads, streamed through the gateway to storage) and create->running of an
 * aws_s3 environment seeded from it. Beside them, in the same run, what a suite does without it: the same files put
 * with {@value #UPLOADERS} parallel PUTs into a fresh environment. Each figure is one wall-clock reading, client side.
 * Run with -Pbenchmarks.
 */
class UploadSeedBenchmark {
    private static final String FILE_COUNTS = System.getProperty("bench.files", "1000,10000");
    private static final int LARGE_MB = Integer.getInteger("bench.large-mb", 100);
    private static final int UPLOADERS = 8;

    @Test
    void measureUploadAndSeedAgainstPuts() throws Exception {
        Path home = Files.createTempDirectory("mockfactory-bench-upload");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = Launcher.environment(home);
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        env.put("MOCKFACTORY_TIERS_BEGINNER_STORAGE_BYTES", String.valueOf(20L << 30));
        Process launcher = Launcher.start(env);
        try {
            assertTrue(Launcher.up(launcher, new StringBuffer()).get(240, TimeUnit.SECONDS), "the stack came up");
            System.out.println("Configuration (as ./mockfactory up runs it, the storage quota raised to 20 GiB; data dir "
                    + home + "):");
            StackService.ALL.forEach(service -> System.out.println("  " + service.module() + ": " + service.jvmOptions()));
            SnapshotBenchmark.Api api = new SnapshotBenchmark.Api(HttpClient.newHttpClient(),
                    "http://localhost:" + env.get("MOCKFACTORY_GATEWAY_PORT"));
            for (String count : FILE_COUNTS.split(",")) {
                if (!count.isBlank()) {
                    measure(api, home, Integer.parseInt(count.strip()), 1024);
                }
            }
            if (LARGE_MB > 0) {
                measure(api, home, 1, LARGE_MB << 20);
            }
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void measure(SnapshotBenchmark.Api api, Path home, int files, int fileBytes) throws Exception {
        byte[] content = new byte[fileBytes];
        new Random(files).nextBytes(content);
        Path archive = tarGz(home.resolve("fixtures-" + files + ".tar.gz"), files, content);
        long started = System.nanoTime();
        HttpResponse<String> uploaded = api.upload(archive);
        long uploadMillis = millisSince(started);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String upload = Json.field(uploaded.body(), "id");
        started = System.nanoTime();
        String seeded = api.created(api.post("/api/v1/environments", "{\"name\":\"seeded\",\"services\":{\"aws_s3\":"
                + "{\"seed\":{\"objects\":{\"upload\":\"" + upload + "\",\"bucket\":\"fixtures\"}}}}}"));
        long seedMillis = millisSince(started);
        try (S3Client s3 = AwsClients.s3(api.credentials(seeded))) {
            assertEquals(files, s3.listObjectsV2Paginator(l -> l.bucket("fixtures")).contents().stream().count(),
                    "the seeded bucket holds every file");
        }
        started = System.nanoTime();
        String fresh = api.created(api.post("/api/v1/environments", "{\"name\":\"puts\",\"services\":{\"aws_s3\":{}}}"));
        try (S3Client s3 = AwsClients.s3(api.credentials(fresh))) {
            s3.createBucket(b -> b.bucket("fixtures"));
            ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
            try {
                List<Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < files; i++) {
                    String key = "files/file-" + i;
                    puts.add(uploaders.submit(() -> s3.putObject(p -> p.bucket("fixtures").key(key), RequestBody.fromBytes(content))));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                uploaders.shutdown();
            }
        }
        long putMillis = millisSince(started);
        System.out.printf("S3, %,d files of %,d bytes (%,d-byte tar.gz): upload %,d ms; seeded create->running %,d ms"
                        + " | without uploads, create->running then %d parallel PUTs: %,d ms%n",
                files, fileBytes, Files.size(archive), uploadMillis, seedMillis, UPLOADERS, putMillis);
        api.delete("/api/v1/environments/" + seeded);
        api.delete("/api/v1/environments/" + fresh);
        api.delete("/api/v1/uploads/" + upload);
        Files.delete(archive);
    }

    private static Path tarGz(Path archive, int files, byte[] content) throws Exception {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(archive), 1 << 16))) {
            for (int i = 0; i < files; i++) {
                TarArchiveEntry entry = new TarArchiveEntry("files/file-" + i);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
