package io.mockfactory.e2e;

import io.mockfactory.localstack.StackService;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as users get it: the whole stack started by the launcher of {@code ./mockfactory up}, with its JVM
 * options (printed), driven over loopback. Measures the authenticated environment list with a JWT, as clients get it
 * (the gateway's short-lived list cache, see EnvironmentListCache) and with {@code Cache-Control: no-cache} (every
 * request through environment-service to PostgreSQL), and {@code /api/v1/account/limits} (the tier from the token,
 * the running count from environment-service) with a JWT and with an API key.
 * With {@code wrk} on the PATH it drives with wrk (2 threads), else with a Java client. The tier's rate limit is
 * raised for the run, since it would otherwise be what is measured. Prints req/s and latency percentiles plus the
 * stack's idle and loaded RSS; asserts only that requests succeeded. Run with {@code -Pbenchmarks}.
 */
class GatewayLoadBenchmark {
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 45));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

    @Test
    void measureTheShippedStack() throws Exception {
        Path home = Files.createTempDirectory("mockfactory-bench");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = Launcher.environment(home);
        env.put("MOCKFACTORY_TIERS_BEGINNER_REQUESTS_PER_MINUTE", "1000000000");
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        Process launcher = Launcher.start(env);
        try {
            assertTrue(Launcher.up(launcher, new StringBuffer()).get(240, TimeUnit.SECONDS), "the stack came up");
            String base = "http://localhost:" + env.get("MOCKFACTORY_GATEWAY_PORT");
            System.out.println("Configuration (as ./mockfactory up runs it; rate limit raised for the run):");
            StackService.ALL.forEach(service -> System.out.println("  " + service.module() + ": " + service.jvmOptions()));
            Thread.sleep(5_000);
            System.out.printf("Idle RSS of the stack (launcher with Kafka, PostgreSQL, six services): %d MiB%n",
                    rssMiB(launcher.toHandle()));
            HttpClient http = HttpClient.newHttpClient();
            String jwt = Json.field(post(http, base + "/api/v1/auth/register", null, "{\"email\":\"bench-" + System.nanoTime()
                    + "@example.com\",\"password\":\"correct-Horse-battery-9\",\"full_name\":\"Bench\"}"), "access_token");
            String apiKey = Json.field(post(http, base + "/api/v1/api-keys", jwt, "{\"name\":\"bench\"}"), "key");
            post(http, base + "/api/v1/environments", jwt, "{\"name\":\"listed\",\"services\":{\"aws_s3\":{}}}");

            String bearer = "Authorization: Bearer " + jwt;
            run("GET /api/v1/environments, JWT", base + "/api/v1/environments", bearer);
            run("GET /api/v1/environments, JWT, Cache-Control: no-cache", base + "/api/v1/environments", bearer,
                    "Cache-Control: no-cache");
            run("GET /api/v1/account/limits, JWT", base + "/api/v1/account/limits", bearer);
            run("GET /api/v1/account/limits, API key", base + "/api/v1/account/limits", "X-API-Key: " + apiKey);
            System.out.printf("RSS of the stack after the runs: %d MiB%n", rssMiB(launcher.toHandle()));
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** @param headers each as {@code Name: value} */
    private static void run(String label, String url, String... headers) throws Exception {
        if (wrkAvailable()) {
            wrk(url, headers, WARMUP);
            String summary = wrk(url, headers, MEASURE);
            System.out.println(label + " (wrk -t2 -c" + CONCURRENCY + "): " + summary);
            assertFalse(summary.contains("Non-2xx"), "every request succeeded");
            return;
        }
        drive(url, headers, WARMUP);
        Result result = drive(url, headers, MEASURE);
        long[] latencies = result.latenciesMicros();
        Arrays.sort(latencies);
        System.out.printf("%s (Java client, concurrency %d): %.0f req/s; p50 %.2f ms, p99 %.2f ms; failures %d%n", label,
                CONCURRENCY, latencies.length / (double) MEASURE.toSeconds(), percentile(latencies, 50),
                percentile(latencies, 99), result.failures());
        assertEquals(0, result.failures(), "every request succeeded");
    }

    private static boolean wrkAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/wrk"));
    }

    /** @return wrk's summary: requests/s, the latency percentiles and any non-2xx count */
    private static String wrk(String url, String[] headers, Duration duration) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t2", "-c" + CONCURRENCY,
                "-d" + duration.toSeconds() + "s", "--latency"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return output.lines().filter(line -> line.contains("Requests/sec") || line.matches("\\s+(50|90|99)%.*")
                || line.contains("Non-2xx")).map(String::strip).reduce((a, b) -> a + "; " + b).orElse(output);
    }

    private record Result(long[] latenciesMicros, long failures) {
    }

    private static Result drive(String url, String[] headers, Duration duration) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        for (String header : headers) {
            int colon = header.indexOf(':');
            builder.header(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        HttpRequest request = builder.build();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<long[]>> parts = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            parts.add(workers.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] samples = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = (System.nanoTime() - start) / 1000;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> part : parts) {
            all.add(part.get());
        }
        workers.shutdown();
        return new Result(all.stream().flatMapToLong(Arrays::stream).toArray(), failures.get());
    }

    private static String post(HttpClient http, String url, String jwt, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The launcher and everything it started: Kafka and PostgreSQL's processes, the services, instances. */
    private static long rssMiB(ProcessHandle root) {
        long kib = rssKiB(root.pid());
        for (ProcessHandle child : root.descendants().toList()) {
            kib += rssKiB(child.pid());
        }
        return kib / 1024;
    }

    private static long rssKiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0);
        } catch (Exception gone) {
            return 0;
        }
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }
}
