package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/vector-search, compiled into this module's tests, run as its users run it: with only MOCKFACTORY_URL and
 * an API key, against the real stack. Then nothing of it is left.
 */
class ExampleProjectIT extends OnLifecycleStack {
    @Test
    void shouldRunTheExampleAgainstARealPgvectorAndS3AndLeaveNothing() throws Exception {
        String jwt = "Bearer " + Json.field(register().body(), "access_token");
        String key = Json.field(post("/api/v1/api-keys", "{\"name\":\"example\"}", jwt).body(), "key");
        System.setProperty("mockfactory.url", baseUrl);
        System.setProperty("mockfactory.api-key", key);
        try {
            long started = System.nanoTime();
            TestExecutionSummary summary = Suites.run(Map.of(), Class.forName("example.VectorSearchTest"));
            System.out.printf("examples/vector-search: %d tests in %d ms (pgvector + S3 leased, used, destroyed)%n",
                    summary.getTestsSucceededCount(), (System.nanoTime() - started) / 1_000_000);
            assertEquals(2, summary.getTestsSucceededCount(), Suites.failures(summary));
        } finally {
            System.clearProperty("mockfactory.url");
            System.clearProperty("mockfactory.api-key");
        }
        String listed = get("/api/v1/environments", jwt).body();
        assertTrue(listed.contains("\"name\":\"VectorSearchTest-") && listed.contains("\"status\":\"destroyed\"")
                && !listed.contains("\"status\":\"running\""), "the example's one environment, destroyed: " + listed);
    }
}
