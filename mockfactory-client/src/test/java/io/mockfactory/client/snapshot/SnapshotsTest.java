package io.mockfactory.client.snapshot;

import com.sun.net.httpserver.HttpServer;
import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.error.SnapshotFailedException;
import io.mockfactory.client.error.ValidationException;
import io.mockfactory.client.error.WaitTimeoutException;
import io.mockfactory.client.http.ClientSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots and clones against a local server with canned answers per method and path (the last one repeated): what
 * is sent, and how a snapshot still creating is followed to ready or failed. The real routes run in e2e-tests.
 */
class SnapshotsTest {
    private static final String ID = "snap_AAAAAAAAAAAAAAAAAAAAAA";

    private final Map<String, ConcurrentLinkedDeque<String[]>> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private MockFactoryClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(route + (body.isEmpty() ? "" : " " + body)
                    + (exchange.getRequestHeaders().containsKey("Prefer") ? " [async]" : ""));
            ConcurrentLinkedDeque<String[]> queue = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String[] answer = queue == null ? new String[] {"404", "{\"title\":\"Not Found\"}"}
                    : queue.size() > 1 ? queue.poll() : queue.peek();
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = MockFactoryClient.of(ClientSettings.of("http://127.0.0.1:" + server.getAddress().getPort(), "mf_key",
                Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void on(String route, String[]... inTurn) {
        ConcurrentLinkedDeque<String[]> queue = new ConcurrentLinkedDeque<>();
        Collections.addAll(queue, inTurn);
        answers.put(route, queue);
    }

    private static String[] answer(int status, String body) {
        return new String[] {String.valueOf(status), body};
    }

    static String snapshot(String status, String lastError) {
        return "{\"id\":\"" + ID + "\",\"environment_id\":\"env_1\",\"name\":\"before tests\",\"status\":\"" + status
                + "\",\"size_bytes\":2048,\"services\":[{\"service\":\"redis\",\"version\":\"7\",\"size_bytes\":2048}],"
                + "\"created_at\":\"2026-12-03T18:00:00Z\",\"ready_at\":" + ("ready".equals(status) ? "\"2026-12-03T18:00:01Z\"" : "null")
                + ",\"last_error\":" + (lastError == null ? "null" : "\"" + lastError + "\"") + "}";
    }

    @Test
    void shouldReturnASnapshotTheApiAnsweredReady() {
        on("POST /api/v1/environments/env_1/snapshots", answer(201, snapshot("ready", null)));

        Snapshot taken = client.snapshots().create("env_1", "before tests");

        assertTrue(taken.isReady(), taken.toString());
        assertEquals(ID, taken.id());
        assertEquals("env_1", taken.environmentId());
        assertEquals(2048, taken.sizeBytes());
        assertEquals("redis", taken.services().get(0).type());
        assertEquals("7", taken.services().get(0).version());
        assertEquals(List.of("POST /api/v1/environments/env_1/snapshots {\"name\":\"before tests\"}"), requests);
    }

    @Test
    void shouldPollASnapshotStillCreatingUntilReady() {
        on("POST /api/v1/environments/env_1/snapshots", answer(201, snapshot("creating", null)));
        on("GET /api/v1/snapshots/" + ID, answer(404, "{\"title\":\"Not Found\"}"), answer(200, snapshot("creating", null)),
                answer(200, snapshot("ready", null)));

        long started = System.nanoTime();
        Snapshot taken = client.snapshots().create("env_1", "before tests", Duration.ofSeconds(20));

        assertTrue(taken.isReady(), taken.toString());
        assertEquals(4, requests.size(), "a 404 while not recorded yet, then creating, then ready: " + requests);
        assertTrue(System.nanoTime() - started >= 2_000_000_000L, "polled no faster than once a second");
    }

    @Test
    void shouldThrowTheLastErrorOfAFailedSnapshot() {
        on("POST /api/v1/environments/env_1/snapshots", answer(201, snapshot("creating", null)));
        on("GET /api/v1/snapshots/" + ID, answer(200, snapshot("failed", "redis: the copy did not complete")));

        SnapshotFailedException failed = assertThrows(SnapshotFailedException.class,
                () -> client.snapshots().create("env_1", "before tests"));

        assertEquals(ID, failed.snapshotId());
        assertEquals("redis: the copy did not complete", failed.lastError());
        assertTrue(failed.getMessage().contains("failed: redis: the copy did not complete"), failed.getMessage());
    }

    @Test
    void shouldStopWaitingAtTheDeadline() {
        on("POST /api/v1/environments/env_1/snapshots", answer(201, snapshot("creating", null)));
        on("GET /api/v1/snapshots/" + ID, answer(200, snapshot("creating", null)));

        WaitTimeoutException late = assertThrows(WaitTimeoutException.class,
                () -> client.snapshots().create("env_1", "before tests", Duration.ofMillis(1500)));
        assertTrue(late.getMessage().startsWith("Snapshot " + ID + " is still creating"), late.getMessage());
    }

    @Test
    void shouldRequestAsyncListFollowingCursorsAndDelete() {
        on("POST /api/v1/environments/env_1/snapshots", answer(202, snapshot("creating", null)));
        on("GET /api/v1/snapshots", answer(200, "{\"items\":[" + snapshot("ready", null) + "],\"next_cursor\":\"c2\"}"),
                answer(200, "{\"items\":[" + snapshot("ready", null).replace(ID, "snap_B") + "],\"next_cursor\":null}"));
        on("DELETE /api/v1/snapshots/" + ID, answer(204, ""));

        assertTrue(client.snapshots().request("env_1", "s").isCreating());
        List<String> ids = new ArrayList<>();
        client.snapshots().all().forEach(snapshot -> ids.add(snapshot.id()));
        client.snapshots().delete(ID);

        assertEquals(List.of(ID, "snap_B"), ids);
        assertEquals(List.of("POST /api/v1/environments/env_1/snapshots {\"name\":\"s\"} [async]",
                "GET /api/v1/snapshots?limit=100", "GET /api/v1/snapshots?limit=100&cursor=c2",
                "DELETE /api/v1/snapshots/" + ID), requests);
    }

    @Test
    void shouldCloneWithOrWithoutAName() {
        String provisioning = "{\"id\":\"env_2\",\"name\":\"it-clone\",\"status\":\"provisioning\",\"services\":{}}";
        on("POST /api/v1/environments/env_1/clone", answer(202, provisioning));

        Environment clone = client.environments().clone("env_1");
        client.environments().clone("env_1", "copy");

        assertEquals("env_2", clone.id());
        assertEquals(List.of("POST /api/v1/environments/env_1/clone {} [async]",
                "POST /api/v1/environments/env_1/clone {\"name\":\"copy\"} [async]"), requests);
    }

    @Test
    void shouldTurnARefusedSnapshotIntoATypedError() {
        on("POST /api/v1/environments/env_1/snapshots", answer(422, "{\"type\":\"https://mockfactory.dev/problems/"
                + "feature-unavailable\",\"title\":\"Feature unavailable\",\"detail\":\"Snapshots of aws_s3 are not available\"}"));

        ValidationException refused = assertThrows(ValidationException.class, () -> client.snapshots().create("env_1", "s"));
        assertEquals("feature-unavailable", refused.problemType());
        assertEquals(1, requests.size(), "a refusal is not retried");
    }
}
