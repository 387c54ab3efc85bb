package io.mockfactory.cli;

import io.mockfactory.client.error.AuthenticationException;
import io.mockfactory.client.error.EnvironmentFailedException;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.NotFoundException;
import io.mockfactory.client.error.SnapshotFailedException;
import io.mockfactory.client.error.UnavailableException;
import io.mockfactory.client.error.WaitTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitCodesTest {
    private final ExitCodes codes = new ExitCodes();

    @TempDir
    Path configHome;

    @Test
    void shouldTellTheApiRefusingFromMockFactoryBeingDownFromTheEnvironmentFailing() {
        assertEquals(3, codes.getExitCode(new NotFoundException(404, "not-found", "No such environment.", "req_1")));
        assertEquals(3, codes.getExitCode(new AuthenticationException(401, "unauthorized", "Authentication required", null)));
        assertEquals(3, codes.getExitCode(new MockFactoryException(500, null, "Internal error", null)));
        assertEquals(4, codes.getExitCode(new UnavailableException(503, null, "Service unavailable", null)));
        assertEquals(4, codes.getExitCode(new UnavailableException("not reachable", new ConnectException())));
        assertEquals(4, codes.getExitCode(new MockFactoryException(504, null, "Gateway timeout", null)));
        assertEquals(5, codes.getExitCode(new EnvironmentFailedException("env_1", "failed", "redis did not start")));
        assertEquals(5, codes.getExitCode(new WaitTimeoutException("env_1", "provisioning", Duration.ofSeconds(3))));
        assertEquals(5, codes.getExitCode(new SnapshotFailedException("snap_1", "failed", "redis: SAVE failed")));
        assertEquals(5, codes.getExitCode(new WaitTimeoutException("Snapshot", "snap_1", "creating", Duration.ofSeconds(3))));
        assertEquals(2, codes.getExitCode(new CliException(ExitCodes.USAGE, "No API key")));
        assertEquals(1, codes.getExitCode(new IllegalStateException("a bug")));
    }

    @Test
    void shouldExitTwoOnUsageErrorsAndZeroOnHelp() {
        assertEquals(2, CliRun.of(configHome, "env", "ls", "--bogus").exitCode());
        assertEquals(2, CliRun.of(configHome, "env", "get").exitCode(), "a missing ID");
        assertEquals(2, CliRun.of(configHome, "env").exitCode(), "a group without its command");
        assertEquals(2, CliRun.of(configHome).exitCode());
        assertEquals(2, CliRun.of(configHome, "env", "ls", "--output", "yaml").exitCode());
        assertEquals(2, CliRun.of(configHome, "env", "ls", "--url", "ftp://example.com").exitCode(), "not http(s)");
        CliRun help = CliRun.of(configHome, "env", "creds", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--format"), help.toString());
    }

    @Test
    void shouldPrintOneLineWithoutAStackTraceWhenTheCallFails() {
        CliRun unreachable = CliRun.of(configHome, "env", "ls", "--url", "http://127.0.0.1:1", "--api-key", "mf_secret");
        assertEquals(4, unreachable.exitCode(), unreachable.toString());
        assertTrue(unreachable.err().startsWith("mockfactory: MockFactory at http://127.0.0.1:1 is not reachable"),
                unreachable.toString());
        assertEquals(1, unreachable.err().strip().lines().count(), unreachable.toString());
        assertFalse(unreachable.err().contains("at io.") || unreachable.err().contains("mf_secret"), unreachable.toString());
    }
}
