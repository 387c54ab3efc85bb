package io.mockfactory.e2e;

import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Load driver for an authenticated cheap GET ({@code /api/v1/account/limits}, answered by the gateway) with a JWT
 * and with an API key; gateway and auth-service run as their own processes. Prints req/s and latency percentiles;
 * asserts only that every request succeeded. Run with {@code -Pbenchmarks}.
 */
class GatewayLoadBenchmark {
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 30));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

    @Test
    void measureAuthenticatedGetThroughput() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Path secrets = Files.createTempDirectory("mockfactory-bench");
        Map<String, String> env = ServiceSettings.on(infra);
        ServiceSettings.withInternalToken(env, secrets);
        env.put("MOCKFACTORY_TIERS_BEGINNER_REQUESTS_PER_MINUTE", "1000000000");
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        List<String> jvm = List.of("-Xmx512m", "-XX:+UseParallelGC");
        try (ServiceProcess auth = ServiceProcess.start("auth-service", ServiceJars.of("auth-service"), FreePorts.pick(),
                env, jvm, secrets.resolve("auth.log"))) {
            auth.awaitHealthy(Duration.ofSeconds(90));
            env.put("MOCKFACTORY_SERVICES_AUTH_URL", auth.baseUrl());
            try (ServiceProcess gateway = ServiceProcess.start("gateway-service", ServiceJars.of("gateway-service"),
                    FreePorts.pick(), env, jvm, secrets.resolve("gateway.log"))) {
                gateway.awaitHealthy(Duration.ofSeconds(90));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String registered = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/auth/register"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"bench-" + System.nanoTime() + "@example.com\",\"password\":\"correct-Horse-battery-9\","
                                        + "\"full_name\":\"Bench\"}")).build(), HttpResponse.BodyHandlers.ofString()).body();
                String jwt = Json.field(registered, "access_token");
                String apiKey = Json.field(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/api-keys"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + jwt)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body(), "key");

                run("JWT", gateway.baseUrl(), "Authorization", "Bearer " + jwt);
                run("API key", gateway.baseUrl(), "X-API-Key", apiKey);
            }
        }
    }

    private static void run(String label, String baseUrl, String header, String value) throws Exception {
        drive(baseUrl, header, value, WARMUP);
        Result result = drive(baseUrl, header, value, MEASURE);
        long[] latencies = result.latenciesMicros();
        Arrays.sort(latencies);
        System.out.printf("gateway GET /api/v1/account/limits with %s: %d requests in %d s at concurrency %d = %.0f req/s;"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms; failures %d%n",
                label, latencies.length, MEASURE.toSeconds(), CONCURRENCY, latencies.length / (double) MEASURE.toSeconds(),
                percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1] / 1000.0,
                result.failures());
        assertEquals(0, result.failures(), "every request succeeded");
    }

    private record Result(long[] latenciesMicros, long failures) {
    }

    private static Result drive(String baseUrl, String header, String value, Duration duration) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/account/limits")).header(header, value).GET().build();
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
                    long micros = (System.nanoTime() - start) / 1000;
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = micros;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> part : parts) {
            all.add(part.get());
        }
        workers.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(merged, failures.get());
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }
}
