package io.mockfactory.kit.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which relay of a schema may publish: the one holding a session advisory lock on a connection it keeps for that. The
 * lock lives exactly as long as that connection, so a relay that dies or loses its database hands over by itself; the
 * others keep trying. Checked before every batch, so a relay whose connection broke stops publishing at once.
 */
final class RelayLeadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayLeadership.class);

    private final DataSource dataSource;
    private final String lockName;
    private Connection connection;

    RelayLeadership(DataSource dataSource, String lockName) {
        this.dataSource = dataSource;
        this.lockName = lockName;
    }

    /** @return whether this relay holds the lock now, taking it if it is free */
    boolean holds() throws SQLException {
        if (connection != null && stillHeld()) {
            return true;
        }
        closeQuietly();
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, lockName);
            try (ResultSet rs = lock.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    LOG.debug("This relay publishes {}'s outbox", lockName);
                    return true;
                }
            }
        }
        closeQuietly();
        return false;
    }

    /** The connection answers, so its session and the lock it holds are alive. */
    private boolean stillHeld() {
        try (PreparedStatement ping = connection.prepareStatement("SELECT 1")) {
            ping.execute();
            return true;
        } catch (SQLException lost) {
            LOG.warn("The outbox relay lost its database session (and with it the relay lock): {}", lost.toString());
            return false;
        }
    }

    /**
     * Unlocks before the connection goes back to the pool: the pool keeps the session open, and a session lock would
     * otherwise stay with it for whoever borrows it next.
     */
    private void closeQuietly() {
        if (connection != null) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            } catch (SQLException ignored) {
                // a broken session holds no lock any more
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
