package io.mockfactory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.mockfactory.cli.FakeApi.events;
import static io.mockfactory.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The env commands against a fake API: what each prints, on which stream, and with which exit code. */
class EnvCommandsTest {
    private static final String RUNNING = environment("running");
    private static final String PROVISIONING = environment("provisioning");
    private static final String HISTORY = event("EnvironmentRequested", "e1", "{\"name\":\"it\"}")
            + event("ServiceProvisioning", "e2", "{\"service\":\"aws_s3\",\"version\":\"latest\"}")
            + event("ServiceReady", "e3", "{\"service\":\"aws_s3\",\"version\":\"latest\"}")
            + event("EnvironmentRunning", "e4", "{}");

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
    void shouldWaitForTheCreatedEnvironmentWithAProgressLineOnStderr() {
        api.on("POST", "/api/v1/environments", json(202, PROVISIONING))
                .on("GET", "/api/v1/environments/env_1", json(200, PROVISIONING), json(200, RUNNING))
                .on("GET", "/api/v1/environments/env_1/events", events(HISTORY));

        CliRun create = run("env", "create", "--service", "aws_s3", "--wait", "--timeout", "20");

        assertEquals(0, create.exitCode(), create.toString());
        assertTrue(create.out().contains("env_1") && create.out().contains("running"), create.toString());
        assertTrue(create.err().startsWith("provisioning env_1: "), create.toString());
        assertTrue(create.err().strip().endsWith("s") && create.err().contains("env_1 is running after "), create.toString());
        assertTrue(create.err().lines().noneMatch(line -> line.split("ServiceReady", -1).length > 2),
                "a replayed history adds nothing: " + create);
    }

    @Test
    void shouldExitFiveWhenTheEnvironmentFails() {
        api.on("POST", "/api/v1/environments", json(202, PROVISIONING))
                .on("GET", "/api/v1/environments/env_1", json(200, environment("failed")))
                .on("GET", "/api/v1/environments/env_1/events", events(""));

        CliRun create = run("env", "create", "--service", "redis:7", "--wait");

        assertEquals(5, create.exitCode(), create.toString());
        assertTrue(create.err().contains("mockfactory: Environment env_1 is failed"), create.toString());
    }

    @Test
    void shouldRefuseAServiceGivenTwice() {
        assertEquals(2, run("env", "create", "--service", "redis", "--service", "redis:7").exitCode());
    }

    @Test
    void shouldCreateFromASnapshotWithoutSendingServices() throws Exception {
        api.on("POST", "/api/v1/environments", json(202, PROVISIONING));

        CliRun create = run("env", "create", "--from-snapshot", "snap_AAAAAAAAAAAAAAAAAAAAAA", "--name", "branch",
                "--ttl", "30");

        assertEquals(0, create.exitCode(), create.toString());
        assertTrue(create.out().contains("env_1"), create.toString());
        JsonNode sent = new ObjectMapper().readTree(api.requests.get(0).substring("POST /api/v1/environments ".length()));
        assertEquals("snap_AAAAAAAAAAAAAAAAAAAAAA", sent.path("from_snapshot").asText(), api.requests.toString());
        assertEquals("branch", sent.path("name").asText());
        assertEquals(30, sent.path("ttl_minutes").asInt());
        assertTrue(!sent.has("services"), "no services key at all: " + sent);
    }

