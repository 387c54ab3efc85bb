package io.mockfactory.kit.db;

import io.mockfactory.kit.db.DatabaseReadiness.Target;
import io.mockfactory.kit.db.DatabaseReadiness.Verdict;
import io.mockfactory.kit.process.StartupFailure;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseReadinessTest {
    private static final Target TARGET = new Target("jdbc:postgresql://postgres:5432/mockfactory", "auth_service");

    @Test
    void shouldGiveUpAtOnceWhenTheDatabaseRefusesTheService() {
        for (String state : new String[]{"28P01", "28000", "3D000"}) {
            assertEquals(Verdict.REFUSED, DatabaseReadiness.classify(new SQLException("refused", state)), state);
        }
        // As the pool reports it: its own timeout, carrying the driver's state and cause
        SQLException driver = new SQLException("FATAL: password authentication failed for user \"auth_service\"", "28P01");
        assertEquals(Verdict.REFUSED, DatabaseReadiness.classify(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "28P01", driver)));
        assertEquals(Verdict.REFUSED, DatabaseReadiness.classify(
                new RuntimeException(new SQLTransientConnectionException("timed out", null, driver))));
    }

    @Test
    void shouldWaitWhilePostgresIsUnreachableOrStarting() {
        for (String state : new String[]{"08001", "08006", "57P03", "57P01"}) {
            assertEquals(Verdict.NOT_YET, DatabaseReadiness.classify(new SQLException("not yet", state)), state);
        }
        assertEquals(Verdict.NOT_YET, DatabaseReadiness.classify(
                new SQLException("Connection to postgres:5432 refused", null, new ConnectException("Connection refused"))));
        assertEquals(Verdict.NOT_YET, DatabaseReadiness.classify(new SQLTransientConnectionException("pool timed out")));
    }

    @Test
    void shouldLeaveOtherFailuresAlone() {
        assertEquals(Verdict.OTHER, DatabaseReadiness.classify(new SQLException("relation does not exist", "42P01")));
        assertEquals(Verdict.OTHER, DatabaseReadiness.classify(new SQLException("no state")));
        assertEquals(Verdict.OTHER, DatabaseReadiness.classify(new IllegalStateException("bug")));
    }

    @Test
    void shouldNameUrlRoleAndTheSecretToCheck() {
        String message = DatabaseReadiness.refusal(new SQLException("password authentication failed", "28P01"), TARGET);

        assertEquals("cannot sign in to PostgreSQL at jdbc:postgresql://postgres:5432/mockfactory as role auth_service:"
                + " password authentication failed; check the secret datasources.default.password", message);
        assertTrue(DatabaseReadiness.refusal(new SQLException("x", "3D000"), TARGET).contains("database does not exist"));
        assertTrue(DatabaseReadiness.refusal(new SQLException("x", "28000"), TARGET).contains("datasources.default.username"));
    }

    @Test
    void shouldKeepPasswordsOutOfTheUrl() {
        assertEquals("jdbc:postgresql://postgres:5432/mockfactory",
                DatabaseReadiness.redact("jdbc:postgresql://postgres:5432/mockfactory?user=a&password=hunter2"));
        assertEquals("jdbc:postgresql://postgres:5432/mockfactory",
                DatabaseReadiness.redact("jdbc:postgresql://a:hunter2@postgres:5432/mockfactory"));

        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://postgres:5432/mockfactory");
        postgres.setUser("auth_service");
        postgres.setPassword("hunter2");
        Target target = Target.of(postgres);
        assertEquals(new Target("jdbc:postgresql://postgres:5432/mockfactory", "auth_service"), target);
    }

    @Test
    void shouldFailWithOneLineAndNoRetryWhenRefused() {
        AtomicInteger attempts = new AtomicInteger();
        DataSource refusing = failing(attempts, Integer.MAX_VALUE, new SQLException("FATAL: password authentication failed", "28P01"));

        StartupFailure failure = assertThrows(StartupFailure.class, () -> DatabaseReadiness.await(refusing, Duration.ofSeconds(60)));

        assertEquals(1, attempts.get());
        assertTrue(failure.getMessage().contains("password authentication failed"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    @Test
    void shouldRetryUntilPostgresAccepts() {
        AtomicInteger attempts = new AtomicInteger();
        DataSource starting = failing(attempts, 1, new SQLException("the database system is starting up", "57P03"));

        DatabaseReadiness.await(starting, Duration.ofSeconds(30));

        assertEquals(2, attempts.get());
    }

    @Test
    void shouldGiveUpAfterTheStartupWait() {
        AtomicInteger attempts = new AtomicInteger();
        DataSource down = failing(attempts, Integer.MAX_VALUE,
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));

        StartupFailure failure = assertThrows(StartupFailure.class, () -> DatabaseReadiness.await(down, Duration.ZERO));

        assertEquals(1, attempts.get());
        assertTrue(failure.getMessage().contains("did not accept connections within 0 s"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Connection refused"), failure.getMessage());
    }

    /** A DataSource whose first {@code failures} connections fail with {@code error}; later ones succeed. */
    private static DataSource failing(AtomicInteger attempts, int failures, SQLException error) {
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> null);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (attempts.incrementAndGet() <= failures) {
                        throw error;
                    }
                    return connection;
                });
    }
}
