package io.mockfactory.storage.snapshot;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.storage.control.AccessKeys;
import io.mockfactory.storage.control.S3Endpoint;
import io.mockfactory.storage.control.S3ServiceHandler;
import io.mockfactory.storage.control.S3ServiceRecord;
import io.mockfactory.storage.quota.StorageQuota;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An aws_s3 service created from a snapshot: it is provisioning until its buckets and objects are restored, then
 * ready. A clone's create command comes while its snapshot is still being taken, so a restore whose part is not there
 * yet waits in {@code s3_pending_restores}: it is finished as soon as the part is taken (and by a sweep, after a
 * crash), and fails once the snapshot is deleted or has not come in {@link #GIVE_UP_MINUTES}.
 */
@Singleton
public class S3Restores {
    private static final Logger LOG = LoggerFactory.getLogger(S3Restores.class);
    /** Long enough for a clone's snapshot to wait its turn behind others (the provisioner takes one at a time). */
    static final int GIVE_UP_MINUTES = 30;

    private final S3SnapshotParts parts;
    private final S3Snapshots snapshots;
    private final Transactions transactions;
    private final OutboxWriter outbox;
    private final S3Endpoint endpoint;
    private final AccessKeys accessKeys;
    private final StorageQuota quota;

    public S3Restores(S3SnapshotParts parts, S3Snapshots snapshots, Transactions transactions, OutboxWriter outbox,
                      S3Endpoint endpoint, AccessKeys accessKeys, StorageQuota quota) {
        this.quota = quota;
        this.parts = parts;
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.outbox = outbox;
        this.endpoint = endpoint;
        this.accessKeys = accessKeys;
    }

    /** A pending restore, with what its events need of the create command that asked for it. */
    record Pending(String environmentId, String userId, String snapshotId, String version, String correlationId,
                   String causationId) {
    }

    /** The region the snapshot's service had, when its part is here: the restored service gets it too. */
    public Optional<String> regionOf(Connection tx, String snapshotId) throws SQLException {
        return snapshots.region(tx, snapshotId);
    }

    /** In the create command's transaction, once the service row (provisioning) and its namespace exist. */
    public void begin(Connection tx, EventEnvelope command, String version, String snapshotId) throws Exception {
        Pending restore = new Pending(command.environmentId(), command.userId(), snapshotId, version,
                command.correlationId(), command.eventId());
        if (!finish(tx, restore)) {
            try (PreparedStatement insert = tx.prepareStatement("INSERT INTO s3_pending_restores (environment_id,"
                    + " snapshot_id, version, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, restore.environmentId());
                insert.setString(2, snapshotId);
                insert.setString(3, version);
                insert.setString(4, restore.correlationId());
                insert.setString(5, restore.causationId());
                insert.executeUpdate();
            }
            LOG.info("aws_s3 of {} waits for the S3 part of snapshot {}", restore.environmentId(), snapshotId);
        }
    }

    /** Finishes the restores waiting for this snapshot, each in its own transaction; called once its part is taken. */
    public void partTaken(String snapshotId) {
        sweep("r.snapshot_id", snapshotId);
    }

    @Scheduled(fixedDelay = "${mockfactory.storage.restore-sweep-interval:5s}", initialDelay = "5s")
    void sweepAll() {
        sweep(null, null);
    }

    /** In the transaction that deletes the part: whoever still waits for it will not get it. */
    void failWaitingFor(Connection tx, String snapshotId) throws Exception {
        for (Pending restore : pending(tx, "r.snapshot_id", snapshotId, false)) {
            fail(tx, restore, "the snapshot " + snapshotId + " was deleted before its S3 data was restored");
        }
    }

    private void sweep(String column, String value) {
        try {
            List<Pending> waiting = transactions.read(connection -> pending(connection, column, value, false));
            for (Pending candidate : waiting) {
                sweep(candidate);
            }
        } catch (Exception e) {
            LOG.warn("Restoring aws_s3 services from snapshots failed; will retry: {}", e.toString());
        }
    }

    /** Each in its own transaction: one that cannot be restored holds up no other, and fails once it is too old. */
    private void sweep(Pending candidate) {
        String gaveUp = "the S3 part of snapshot " + candidate.snapshotId() + " was not restored in " + GIVE_UP_MINUTES
                + " minutes";
        try {
            transactions.inTransaction(tx -> {
                for (Pending restore : pending(tx, "r.environment_id", candidate.environmentId(), true)) {
                    if (!finish(tx, restore) && olderThanGiveUp(tx, restore)) {
                        fail(tx, restore, gaveUp);
                    }
                }
                return null;
            });
        } catch (Exception e) {
            LOG.warn("Restoring aws_s3 of {} failed; will retry: {}", candidate.environmentId(), e.toString());
            try {
                transactions.inTransaction(tx -> {
                    for (Pending restore : pending(tx, "r.environment_id", candidate.environmentId(), true)) {
                        if (olderThanGiveUp(tx, restore)) {
                            fail(tx, restore, gaveUp + " (" + e.getClass().getSimpleName() + ")");
                        }
                    }
                    return null;
                });
            } catch (Exception ignored) {
                // the next sweep tries again
            }
        }
    }

    /** In the destroy's transaction: a destroyed service is restored no more. */
    public void cancel(Connection tx, String environmentId) throws SQLException {
        forget(tx, environmentId);
    }

    /**
     * The service row is locked first: a destroy (which takes the same lock) then either comes after the restore and
     * deletes what it restored, or before it, and nothing is restored into a destroyed environment.
     *
     * @return false when the part is not there (yet)
     */
    private boolean finish(Connection tx, Pending restore) throws Exception {
        if (!S3ServiceRecord.PROVISIONING.equals(lockedStatus(tx, restore.environmentId()))) {
            forget(tx, restore.environmentId());
            return true;
        }
        Savepoint before = tx.setSavepoint();
        if (!parts.restore(tx, restore.snapshotId(), restore.environmentId(), restore.userId())) {
            tx.releaseSavepoint(before);
            return false;
        }
        Optional<StorageQuota.CopyRefusal> overQuota = quota.refusalOfCopy(tx, restore.environmentId());
        if (overQuota.isPresent()) {
            // Its blobs' links stay behind with no row: the reconciler removes them
            tx.rollback(before);
            quota.report(tx, restore.environmentId(), overQuota.get());
            fail(tx, restore, "the snapshot's S3 data cannot be restored: " + overQuota.get().reason());
            return true;
        }
        tx.releaseSavepoint(before);
        forget(tx, restore.environmentId());
        takeRegion(tx, restore);
        if (moveFromProvisioning(tx, restore.environmentId(), S3ServiceRecord.RUNNING)) {
            emit(tx, restore, new ServiceReady(S3ServiceHandler.SERVICE, restore.version(), endpoint.host(),
                    endpoint.port(), endpoint.url()));
            LOG.info("aws_s3 of {} restored from snapshot {}", restore.environmentId(), restore.snapshotId());
        }
        return true;
    }

    private void fail(Connection tx, Pending restore, String why) throws Exception {
        forget(tx, restore.environmentId());
        if (moveFromProvisioning(tx, restore.environmentId(), S3ServiceRecord.FAILED)) {
            emit(tx, restore, new ServiceFailed(S3ServiceHandler.SERVICE, why));
            LOG.info("aws_s3 of {} failed: {}", restore.environmentId(), why);
        }
    }

    /** The keys' cached state (inactive while provisioning) goes with the move, as on every status change. */
    private boolean moveFromProvisioning(Connection tx, String environmentId, String to) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE s3_services SET status = ?, updated_at = now()"
                + " WHERE environment_id = ? AND status = '" + S3ServiceRecord.PROVISIONING + "' RETURNING access_key_id")) {
            update.setString(1, to);
            update.setString(2, environmentId);
            try (ResultSet moved = update.executeQuery()) {
                if (!moved.next()) {
                    return false;
                }
                accessKeys.evict(moved.getString(1));
                return true;
            }
        }
    }

    private static String lockedStatus(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT status FROM s3_services WHERE environment_id = ? FOR UPDATE")) {
            select.setString(1, environmentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** The source's region: a clone's create came before its part, so its service got the default. */
    private static void takeRegion(Connection tx, Pending restore) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE s3_services SET region = s.region FROM s3_snapshots s"
                + " WHERE s3_services.environment_id = ? AND s.snapshot_id = ?")) {
            update.setString(1, restore.environmentId());
            update.setString(2, restore.snapshotId());
            update.executeUpdate();
        }
    }

    private static void forget(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM s3_pending_restores WHERE environment_id = ?")) {
            delete.setString(1, environmentId);
            delete.executeUpdate();
        }
    }

    private static boolean olderThanGiveUp(Connection tx, Pending restore) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT requested_at < now() - make_interval(mins => ?)"
                + " FROM s3_pending_restores WHERE environment_id = ?")) {
            select.setInt(1, GIVE_UP_MINUTES);
            select.setString(2, restore.environmentId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** @param column null for every pending restore, else one of this class's column names, matched to value */
    private static List<Pending> pending(Connection connection, String column, String value, boolean lock)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.environment_id, s.user_id, r.snapshot_id,"
                + " r.version, r.correlation_id, r.causation_id FROM s3_pending_restores r JOIN s3_services s"
                + " ON s.environment_id = r.environment_id WHERE " + (column == null ? "?::text IS NULL" : column + " = ?")
                + " ORDER BY r.requested_at LIMIT 100" + (lock ? " FOR UPDATE OF r SKIP LOCKED" : ""))) {
            select.setString(1, value);
            List<Pending> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Pending(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
            return found;
        }
    }

    private void emit(Connection tx, Pending restore, Message event) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(event);
        outbox.append(tx, new EventEnvelope(envelope.eventId(), envelope.type(), envelope.version(),
                envelope.occurredAt(), restore.correlationId(), restore.causationId(), restore.userId(),
                restore.environmentId(), event));
    }
}
