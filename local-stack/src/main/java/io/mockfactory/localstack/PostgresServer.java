package io.mockfactory.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (binaries from Maven Central, run as a child process). Data survives a restart unless
 * the caller asks for a clean directory.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String DATABASE = "mockfactory";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static PostgresServer start(Path dataDir, int port, boolean clean) {
        stopLeftoverServer(dataDir);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    .start();
            PostgresServer server = new PostgresServer(postgres, dataDir);
            server.createDatabaseIfMissing(DATABASE);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * A launcher killed with SIGKILL cannot stop the server it started (pg_ctl daemonizes it); the next start finds
     * it through postmaster.pid and stops it, so no PostgreSQL outlives its stack for long.
     */
    public static boolean stopLeftoverServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().orElse("").contains("postgres"))
                    .map(process -> {
                        process.destroy();
                        process.onExit().orTimeout(15, TimeUnit.SECONDS).join();
                        return true;
                    }).orElse(false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("A PostgreSQL from an earlier run still holds " + dataDir
                    + " and could not be stopped: " + e.getMessage(), e);
        }
    }

    /** The postmaster's process id (its backends are its children), as its {@code postmaster.pid} file says. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL in " + dataDir + " has no readable postmaster.pid", e);
        }
    }

    /** The server's version, as {@code SHOW server_version} gives it. */
    public String version() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot ask PostgreSQL its version", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public Connection connect() throws SQLException {
        return postgres.getDatabase(USER, DATABASE).getConnection();
    }

    public void createDatabaseIfMissing(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}
