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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Create → running latency of environments ({@code -Dbench.service=redis|postgresql|postgresql_pgvector|postgis|elasticmq|aws_s3}) through the whole stack (gateway, Kafka, provisioner with the
 * local driver, events, read model), one at a time and as a concurrent burst. Prints figures; asserts only success.
 * Run with {@code -Pbenchmarks}.
 */
class EnvironmentLatencyBenchmark {
    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 30);
    private static final int BURST = Integer.getInteger("bench.burst", 200);
    private static final String SERVICE = System.getProperty("bench.service", "redis");
    private static final String RUNTIME = System.getProperty("bench.runtime", "local");

    @Test
    void measureCreateToRunning() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Path state = Files.createTempDirectory("mockfactory-bench-env");
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = ServiceSettings.on(infra);
        ServiceSettings.withInternalToken(env, state.resolve("secrets"));
        env.put("MOCKFACTORY_STATE_DIR", state.toString());
        env.put("MOCKFACTORY_LOG_LEVEL", "WARN");
        env.put("MOCKFACTORY_TIERS_BEGINNER_REQUESTS_PER_MINUTE", "100000");
        env.put("MOCKFACTORY_TIERS_BEGINNER_RUNNING_ENVIRONMENTS", "100000");
        if ("docker".equals(RUNTIME)) {
            // -Dbench.runtime=docker: instances as containers on the engine DOCKER_HOST names
            env.put("MOCKFACTORY_PROVISIONER_RUNTIME", "docker");
            env.put("MOCKFACTORY_PROVISIONER_DOCKER_HOST", System.getenv("DOCKER_HOST"));
        }
        env.put("MOCKFACTORY_GATEWAY_RATE_LIMIT_AUTH_PER_CLIENT_PER_MINUTE", "100000");
        env.put("MOCKFACTORY_GATEWAY_ENVIRONMENTS_WAIT", "120s");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            int s3Port = FreePorts.pick();
            env.put("MOCKFACTORY_S3_PORT", String.valueOf(s3Port));
            env.put("MOCKFACTORY_S3_PUBLIC_ENDPOINT", "http://localhost:" + s3Port);
            for (String module : List.of("auth-service", "environment-service", "provisioner-service", "storage-emulation-service")) {
                ServiceProcess process = ServiceProcess.start(module, ServiceJars.of(module), FreePorts.pick(), env,
                        List.of("-Xmx384m"), state.resolve(module + ".log"));
                services.add(process);
                env.put("MOCKFACTORY_SERVICES_" + module.substring(0, module.indexOf('-')).toUpperCase() + "_URL", process.baseUrl());
            }
            for (ServiceProcess process : services) {
                process.awaitHealthy(Duration.ofSeconds(90));
            }
            ServiceProcess gateway = ServiceProcess.start("gateway-service", ServiceJars.of("gateway-service"),
                    FreePorts.pick(), env, List.of("-Xmx384m"), state.resolve("gateway.log"));
            services.add(gateway);
            gateway.awaitHealthy(Duration.ofSeconds(90));

            HttpClient http = HttpClient.newHttpClient();
            String auth = "Bearer " + Json.field(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/auth/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-"
                            + System.nanoTime() + "@example.com\",\"password\":\"correct-Horse-battery-9\",\"full_name\":\"B\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body(), "access_token");

            long[] sequential = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                sequential[i] = createAndDestroy(http, gateway.baseUrl(), auth);
            }
            report(SERVICE + " on " + RUNTIME + ", one at a time", sequential);

            ExecutorService pool = Executors.newFixedThreadPool(BURST);
            List<Future<Long>> burst = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                burst.add(pool.submit(() -> create(http, gateway.baseUrl(), auth)));
            }
            long[] burstMillis = new long[BURST];
            for (int i = 0; i < BURST; i++) {
                burstMillis[i] = burst.get(i).get();
            }
            pool.shutdown();
            report(SERVICE + " on " + RUNTIME + ", burst of " + BURST + " concurrent creates (all " + BURST + " running after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)", burstMillis);
        } finally {
            services.forEach(process -> process.stop(Duration.ofSeconds(30)));
        }
    }

    private static long createAndDestroy(HttpClient http, String baseUrl, String auth) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> created = post(http, baseUrl + "/api/v1/environments", auth);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(201, created.statusCode(), created.body());
        http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments/" + Json.field(created.body(), "id")))
                .header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        return millis;
    }

    private static long create(HttpClient http, String baseUrl, String auth) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> created = post(http, baseUrl + "/api/v1/environments", auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"));
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"services\":{\"" + SERVICE + "\":{}}}")).build(),
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
