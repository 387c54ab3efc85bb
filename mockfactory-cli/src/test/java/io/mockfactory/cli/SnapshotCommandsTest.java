package io.mockfactory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.mockfactory.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot commands against a fake API: what each sends and prints, on which stream, with which exit code. */
class SnapshotCommandsTest {
    private static final String ID = "snap_AAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    Path configHome;
    private FakeApi api;
    private Map<String, String> variables;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        variables = Map.of("MOCKFACTORY_URL", api.url(), "MOCKFACTORY_API_KEY", "mf_key");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldTakeASnapshotAndPrintItOnStdout() throws Exception {
        api.on("POST", "/api/v1/environments/env_1/snapshots", json(201, snapshot("ready", null)));

        CliRun table = run("snapshot", "create", "env_1", "--name", "before tests");
        CliRun asJson = run("snapshot", "create", "env_1", "--name", "before tests", "--output", "json");

        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().startsWith("id       " + ID) && table.out().contains("status   ready")
                && table.out().contains("redis    7        2.0 MiB"), table.toString());
        assertTrue(table.err().startsWith("snapshotting env_1"), "progress on stderr only: " + table);
        JsonNode printed = new ObjectMapper().readTree(asJson.out());
        assertEquals(ID, printed.path("id").asText(), asJson.toString());
        assertEquals(2097152, printed.path("size_bytes").asLong());
        assertEquals("redis", printed.path("services").get(0).path("service").asText());
        assertEquals("POST /api/v1/environments/env_1/snapshots {\"name\":\"before tests\"}", api.requests.get(0));
    }

    @Test
    void shouldWaitForASnapshotStillCreatingAndExitFiveWhenItFails() {
        api.on("POST", "/api/v1/environments/env_1/snapshots", json(201, snapshot("creating", null)))
                .on("GET", "/api/v1/snapshots/" + ID, json(200, snapshot("creating", null)),
                        json(200, snapshot("failed", "redis: SAVE failed")));

        CliRun failed = run("snapshot", "create", "env_1", "--name", "s");

        assertEquals(5, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("mockfactory: Snapshot " + ID + " is failed: redis: SAVE failed"), failed.toString());
    }

    @Test
    void shouldRefuseACreateWithoutAName() {
        CliRun unnamed = run("snapshot", "create", "env_1");

        assertEquals(2, unnamed.exitCode(), unnamed.toString());
        assertTrue(unnamed.err().contains("--name"), unnamed.toString());
        assertEquals(2, run("snapshot").exitCode(), "a group without its command");
        assertTrue(api.requests.isEmpty(), api.requests.toString());
    }

    @Test
    void shouldListEveryPageAsATableOrAsJson() throws Exception {
        api.on("GET", "/api/v1/snapshots", json(200, "{\"items\":[" + snapshot("ready", null) + "],\"next_cursor\":\"c2\"}"),
                json(200, "{\"items\":[" + snapshot("ready", null).replace(ID, "snap_B") + "],\"next_cursor\":null}"),
                json(200, "{\"items\":[" + snapshot("ready", null) + "],\"next_cursor\":null}"));

        CliRun table = run("snapshot", "ls");
        CliRun asJson = run("snapshot", "list", "--output", "json");

        assertTrue(table.out().startsWith("ID") && table.out().contains(ID + "  before tests  ready   env_1")
                && table.out().contains("snap_B"), table.toString());
        assertTrue(api.requests.contains("GET /api/v1/snapshots?limit=100&cursor=c2"), api.requests.toString());
        JsonNode listed = new ObjectMapper().readTree(asJson.out());
        assertEquals(ID, listed.get(0).path("id").asText(), asJson.toString());
    }

    @Test
    void shouldSayHowToTakeOneWhenThereAreNone() {
        api.on("GET", "/api/v1/snapshots", json(200, "{\"items\":[],\"next_cursor\":null}"));

        assertTrue(run("snapshot", "ls").out().startsWith("No snapshots. Take one"));
    }

    @Test
    void shouldGetAndDeleteOneAndExitThreeForAnUnknownOne() {
        api.on("GET", "/api/v1/snapshots/" + ID, json(200, snapshot("ready", null)))
                .on("DELETE", "/api/v1/snapshots/" + ID, json(204, ""))
                .on("GET", "/api/v1/snapshots/snap_gone", json(404, "{\"title\":\"Not Found\",\"detail\":\"No snapshot with this id.\"}"));

        CliRun got = run("snapshot", "get", ID);
        CliRun deleted = run("snapshot", "rm", ID);
        CliRun deletedAsJson = run("snapshot", "delete", ID, "--output", "json");
        CliRun unknown = run("snapshot", "get", "snap_gone");

        assertTrue(got.exitCode() == 0 && got.out().contains("of       env_1"), got.toString());
        assertEquals(ID + " deleted", deleted.out().strip());
        assertTrue(deletedAsJson.out().contains("\"status\" : \"deleted\""), deletedAsJson.toString());
        assertEquals(List.of("GET /api/v1/snapshots/" + ID, "DELETE /api/v1/snapshots/" + ID,
                "DELETE /api/v1/snapshots/" + ID, "GET /api/v1/snapshots/snap_gone"), api.requests);
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertEquals("mockfactory: Not Found: No snapshot with this id.", unknown.err().strip());
    }

    private CliRun run(String... args) {
        return CliRun.of(configHome, variables, "", args);
    }

    private static String snapshot(String status, String lastError) {
        return "{\"id\":\"" + ID + "\",\"environment_id\":\"env_1\",\"name\":\"before tests\",\"status\":\"" + status
                + "\",\"size_bytes\":2097152,\"services\":[{\"service\":\"redis\",\"version\":\"7\",\"size_bytes\":2097152}],"
                + "\"created_at\":\"2026-12-03T18:00:00Z\",\"ready_at\":null,\"last_error\":"
                + (lastError == null ? "null" : "\"" + lastError + "\"") + "}";
    }
}
