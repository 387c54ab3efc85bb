package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Redis and PostgreSQL type and version the catalog marks available, reached with the clients a newcomer tries
 * first: Debian's {@code redis-cli -u} and {@code psql} with the URL from {@code /credentials}, exactly as given.
 */
class RealClientsIT extends OnLifecycleStack {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("redis", "postgresql", "postgresql_pgvector", "postgis");

    @Test
    void shouldServeEveryAvailableVersionToRedisCliAndPsqlByItsUrl() throws Exception {
        String auth = newUser();
        JsonNode catalog = JSON.readTree(get("/api/v1/catalog", auth).body()).path("services");
        List<String> served = new ArrayList<>();
        for (JsonNode entry : catalog) {
            String type = entry.path("type").asText();
            if (!TYPES.contains(type)) {
                continue;
            }
            assertTrue(entry.path("available").asBoolean(), type + " can be served on a machine CI set up: " + entry);
            for (JsonNode version : entry.path("versions")) {
                long started = System.nanoTime();
                JsonNode created = JSON.readTree(createRunning(auth, "{\"name\":\"clients\",\"services\":{\"" + type
                        + "\":{\"version\":\"" + version.asText() + "\"}}}"));
                long millis = (System.nanoTime() - started) / 1_000_000;
                String id = created.path("id").asText();
                String url = JSON.readTree(credentials(id, auth)).path("services").path(type).path("url").asText();
                if (type.equals("redis")) {
                    assertTrue(url.startsWith("redis://default:"), url);
                    assertEquals("PONG", run("redis-cli", "-u", url, "PING"));
                    assertTrue(run("redis-cli", "-u", url, "INFO", "server").contains("redis_version:" + version.asText() + "."),
                            "redis " + version.asText() + " runs that line");
                } else {
                    String major = run("psql", url, "-Atc", "SHOW server_version").split("\\.")[0];
                    assertEquals(type.equals("postgresql") ? version.asText() : "15", major, type + " " + version.asText());
                    String extension = switch (type) {
                        case "postgresql_pgvector" -> "vector";
                        case "postgis" -> "postgis";
                        default -> null;
                    };
                    if (extension != null) {
                        assertFalse(run("psql", url, "-Atc", "SELECT extversion FROM pg_extension WHERE extname = '"
                                + extension + "'").isEmpty(), extension + " is ready in testdb");
                    }
                }
                served.add(type + " " + version.asText() + " (" + millis + " ms to running)");
                destroy(id, auth);
            }
        }
        System.out.println("RealClientsIT: served " + served);
        assertTrue(served.size() >= 7, "two Redis lines, three PostgreSQL majors, pgvector and PostGIS: " + served);
    }

    /** @return the command's output, trimmed; fails on a non-zero exit */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command[0]) + " did not finish");
        assertEquals(0, process.exitValue(), command[0] + " failed: " + errors);
        return output;
    }
}
