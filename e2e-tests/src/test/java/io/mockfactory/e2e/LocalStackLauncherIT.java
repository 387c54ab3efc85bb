package io.mockfactory.e2e;

import io.mockfactory.localstack.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./mockfactory up} runs, as a user runs it: the launcher process on its own ports and state directory,
 * on a machine whose PATH has no redis-server (so Redis 7 cannot be served; the bundled 6.2 can).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackLauncherIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> ENV = new HashMap<>();
    private static Process launcher;
    private static final StringBuffer OUTPUT = new StringBuffer();
    private static int gatewayPort;
    private static Path home;
    private static String bearer;

    @BeforeAll
    static void startStack() throws Exception {
        OnLifecycleStack.closeSharedStack();
        home = Files.createTempDirectory("mockfactory-home");
        // Instances run as the postgres user, who must be able to traverse down to their directories
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        ENV.putAll(Launcher.environment(home));
        ENV.put("PATH", pathWithout(home.resolve("bin"), "redis-server", "redis-check-rdb", "redis-check-aof"));
        gatewayPort = Integer.parseInt(ENV.get("MOCKFACTORY_GATEWAY_PORT"));
        launcher = launch();
        assertTrue(Launcher.up(launcher, OUTPUT).get(240, TimeUnit.SECONDS),
                "the stack did not come up:\n" + OUTPUT);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A PATH with links to every command of /usr/bin but the named ones. */
    private static String pathWithout(Path dir, String... excluded) throws Exception {
        Files.createDirectories(dir);
        try (var commands = Files.list(Path.of("/usr/bin"))) {
            for (Path command : commands.toList()) {
                if (!List.of(excluded).contains(command.getFileName().toString())) {
                    Files.createSymbolicLink(dir.resolve(command.getFileName()), command);
                }
            }
        }
        return dir + ":/usr/sbin";
    }

    @Test
    @Order(1)
    void shouldServeTheGatewayAndRefuseASecondLauncherOnTheSameState() throws Exception {
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

        bearer = "Bearer " + Json.field(registered.body(), "access_token");

        Process second = launch();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, second.exitValue(), secondOutput);
        assertTrue(secondOutput.contains("another ./mockfactory up (pid " + launcher.pid() + ") is running"), secondOutput);
        assertFalse(secondOutput.contains("Exception"), "a clear sentence, not a stack trace: " + secondOutput);
    }

    @Test
    @Order(2)
    void shouldRefuseAPortHeldByAnythingElseNamingIt() throws Exception {
        Map<String, String> other = new HashMap<>(ENV);
        other.put("MOCKFACTORY_HOME", Files.createTempDirectory("mockfactory-other").toString());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(FreePorts.pick())) {
            other.put("MOCKFACTORY_POSTGRES_PORT", String.valueOf(taken.getLocalPort()));
            Process refused = launch(other);
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, refused.exitValue(), output);
            assertTrue(output.contains("port " + taken.getLocalPort() + " for PostgreSQL (MOCKFACTORY_POSTGRES_PORT)"), output);
        }
    }

    @Test
    @Order(3)
    void shouldShowWhatCannotBeServedAndRefuseItBeforeAllocatingAnything() throws Exception {
        assertTrue(OUTPUT.toString().contains("redis 7") && OUTPUT.toString().contains("redis-server is not installed"),
                "the start-up table names what is missing:\n" + OUTPUT);
        HttpResponse<String> catalog = get("/api/v1/catalog", bearer);
        String redis = catalog.body().substring(catalog.body().indexOf("{\"type\":\"redis\""));
        assertTrue(redis.startsWith("{\"type\":\"redis\",") && redis.contains("\"versions\":[\"6.2\"]")
                && redis.contains("\"version\":\"7\",\"reason\":\"redis-server is not installed\""), catalog.body());

        HttpResponse<String> refused = post("/api/v1/environments", "{\"name\":\"r7\",\"services\":{\"redis\":{\"version\":\"7\"}}}");
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("/service-type-unavailable") && refused.body().contains("fix"), refused.body());
        assertEquals("{\"items\":[],\"next_cursor\":null}", get("/api/v1/environments", bearer).body(),
                "nothing was created, so nothing was allocated");
    }

    @Test
    @Order(4)
    void shouldRestartACrashedServiceAndKeepServingWhatItHad() throws Exception {
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"r62\",\"services\":{\"redis\":{}}}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        ProcessHandle environmentService = launcher.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("environment-service.jar")).findFirst().orElseThrow();
        environmentService.destroyForcibly();
        Eventually.await("the supervisor's restart", Duration.ofSeconds(60),
                () -> OUTPUT.toString().contains("environment-service restarted"));
        Eventually.await("the environment served again", Duration.ofSeconds(90),
                () -> get("/api/v1/environments/" + id, bearer).statusCode() == 200);
        assertTrue(get("/api/v1/environments/" + id, bearer).body().contains("\"status\":\"running\""));
    }

    @Test
    @Order(5)
    void shouldStopWhatAKilledLauncherLeftAndRunExactlyOnePostgres() throws Exception {
        launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        OUTPUT.setLength(0);
        launcher = launch();
        assertTrue(Launcher.up(launcher, OUTPUT).get(240, TimeUnit.SECONDS), "no second start:\n" + OUTPUT);
        long postgresOnState = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("-D " + home.resolve("postgres") + " ")).count();
        assertEquals(1, postgresOnState, "exactly one PostgreSQL runs on the state directory");
        assertEquals(200, get("/health", null).statusCode());
    }

    @Test
    @Order(6)
    void shouldStopEverythingOnSigtermAndLeaveNothingBehind() throws Exception {
        List<ProcessHandle> everything = new ArrayList<>(launcher.descendants().toList());
        assertTrue(everything.size() >= 6, "six services (and PostgreSQL) run under the launcher: " + everything.size());
        long started = System.nanoTime();
        launcher.destroy();
        assertTrue(launcher.waitFor(90, TimeUnit.SECONDS), "launcher stops on SIGTERM");
        for (ProcessHandle process : everything) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("LocalStackLauncherIT: SIGTERM stopped the stack, instances included, in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        assertTrue(everything.stream().noneMatch(ProcessHandle::isAlive), "no process is left behind");
        assertEquals(0, ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(home.toString()))
                .count(), "nothing runs on the state directory");
    }

    private static Process launch() throws Exception {
        return launch(ENV);
    }

    private static Process launch(Map<String, String> env) throws Exception {
        return Launcher.start(env);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private static HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + path))
                .header("Content-Type", "application/json").header("Authorization", bearer).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
