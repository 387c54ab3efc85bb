package io.mockfactory.provisioner.snapshot;

import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.internal.snapshot.SnapshotView.SnapshotServiceView;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code snapshots} and {@code snapshot_services} tables. */
@Singleton
public class Snapshots {
    private static final String COLUMNS = "id, user_id, environment_id, name, hidden, status, size_bytes, last_error,"
            + " attempts, causation_id, created_at, ready_at";

    /** @return false if the snapshot was recorded already (a redelivered command) */
    public boolean insert(Connection tx, String id, String userId, String environmentId, String name, boolean hidden,
                          String causationId, String storageVersion) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO snapshots (id, user_id, environment_id, name,"
                + " hidden, status, causation_id, storage_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, userId);
            insert.setString(3, environmentId);
            insert.setString(4, name);
            insert.setBoolean(5, hidden);
            insert.setString(6, SnapshotView.CREATING);
            insert.setString(7, causationId);
            insert.setString(8, storageVersion);
            return insert.executeUpdate() == 1;
        }
    }

    /** @return the aws_s3 version when the snapshot has an S3 part (storage-emulation-service takes it) */
    public Optional<String> storageVersion(Connection tx, String id) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT storage_version FROM snapshots WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<SnapshotRecord> find(Connection tx, String id) throws SQLException {
        List<SnapshotRecord> found = select(tx, "WHERE id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Snapshots with work to do: to be taken, or to be deleted. */
    public List<SnapshotRecord> pending(Connection tx, int limit) throws SQLException {
        return select(tx, "WHERE status IN ('creating', 'deleting') ORDER BY created_at", List.of(), limit);
    }

    /** The owner's listed snapshots, newest first, after the cursor (a snapshot id) if any. */
    public List<SnapshotRecord> listed(Connection tx, String userId, String after, int limit) throws SQLException {
        if (after == null) {
            return select(tx, "WHERE user_id = ? AND NOT hidden ORDER BY created_at DESC, id DESC", List.of(userId), limit);
        }
        return select(tx, "WHERE user_id = ? AND NOT hidden AND (created_at, id) < (SELECT created_at, id FROM snapshots"
                + " WHERE id = ?) ORDER BY created_at DESC, id DESC", List.of(userId, after), limit);
    }

    public int countKept(Connection tx, String userId) throws SQLException {
        try (PreparedStatement count = tx.prepareStatement("SELECT count(*) FROM snapshots WHERE user_id = ?"
                + " AND NOT hidden AND status <> 'deleting'")) {
            count.setString(1, userId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Counts one more attempt at taking a snapshot; one that crash-loops the provisioner is given up. */
    public int countAttempt(Connection tx, String id) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE snapshots SET attempts = attempts + 1 WHERE id = ?"
                + " RETURNING attempts")) {
            update.setString(1, id);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** @return whether it was still being taken (a delete that came meanwhile wins) */
    public boolean markReady(Connection tx, String id, List<SnapshotServiceView> services) throws SQLException {
        long total = services.stream().mapToLong(SnapshotServiceView::sizeBytes).sum();
        try (PreparedStatement update = tx.prepareStatement("UPDATE snapshots SET status = 'ready', size_bytes = ?,"
                + " ready_at = now() WHERE id = ? AND status = 'creating'")) {
            update.setLong(1, total);
            update.setString(2, id);
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO snapshot_services (snapshot_id, service,"
                + " version, size_bytes) VALUES (?, ?, ?, ?)")) {
            for (SnapshotServiceView service : services) {
                insert.setString(1, id);
                insert.setString(2, service.service());
                insert.setString(3, service.version());
                insert.setLong(4, service.sizeBytes());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return true;
    }

    public boolean markFailed(Connection tx, String id, String error) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE snapshots SET status = 'failed', last_error = ?"
                + " WHERE id = ? AND status = 'creating'")) {
            update.setString(1, error);
            update.setString(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /** @return the status it had, if it existed and was not being deleted already */
    public Optional<String> requestDelete(Connection tx, String id) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE snapshots s SET status = 'deleting' FROM"
                + " (SELECT id, status FROM snapshots WHERE id = ? FOR UPDATE) before WHERE s.id = before.id"
                + " AND before.status <> 'deleting' RETURNING before.status")) {
            update.setString(1, id);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether a first start is still to restore this snapshot (its data must stay until then). */
    public boolean inUse(Connection tx, String id) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT 1 FROM instance_seeds WHERE snapshot_id = ? LIMIT 1")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void delete(Connection tx, String id) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM snapshots WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    /**
     * Clone snapshots no restore needs any more: settled, no first start still to restore them, and older than
     * {@code graceMinutes} (the clone's create command may not have reached this service yet).
     */
    public List<String> unneededCloneSnapshots(Connection tx, int graceMinutes) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT id FROM snapshots s WHERE hidden AND status IN"
                + " ('ready', 'failed') AND created_at < now() - make_interval(mins => ?) AND NOT EXISTS (SELECT 1 FROM"
                + " instance_seeds i WHERE i.snapshot_id = s.id) LIMIT 20")) {
            select.setInt(1, graceMinutes);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private List<SnapshotRecord> select(Connection tx, String where, List<String> args, int limit) throws SQLException {
        List<SnapshotRecord> found = new ArrayList<>();
        try (PreparedStatement select = tx.prepareStatement("SELECT " + COLUMNS + " FROM snapshots " + where + " LIMIT " + limit)) {
            for (int i = 0; i < args.size(); i++) {
                select.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new SnapshotRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getInt(9),
                            rs.getString(10), rs.getTimestamp(11).toInstant(), instant(rs.getTimestamp(12)), List.of()));
                }
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        Map<String, List<SnapshotServiceView>> services = services(tx, found.stream().map(SnapshotRecord::id).toList());
        List<SnapshotRecord> withServices = new ArrayList<>();
        for (SnapshotRecord record : found) {
            withServices.add(new SnapshotRecord(record.id(), record.userId(), record.environmentId(), record.name(),
                    record.hidden(), record.status(), record.sizeBytes(), record.lastError(), record.attempts(),
                    record.causationId(), record.createdAt(), record.readyAt(),
                    services.getOrDefault(record.id(), List.of())));
        }
        return withServices;
    }

    /** The services of every listed snapshot in one query, not one per snapshot. */
    private static Map<String, List<SnapshotServiceView>> services(Connection tx, List<String> ids) throws SQLException {
        Map<String, List<SnapshotServiceView>> services = new HashMap<>();
        try (PreparedStatement select = tx.prepareStatement("SELECT snapshot_id, service, version, size_bytes FROM"
                + " snapshot_services WHERE snapshot_id = ANY (?) ORDER BY snapshot_id, service")) {
            select.setArray(1, tx.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    services.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new SnapshotServiceView(rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return services;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
