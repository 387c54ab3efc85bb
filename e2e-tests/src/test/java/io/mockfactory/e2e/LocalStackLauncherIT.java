package io.mockfactory.e2e;

import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.StackService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code ./mockfactory up} runs, as a user runs it: the launcher process on its own ports and state directory. */
class LocalStackLauncherIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> ENV = new HashMap<>();
    private static Process launcher;
    private static final StringBuffer OUTPUT = new StringBuffer();
    private static int gatewayPort;

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Files.createTempDirectory("mockfactory-home");
        ENV.put("MOCKFACTORY_HOME", home.toString());
        ENV.put("MOCKFACTORY_REPO_ROOT", ServiceJars.repoRoot().toString());
        ENV.put("MOCKFACTORY_KAFKA_PORT", String.valueOf(FreePorts.pick()));
        ENV.put("MOCKFACTORY_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.pick()));
        ENV.put("MOCKFACTORY_POSTGRES_PORT", String.valueOf(FreePorts.pick()));
        for (StackService service : StackService.ALL) {
            ENV.put(service.portVariable(), String.valueOf(FreePorts.pick()));
        }
        gatewayPort = Integer.parseInt(ENV.get("MOCKFACTORY_GATEWAY_PORT"));
        launcher = launch();
        assertTrue(watchOutput(launcher, "MockFactory is up").get(240, TimeUnit.SECONDS),
                "the stack did not come up:\n" + OUTPUT);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldServeTheGatewayAndStopEverythingOnSigterm() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"healthy\""), health.body());

        HttpResponse<String> root = get("/");
        assertTrue(root.body().contains("\"name\":\"MockFactory API\""), root.body());
        assertTrue(root.body().contains("\"docs\":\"/docs\""), root.body());

        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort
                + "/api/v1/auth/register")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"launcher@example.com\",\"password\":\"correct-Horse-battery-9\",\"full_name\":\"L\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), "sign-up through the launched gateway and auth-service: " + registered.body());
        HttpResponse<String> unauthenticated = get("/api/v1/auth/me");
        assertEquals(401, unauthenticated.statusCode());

        HttpResponse<String> docs = get("/docs");
        assertEquals(200, docs.statusCode());
        assertTrue(docs.body().contains("swagger-ui"), "Swagger UI page");
        assertEquals(200, get("/swagger/mockfactory-api.yml").statusCode());
        assertEquals(200, get("/swagger-ui/res/swagger-ui-bundle.js").statusCode());

        Process second = launch();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, second.exitValue(), secondOutput);
        assertTrue(secondOutput.contains("already in use"), secondOutput);
        assertFalse(secondOutput.contains("Exception"), "a clear sentence, not a stack trace: " + secondOutput);

        List<ProcessHandle> everything = new ArrayList<>(launcher.descendants().toList());
        assertTrue(everything.size() >= 6, "six services (and PostgreSQL) run under the launcher: " + everything.size());
        launcher.destroy();
        assertTrue(launcher.waitFor(90, TimeUnit.SECONDS), "launcher stops on SIGTERM");
        for (ProcessHandle process : everything) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        assertTrue(everything.stream().noneMatch(ProcessHandle::isAlive), "no process is left behind");
    }

    private static Process launch() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx768m",
                "-Dlogback.configurationFile=logback-launcher.xml", "-cp",
                ServiceJars.repoRoot().resolve("local-stack/target/local-stack.jar") + ":"
                        + ServiceJars.repoRoot().resolve("local-stack/target/lib") + "/*",
                "io.mockfactory.localstack.LocalStackLauncher")
                .redirectErrorStream(true);
        builder.environment().putAll(ENV);
        return builder.start();
    }

    /** Copies the launcher's output into {@link #OUTPUT} on a daemon thread; completes once {@code marker} appears. */
    private static CompletableFuture<Boolean> watchOutput(Process process, String marker) {
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    OUTPUT.append(line).append('\n');
                    if (line.contains(marker)) {
                        seen.complete(true);
                    }
                }
            } catch (java.io.IOException e) {
                OUTPUT.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
            seen.complete(false);
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return seen;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
