package io.mockfactory.provisioner.seed;

import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.PostgresProtocol;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/**
 * Runs a SQL seed in the environment's database, as its owner, in one transaction: it lands whole or not at all, so a
 * statement that fails leaves nothing half-loaded behind (and the instance is discarded anyway). Statements that
 * cannot run inside a transaction ({@code CREATE DATABASE}, {@code VACUUM}) fail with the server's own message.
 */
final class PostgresSeeding {
    /** A seed is fixtures, not a migration of hours: a statement that runs longer is stopped with a clear error. */
    private static final String STATEMENT_TIMEOUT = "120s";
    private static final int QUERY_TIMEOUT_SECONDS = 300;

    private PostgresSeeding() {
    }

    static void apply(Endpoint endpoint, String password, String sql) throws SeedFailure {
        try (Connection session = PostgresProtocol.connectToTestDatabase(endpoint.host(), endpoint.port(), password)) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                statement.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT + "'");
                // The client's own limits hold whatever the SQL sets: a deadline (pgjdbc cancels the query) and at
                // most one row kept per result, since a seed's SELECTs are not read
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setMaxRows(1);
                statement.execute(sql);
                session.commit();
            } catch (SQLTimeoutException e) {
                session.rollback();
                throw new SeedFailure("SQL", "the seed ran longer than " + QUERY_TIMEOUT_SECONDS + " s");
            } catch (SQLException e) {
                session.rollback();
                throw failure(e);
            }
        } catch (SQLException e) {
            throw new SeedFailure("connect", "the database refused the seeding session (" + e.getSQLState() + ")");
        }
        // SQL run as the owner can change the owner: the environment's credentials must still work afterwards
        if (!PostgresProtocol.answersQuery(endpoint.host(), endpoint.port(), password, null)) {
            throw new SeedFailure("SQL", "after the seed the postgres role no longer logs in with the environment's"
                    + " password (a seed must not change the role's password or LOGIN)");
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
