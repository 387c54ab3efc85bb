package io.mockfactory.kit.outbox;

import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits on PostgreSQL LISTEN for "an outbox row was committed", so the relay publishes within milliseconds instead of
 * at the next poll. Losing the listening connection only costs latency: the caller falls back to polling.
 */
final class OutboxWakeUps implements AutoCloseable {
    private final DataSource dataSource;
    private final String channel;
    private Connection connection;

    OutboxWakeUps(DataSource dataSource, String channel) {
        this.dataSource = dataSource;
        this.channel = channel;
    }

    /** Returns when a commit was signalled or the timeout passed. */
    void await(Duration timeout) throws InterruptedException {
        try {
            PGConnection listener = listening();
            listener.getNotifications((int) Math.max(1, timeout.toMillis()));
        } catch (SQLException e) {
            close();
            Thread.sleep(timeout.toMillis());
        }
    }

    private PGConnection listening() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
        }
        return connection.unwrap(PGConnection.class);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded either way
            }
            connection = null;
        }
    }
}
