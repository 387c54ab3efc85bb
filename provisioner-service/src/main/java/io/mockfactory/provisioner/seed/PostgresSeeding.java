package io.mockfactory.provisioner.seed;

import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.PostgresProtocol;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a SQL seed in the environment's database, as its owner, in one transaction: it lands whole or not at all, so a
 * statement that fails leaves nothing half-loaded behind (and the instance is discarded anyway). Statements that
 * cannot run inside a transaction ({@code CREATE DATABASE}, {@code VACUUM}) fail with the server's own message.
 */
final class PostgresSeeding {
    /** A seed is fixtures, not a migration of hours: a statement that runs longer is stopped with a clear error. */
    private static final String STATEMENT_TIMEOUT = "120s";

    private PostgresSeeding() {
    }

    static void apply(Endpoint endpoint, String password, String sql) throws SeedFailure {
        try (Connection session = PostgresProtocol.connectToTestDatabase(endpoint.host(), endpoint.port(), password)) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                statement.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT + "'");
                statement.execute(sql);
                session.commit();
            } catch (SQLException e) {
                session.rollback();
                throw failure(e);
            }
        } catch (SQLException e) {
            throw new SeedFailure("connect", "the database refused the seeding session (" + e.getSQLState() + ")");
        }
    }

    /** The server's message and SQLSTATE without pgjdbc's position and detail lines (which quote the row). */
    private static SeedFailure failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        return new SeedFailure("SQL", message + state);
    }
}
