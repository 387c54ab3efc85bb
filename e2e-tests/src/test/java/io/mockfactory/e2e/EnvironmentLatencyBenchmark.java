package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.localstack.StackService;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Create → running latency through the stack as {@code ./mockfactory up} runs it (the launcher, its JVM options,
 * printed): for every type and version the catalog says is available ({@code -Dbench.services=redis:7,postgresql:16}
 * to choose), one at a time, then a burst of concurrent creates of the first one. {@code -Dbench.runtime=docker}
 * starts the stack with {@code --runtime docker} on the engine DOCKER_HOST names. A type the stack keeps a warm pool of
 * is measured twice in the same run: each create with the pool stocked (after its refill), then with the pool looking
 * empty (its rows held locked, so leases find nothing: the path of a drained pool); the memory of one warm server is
 * printed between. The tier's quota and rate limit are raised for the run. Run with {@code -Pbenchmarks}.
 */
class EnvironmentLatencyBenchmark {
    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 15);
    private static final int BURST = Integer.getInteger("bench.burst", 50);
    private static final String SERVICES = System.getProperty("bench.services", "");
    private static final String RUNTIME = System.getProperty("bench.runtime", "local");
    /** The provisioner's default pool size for redis and the PostgreSQL flavours at their default version. */
    private static final int POOL_SIZE = Integer.getInteger("bench.pool-size", 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measureCreateToRunning() throws Exception {
        Path home = Files.createTempDirectory("mockfactory-bench-env");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = Launcher.environment(home);
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        env.put("MOCKFACTORY_TIERS_BEGINNER_REQUESTS_PER_MINUTE", "100000");
        env.put("MOCKFACTORY_TIERS_BEGINNER_RUNNING_ENVIRONMENTS", "100000");
        env.put("MOCKFACTORY_GATEWAY_RATE_LIMIT_AUTH_PER_CLIENT_PER_MINUTE", "100000");
        env.put("MOCKFACTORY_GATEWAY_ENVIRONMENTS_WAIT", "120s");
        Process launcher = "docker".equals(RUNTIME) ? Launcher.start(env, "--runtime", "docker") : Launcher.start(env);
        try {
            assertTrue(Launcher.up(launcher, new StringBuffer()).get(240, TimeUnit.SECONDS), "the stack came up");
            System.out.println("Configuration (as ./mockfactory up runs it, runtime " + RUNTIME + "; quota and rate limit raised):");
            StackService.ALL.forEach(service -> System.out.println("  " + service.module() + ": " + service.jvmOptions()));
            String base = "http://localhost:" + env.get("MOCKFACTORY_GATEWAY_PORT");
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Bearer " + Json.field(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-"
                            + System.nanoTime() + "@example.com\",\"password\":\"correct-Horse-battery-9\",\"full_name\":\"B\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body(), "access_token");
            List<String> measured = SERVICES.isBlank() ? available(http, base, auth) : List.of(SERVICES.split(","));
            int postgresPort = Integer.parseInt(env.get("MOCKFACTORY_POSTGRES_PORT"));
            try (WarmPoolProbe pools = new WarmPoolProbe(postgresPort)) {
                for (String service : measured) {
                    // The first create of a version makes its template; that one is not what later creates cost
                    createAndDestroy(http, base, auth, service, new ArrayList<>());
                    String[] typeAndVersion = (service + ":").split(":");
                    if (pools.exists(typeAndVersion[0], typeAndVersion[1])) {
                        // The same creates twice: each with the pool stocked, then with the pool looking empty
                        sequential(http, base, auth, service, postgresPort, "from a stocked warm pool",
                                () -> pools.awaitStock(typeAndVersion[0], typeAndVersion[1], POOL_SIZE));
                        long[] memory = pools.memoryPerInstance(typeAndVersion[0]);
                        System.out.printf("  memory per warm %s server (its process tree): RSS %d KiB, PSS %d KiB%n",
                                service, memory[0], memory[1]);
                        // Stocked first: with no lease to answer, the keeper adds no row the hold would miss
                        pools.awaitStock(typeAndVersion[0], typeAndVersion[1], POOL_SIZE);
                        pools.holdAll();
                        sequential(http, base, auth, service, postgresPort, "warm pool empty", () -> { });
                        pools.release();
                    } else {
                        sequential(http, base, auth, service, postgresPort, "no warm pool for it", () -> { });
                    }
                }
            }
            String first = measured.get(0);
            ExecutorService pool = Executors.newFixedThreadPool(BURST);
            List<Future<Long>> burst = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                burst.add(pool.submit(() -> create(http, base, auth, first)));
            }
            long[] burstMillis = new long[BURST];
            for (int i = 0; i < BURST; i++) {
                burstMillis[i] = burst.get(i).get();
            }
            pool.shutdown();
            report(first + ", burst of " + BURST + " concurrent creates (all running after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)", burstMillis);
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void sequential(HttpClient http, String base, String auth, String service, int postgresPort, String label,
                                   Step beforeEach) throws Exception {
        long[] millis = new long[SEQUENTIAL];
        List<String> created = new ArrayList<>();
        for (int i = 0; i < SEQUENTIAL; i++) {
            beforeEach.run();
            millis[i] = createAndDestroy(http, base, auth, service, created);
        }
        report(service + ", one at a time, " + label, millis);
        System.out.println("  " + PipelineHops.medians(postgresPort, service.startsWith("aws_s3") ? "storage" : "provisioner", created));
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Every type:version the catalog serves, but S3's (a namespace, no process). */
    private static List<String> available(HttpClient http, String base, String auth) throws Exception {
        JsonNode catalog = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/catalog"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String> services = new ArrayList<>();
        for (JsonNode entry : catalog.path("services")) {
            for (JsonNode version : entry.path("versions")) {
                services.add(entry.path("type").asText() + ":" + version.asText());
            }
        }
        return services;
    }

    private static long createAndDestroy(HttpClient http, String baseUrl, String auth, String service, List<String> ids)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> created = post(http, baseUrl + "/api/v1/environments", auth, service);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(201, created.statusCode(), created.body());
        ids.add(Json.field(created.body(), "id"));
        http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments/" + Json.field(created.body(), "id")))
                .header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        return millis;
    }

    private static long create(HttpClient http, String baseUrl, String auth, String service) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> created = post(http, baseUrl + "/api/v1/environments", auth, service);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"));
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** @param service {@code type:version} */
    private static HttpResponse<String> post(HttpClient http, String url, String auth, String service) throws Exception {
        String[] typeAndVersion = service.split(":", 2);
        String version = typeAndVersion.length > 1 ? "{\"version\":\"" + typeAndVersion[1] + "\"}" : "{}";
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"services\":{\"" + typeAndVersion[0] + "\":" + version + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String label, long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("create -> running (%s, n=%d): p50 %d ms, p95 %d ms, max %d ms%n", label, sorted.length,
                sorted[(int) Math.ceil(0.50 * sorted.length) - 1], sorted[(int) Math.ceil(0.95 * sorted.length) - 1],
                sorted[sorted.length - 1]);
    }
}
