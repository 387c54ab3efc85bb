package io.mockfactory.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static io.mockfactory.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginCommandsTest {
    private static final String KEY = "mf_abcdefghijklmnop";
    private static final String PROBLEM_401 = "{\"title\":\"Authentication required\","
            + "\"detail\":\"Missing or invalid credentials.\",\"request_id\":\"req_9\"}";

    @TempDir
    Path configHome;
    private FakeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi().on("GET", "/api/v1/api-keys", json(200, "{\"items\":[],\"next_cursor\":null}"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldCheckTheKeyReadFromStdinThenStoreItOwnerOnlyAndNeverPrintIt() throws Exception {
        CliRun login = CliRun.of(configHome, Map.of(), KEY + "\nnot read\n", "login", "--url", api.url());

        assertEquals(0, login.exitCode(), login.toString());
        assertEquals(List.of("Bearer " + KEY), api.authorizations(), "checked with the key before storing it");
        Path file = configHome.resolve("mockfactory/config");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("api_key=" + KEY), "stored");
        assertFalse(login.out().contains(KEY) || login.err().contains(KEY), login.toString());
        assertTrue(login.out().contains(file.toString()), login.toString());

        CliRun logout = CliRun.of(configHome, "logout");
        assertEquals(0, logout.exitCode(), logout.toString());
        assertFalse(Files.exists(file));
        assertTrue(CliRun.of(configHome, "logout").out().startsWith("Not logged in"));
    }

    @Test
    void shouldStoreNothingWhenTheApiRefusesTheKey() {
        api.on("GET", "/api/v1/api-keys", json(401, PROBLEM_401));

        CliRun login = CliRun.of(configHome, Map.of(), "mf_wrong\n", "login", "--url", api.url());

        assertEquals(3, login.exitCode(), login.toString());
        assertTrue(login.err().contains("Authentication required") && login.err().contains("Check the API key"),
                login.toString());
        assertFalse(login.err().contains("mf_wrong"), login.toString());
        assertFalse(Files.exists(configHome.resolve("mockfactory/config")));
    }

    @Test
    void shouldRefuseAnEmptyStdinAsAUsageError() {
        CliRun login = CliRun.of(configHome, Map.of(), "", "login", "--url", api.url());

        assertEquals(2, login.exitCode(), login.toString());
        assertTrue(login.err().contains("No API key"), login.toString());
        assertTrue(api.authorizations().isEmpty(), "nothing was called");
    }

    @Test
    void shouldUseTheStoredLoginForLaterCommands() {
        assertEquals(0, CliRun.of(configHome, Map.of(), KEY, "login", "--url", api.url()).exitCode());
        api.on("GET", "/api/v1/environments", json(200, "{\"items\":[],\"next_cursor\":null}"));

        CliRun list = CliRun.of(configHome, "env", "ls");

        assertEquals(0, list.exitCode(), list.toString());
        assertEquals("Bearer " + KEY, api.authorizations().get(1));
    }
}
