package io.mockfactory.kit.db;

import io.mockfactory.kit.process.StartupFailure;
import io.mockfactory.localstack.PostgresServer;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SchemaMigrator against a real PostgreSQL that will not let the service in, and against none at all. */
class DatabaseStartupIT {

    @Test
    void shouldNameTheMissingDatabaseAtOnce() {
        PostgresServer postgres = SharedInfrastructure.get().postgres();
        String url = postgres.jdbcUrl("no_such_database");
        long start = System.nanoTime();

        StartupFailure failure = assertThrows(StartupFailure.class,
                () -> migrator(url, Duration.ofSeconds(60)).migrate());

        assertEquals("cannot sign in to PostgreSQL at " + url + " as role " + PostgresServer.USER
                + ": the database does not exist; check datasources.default.url and that the deployment created it",
                failure.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "gave up at once");
    }

    @Test
    void shouldWaitForAnUnreachablePostgresThenFailClearly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/mockfactory";
        long start = System.nanoTime();

        StartupFailure failure = assertThrows(StartupFailure.class, () -> migrator(url, Duration.ofSeconds(2)).migrate());

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 2000, "waited the startup wait");
        assertTrue(failure.getMessage().startsWith("PostgreSQL at " + url + " did not accept connections within 2 s"),
                failure.getMessage());
    }

    private static SchemaMigrator migrator(String url, Duration startupWait) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(PostgresServer.USER);
        dataSource.setConnectTimeout(2);
        SchemaSettings settings = new SchemaSettings();
        settings.setSchema("startup_check");
        settings.setStartupWait(startupWait);
        return new SchemaMigrator(dataSource, settings);
    }
}
