package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the environment end-to-end tests share: one stack (auth, environment, provisioner and storage services as
 * processes, the gateway in this JVM) started by the first class that needs it and closed when the run ends, so
 * splitting the tests by subject costs no extra start-up; and the API calls they make as a client would.
 */
@ExtendWith(OnLifecycleStack.UseSharedStack.class)
abstract class OnLifecycleStack {
    static final String PASSWORD = "correct-Horse-battery-9";
    static TestStack stack;
    static Path stateDir;
    static String baseUrl;
    static int s3Port;
    final HttpClient http = HttpClient.newHttpClient();

    /** Starts the shared stack once per run (JUnit's root store) and hands it to each class. */
    static final class UseSharedStack implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            SharedStack shared = store.getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class);
            if (!shared.stack().isOpen()) {
                // Closed for a class that ran its own services in between
                shared = SharedStack.start();
                store.put(SharedStack.class, shared);
            }
            stack = shared.stack();
            stateDir = stack.stateDir;
            baseUrl = stack.baseUrl;
            s3Port = stack.s3Port;
        }
    }

    /** For a class about to run services of its own: they would share Kafka consumer groups and schemas with it. */
    static synchronized void closeSharedStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Closed by JUnit when the whole run ends. */
    record SharedStack(TestStack stack) implements ExtensionContext.Store.CloseableResource {
        /** Its ports lie outside the default range the other test stacks use: it outlives their classes. */
        static SharedStack start() {
            try {
                return new SharedStack(new TestStack("lifecycle", Map.of(
                        "MOCKFACTORY_PROVISIONER_PORTS_FIRST", "41000",
                        "MOCKFACTORY_PROVISIONER_PORTS_LAST", "41999",
                        "MOCKFACTORY_ENVIRONMENTS_EXPIRY_CHECK", "500ms",
                        // Each service logs each request it serves with the X-Request-Id it came with
                        "MICRONAUT_SERVER_NETTY_ACCESS_LOGGER_ENABLED", "true",
                        "MICRONAUT_SERVER_NETTY_ACCESS_LOGGER_LOG_FORMAT", "%h \"%r\" %s %{X-Request-Id}i")));
            } catch (Exception e) {
                throw new IllegalStateException("the lifecycle stack did not start", e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /**
     * redis-server retitles itself "redis-server 127.0.0.1:PORT" (only /proc shows the title; Java reports the real
     * executable, redis-check-rdb on Debian), so the port in the title identifies an instance's process.
     */
    static long redisProcessesOn(int port) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> procTitle(p.pid()))
                .filter(title -> title.startsWith("redis-server") && title.contains(":" + port))
                .count();
    }

    private static String procTitle(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ').strip();
        } catch (Exception e) {
            return "";
        }
    }

    /** A new beginner's Authorization header value. */
    String newUser() throws Exception {
        return "Bearer " + Json.field(register().body(), "access_token");
    }

    /** Creates an environment and checks it answered 201 running; @return its representation */
    String createRunning(String auth, String json) throws Exception {
        HttpResponse<String> created = post("/api/v1/environments", json, auth);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        return created.body();
    }

    /** A new user's running environment and its /credentials, for tests about what a service serves. */
    Running running(String json) throws Exception {
        String auth = newUser();
        String id = Json.field(createRunning(auth, json), "id");
        return new Running(auth, id, credentials(id, auth));
    }

    record Running(String auth, String id, String credentials) {
    }

    String credentials(String id, String auth) throws Exception {
        return get("/api/v1/environments/" + id + "/credentials", auth).body();
    }

    void destroy(String id, String auth) throws Exception {
        assertEquals("destroyed", Json.field(delete("/api/v1/environments/" + id, auth).body(), "status"));
    }

    HttpResponse<String> register() throws Exception {
        return post("/api/v1/auth/register", "{\"email\":\"env-" + EventIds.newId("e").substring(2, 12).toLowerCase()
                + "@example.com\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Env Tester\"}", null);
    }

    HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", auth).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String auth) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)), json, auth);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String json, String auth) throws Exception {
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