    @Test
    void shouldRefuseAServiceOrSeedBesideASnapshotAndNeitherOfThem() {
        CliRun both = run("env", "create", "--from-snapshot", "snap_x", "--service", "redis");
        CliRun seeded = run("env", "create", "--from-snapshot", "snap_x", "--seed", "redis=cache.redis");
        CliRun neither = run("env", "create", "--name", "empty");

        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.err().contains("--from-snapshot and --service are mutually exclusive"), both.toString());
        assertEquals(2, seeded.exitCode(), seeded.toString());
        assertTrue(seeded.err().contains("--from-snapshot and --seed are mutually exclusive"), seeded.toString());
        assertEquals(2, neither.exitCode(), neither.toString());
        assertTrue(neither.err().contains("Missing --service TYPE[:VERSION] (repeatable), or --from-snapshot"),
                neither.toString());
        assertTrue(api.requests.isEmpty(), "refused before any call: " + api.requests);
    }

    @Test
    void shouldCloneAndWaitForTheClone() {
        String clone = environment("provisioning").replace("env_1", "env_2");
        api.on("POST", "/api/v1/environments/env_1/clone", json(202, clone))
                .on("GET", "/api/v1/environments/env_2", json(200, environment("running").replace("env_1", "env_2")))
                .on("GET", "/api/v1/environments/env_2/events", events(HISTORY));

        CliRun named = run("env", "clone", "env_1", "--name", "copy", "--wait");
        CliRun unnamed = run("env", "clone", "env_1", "--output", "json");

        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(named.out().contains("env_2") && named.out().contains("running"), named.toString());
        assertTrue(named.err().contains("env_2 is running after "), named.toString());
        assertTrue(api.requests.contains("POST /api/v1/environments/env_1/clone {\"name\":\"copy\"}"), api.requests.toString());
        assertEquals(0, unnamed.exitCode(), unnamed.toString());
        assertTrue(unnamed.out().contains("\"status\" : \"provisioning\""), "no --wait, no wait: " + unnamed);
        assertTrue(api.requests.contains("POST /api/v1/environments/env_1/clone {}"), api.requests.toString());
    }

    @Test
    void shouldListAsATableOrAsJson() throws Exception {
        api.on("GET", "/api/v1/environments", json(200, "{\"items\":[" + RUNNING + "],\"next_cursor\":null}"));

        CliRun table = run("env", "ls");
        CliRun asJson = run("env", "ls", "--output", "json");

        assertTrue(table.out().startsWith("ID") && table.out().contains("env_1  it    running  aws_s3:latest"),
                table.toString());
        JsonNode listed = new ObjectMapper().readTree(asJson.out());
        assertEquals("env_1", listed.get(0).path("id").asText(), asJson.toString());
        assertEquals("running", listed.get(0).path("services").path("aws_s3").path("status").asText());
    }

    @Test
    void shouldExitThreeForAnUnknownEnvironment() {
        api.on("GET", "/api/v1/environments/env_AAAAAAAAAAAAAAAAAAAAAA",
                json(404, "{\"title\":\"Not Found\",\"detail\":\"No such environment.\"}"));

        CliRun get = run("env", "get", "env_AAAAAAAAAAAAAAAAAAAAAA");

        assertEquals(3, get.exitCode(), get.toString());
        assertEquals("mockfactory: Not Found: No such environment.", get.err().strip());
    }

    @Test
    void shouldExitFourWhileMockFactoryIsUnavailable() {
        api.on("GET", "/api/v1/environments/env_1", json(503, "{\"title\":\"Service Unavailable\"}"));

        assertEquals(4, run("env", "get", "env_1").exitCode());
    }

    @Test
    void shouldPrintCredentialsInEachFormat() throws Exception {
        api.on("GET", "/api/v1/environments/env_1/credentials", json(200, "{\"services\":{\"aws_s3\":{"
                + "\"endpoint\":\"http://127.0.0.1:9000\",\"region\":\"us-east-1\",\"access_key_id\":\"AKIA1\","
                + "\"secret_access_key\":\"s3cr'et\"}}}"));

        CliRun env = run("env", "creds", "env_1");
        CliRun url = run("env", "creds", "env_1", "--format", "url");
        CliRun asJson = run("env", "creds", "env_1", "--format", "json");

        assertTrue(env.out().contains("export AWS_ACCESS_KEY_ID='AKIA1'")
                && env.out().contains("export MOCKFACTORY_AWS_S3_SECRET_ACCESS_KEY='s3cr'\\''et'"), env.toString());
        assertEquals("aws_s3\thttp://127.0.0.1:9000", url.out().strip());
        assertEquals("s3cr'et", new ObjectMapper().readTree(asJson.out()).path("services").path("aws_s3")
                .path("secret_access_key").asText());
    }

    @Test
    void shouldPrintTheStatusATransitionReached() {
        api.on("POST", "/api/v1/environments/env_1/stop", json(200, "{\"status\":\"stopped\"}"))
                .on("DELETE", "/api/v1/environments/env_1", json(200, "{\"status\":\"destroyed\"}"));

        assertEquals("env_1 stopped", run("env", "stop", "env_1").out().strip());
        assertTrue(run("env", "rm", "env_1", "--output", "json").out().contains("\"status\" : \"destroyed\""));
    }

    @Test
    void shouldWatchEventsUntilTheEnvironmentIsDestroyed() {
        api.on("GET", "/api/v1/environments/env_1/events",
                events(HISTORY + event("EnvironmentDestroyed", "e5", "{}") + event("NeverShown", "e6", "{}")));

        CliRun watch = run("env", "watch", "env_1");

        assertEquals(0, watch.exitCode(), watch.toString());
        assertEquals(5, watch.out().lines().count(), watch.toString());
        assertTrue(watch.out().contains("ServiceReady  service=aws_s3 version=latest"), watch.toString());
    }

    private CliRun run(String... args) {
        return CliRun.of(configHome, variables, "", args);
    }

    private static String environment(String status) {
        return "{\"id\":\"env_1\",\"name\":\"it\",\"status\":\"" + status + "\",\"services\":{\"aws_s3\":{\"version\":"
                + "\"latest\",\"status\":\"" + status + "\",\"port\":null}},\"endpoints\":{\"aws_s3\":"
                + "\"http://127.0.0.1:9000\"},\"created_at\":\"2025-05-01T10:00:00Z\",\"last_error\":null}";
    }

    private static String event(String type, String id, String payload) {
        return "event: " + type + "\nid: " + id + "\ndata: {\"event_id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"occurred_at\":\"2025-05-01T10:00:00Z\",\"payload\":" + payload + "}\n\n";
    }
}
