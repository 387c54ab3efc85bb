package io.mockfactory.provisioner.pool;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code pool_instances} table. */
@Singleton
public class PoolInstances {
    private static final String COLUMNS = "id, service, version, status, port, secret, pid";

    public void insertWarming(Connection tx, PoolInstance instance) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO pool_instances (" + COLUMNS
                + ") VALUES (?, ?, ?, 'warming', ?, ?, NULL)")) {
            insert.setString(1, instance.id());
            insert.setString(2, instance.service());
            insert.setString(3, instance.version());
            insert.setInt(4, instance.port());
            insert.setBytes(5, instance.secret());
            insert.executeUpdate();
        }
    }

    /** @return false if the row is gone (removed while its server started) */
    public boolean markReady(Connection tx, String id, long pid) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE pool_instances SET status = 'ready', pid = ?,"
                + " updated_at = now() WHERE id = ? AND status = 'warming'")) {
            update.setLong(1, pid);
            update.setString(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Takes the oldest ready instance of the type and version out of the pool, in the caller's transaction. Rows
     * another lease has locked are skipped rather than waited for, and the row is deleted: whatever commits, no
     * instance goes to two environments.
     */
    public Optional<PoolInstance> take(Connection tx, String service, String version) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM pool_instances WHERE id = (SELECT id FROM pool_instances"
                + " WHERE service = ? AND version = ? AND status = 'ready' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS)) {
            delete.setString(1, service);
            delete.setString(2, version);
            return read(delete).stream().findFirst();
        }
    }

    /** @return the row, if it was still there to remove (a lease may have taken it first) */
    public Optional<PoolInstance> remove(Connection tx, String id) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM pool_instances WHERE id = ? RETURNING " + COLUMNS)) {
            delete.setString(1, id);
            return read(delete).stream().findFirst();
        }
    }

    public boolean exists(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pool_instances WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<PoolInstance> all(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM pool_instances ORDER BY created_at")) {
            return read(select);
        }
    }

    private static List<PoolInstance> read(PreparedStatement statement) throws SQLException {
        List<PoolInstance> found = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found.add(new PoolInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getBytes(6), (Long) rs.getObject(7)));
            }
        }
        return found;
    }
}
