package io.mockfactory.storage.quota;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.billing.QuotaExceeded;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The tier's storage quota, per user across all their environments: the bytes of their objects and of the parts of
 * their unfinished multipart uploads, as the {@code bucket_usage} counters (V8) hold them. A write that would pass it
 * answers S3's 403 {@code QuotaExceeded}, stores nothing, and is reported as a {@code QuotaExceeded} event. Checked
 * before a body is read (from its declared length), and again in the transaction that stores it, after the write:
 * there, a write that grows what the user stores takes the user's lock until it commits and reads the total with its
 * own bytes in it, so of racing writers each sees what those before it stored and they cannot pass the quota
 * together. A write that grows nothing (an overwrite with no more bytes, the usual test-suite PUT) checks nothing and
 * waits for nobody.
 */
@Singleton
public class StorageQuota {
    static final String QUOTA = "storage_bytes";
    private static final String OWNER_LOCKED = """
            SELECT s.user_id, t.tier, pg_advisory_xact_lock(hashtext('storage:' || s.user_id))
            FROM s3_services s LEFT JOIN user_tiers t ON t.user_id = s.user_id WHERE s.environment_id = ?""";
    /** One statement, no lock: the precheck is only an early refusal, the check after the write decides. */
    private static final String OWNER_WITH_TOTAL = """
            SELECT s.user_id, t.tier, (SELECT COALESCE(SUM(u.bytes), 0) FROM s3_services mine
                                       JOIN buckets b ON b.environment_id = mine.environment_id
                                       JOIN bucket_usage u ON u.bucket_id = b.id WHERE mine.user_id = s.user_id)
                                    + (SELECT COALESCE(SUM(bytes), 0) FROM snapshot_storage m WHERE m.user_id = s.user_id)
                                    + (SELECT COALESCE(SUM(size), 0) FROM seed_uploads su WHERE su.user_id = s.user_id)
            FROM s3_services s LEFT JOIN user_tiers t ON t.user_id = s.user_id WHERE s.environment_id = ?""";
    /** Below this a body is read and refused at commit: reading it costs less than asking before. */
    private static final long PRECHECK_FROM = 1024 * 1024;
    /** The bytes of a user's uploads (one parameter: the user id). */
    public static final String USER_UPLOAD_BYTES = "(SELECT COALESCE(SUM(size), 0) FROM seed_uploads WHERE user_id = ?)";
    /** The user's objects, then their snapshots and uploads (three parameters: the user id three times). */
    private static final String USER_TOTAL = """
            SELECT (SELECT COALESCE(SUM(u.bytes), 0) FROM s3_services s JOIN buckets b ON b.environment_id = s.environment_id
                    JOIN bucket_usage u ON u.bucket_id = b.id WHERE s.user_id = ?) + """ + SnapshotStorage.USER_SNAPSHOT_BYTES
            + " + " + USER_UPLOAD_BYTES;
    private static final String USER_LOCKED = "SELECT (SELECT tier FROM user_tiers WHERE user_id = ?),"
            + " pg_advisory_xact_lock(hashtext('storage:' || ?))";

    private final Tiers tiers;
    private final Transactions transactions;
    private final OutboxWriter outbox;

    public StorageQuota(Tiers tiers, Transactions transactions, OutboxWriter outbox) {
        this.tiers = tiers;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** Before the body: refuses at once a write whose declared size alone would pass the quota. */
    public void precheck(String environmentId, long adding) throws Exception {
        if (adding < PRECHECK_FROM) {
            return;
        }
        transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(OWNER_WITH_TOTAL)) {
                select.setString(1, environmentId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    Usage usage = new Usage(row.getString(1), row.getLong(3), tiers.effectiveLimits(row.getString(2)).storageBytes());
                    if (usage.used() + adding > usage.limit()) {
                        throw refused(environmentId, usage, adding);
                    }
                }
            }
            return null;
        });
    }

    /**
     * In the storing transaction, after its write: {@code growth} is how many more bytes the user stores because of
     * it (the new bytes less those it replaced). Takes the user's lock until the transaction ends when it grows.
     */
    public void require(Connection tx, String environmentId, long growth) throws Exception {
        if (growth <= 0) {
            return;
        }
        Usage usage = lockedUsage(tx, environmentId);
        if (usage != null && usage.used() > usage.limit()) {
            throw refused(environmentId, new Usage(usage.userId(), usage.used() - growth, usage.limit()), growth);
        }
    }

    /** Why a copy into a new environment cannot be kept, and what its {@code QuotaExceeded} report says. */
    public record CopyRefusal(String userId, long limit, long added, String reason) {
    }

    /**
     * For a copy made into a new environment in {@code tx} (a snapshot's restore, a bucket seed), after it: why it
     * passes the user's quota, or empty. Everything the environment holds is what the copy added. Takes the user's
     * lock as {@link #require} does. The caller rolls the copy back and then {@link #report}s the refusal in the same
     * transaction (which already wrote to the outbox: a second transaction would wait for it).
     */
    public Optional<CopyRefusal> refusalOfCopy(Connection tx, String environmentId) throws Exception {
        long added;
        try (PreparedStatement select = tx.prepareStatement("SELECT COALESCE(SUM(u.bytes), 0) FROM buckets b"
                + " JOIN bucket_usage u ON u.bucket_id = b.id WHERE b.environment_id = ?")) {
            select.setString(1, environmentId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                added = row.getLong(1);
            }
        }
        if (added == 0) {
            return Optional.empty();
        }
        Usage usage = lockedUsage(tx, environmentId);
        if (usage == null || usage.used() <= usage.limit()) {
            return Optional.empty();
        }
        return Optional.of(new CopyRefusal(usage.userId(), usage.limit(), added, "the copy holds " + added
                + " bytes and your tier's storage quota of " + usage.limit() + " bytes has "
                + Math.max(0, usage.limit() - (usage.used() - added)) + " left; delete objects or snapshots, or upgrade"));
    }

    public void report(Connection tx, String environmentId, CopyRefusal refusal) throws Exception {
        outbox.append(tx, EventEnvelope.of(new QuotaExceeded(QUOTA, refusal.limit(), refusal.added()))
                .withUserId(refusal.userId()).withEnvironmentId(environmentId));
    }

    /** What the user stores now, objects and snapshots, as the counters say (the quota). */
    public static long storedBy(Connection connection, String userId) throws SQLException {
        try (PreparedStatement total = connection.prepareStatement(USER_TOTAL)) {
            total.setString(1, userId);
            total.setString(2, userId);
            total.setString(3, userId);
            try (ResultSet row = total.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private record Usage(String userId, long used, long limit) {
    }

    /**
     * For an upload of {@code size} bytes, before its body is read: why what the user stores already leaves no room
     * for it, or empty (no lock: the check in {@link #refusalOfUpload} decides).
     */
    public Optional<String> precheckUpload(String userId, long size) throws Exception {
        return transactions.read(connection -> {
            Usage usage = userUsage(connection, userId, false);
            return usage.used() + size > usage.limit() ? Optional.of(uploadRefusal(usage, size)) : Optional.empty();
        });
    }

    /**
     * In the transaction that records an upload of {@code size} bytes, after its row: why the user's total with it
     * passes the quota (then the caller rolls back), or empty. Takes the user's lock as {@link #require} does; a
     * refusal is reported ({@code QuotaExceeded}) in a transaction of its own.
     */
    public Optional<String> refusalOfUpload(Connection tx, String userId, long size) throws Exception {
        Usage usage = userUsage(tx, userId, true);
        if (usage.used() <= usage.limit()) {
            return Optional.empty();
        }
        Usage before = new Usage(userId, usage.used() - size, usage.limit());
        transactions.inTransaction(report -> outbox.append(report, EventEnvelope.of(new QuotaExceeded(QUOTA, usage.limit(), size))
                .withUserId(userId)));
        return Optional.of(uploadRefusal(before, size));
    }

    /** How many more bytes the user may store now (no lock: what a copy may grow to before its own check). */
    public long left(Connection connection, String userId) throws Exception {
        Usage usage = userUsage(connection, userId, false);
        return Math.max(0, usage.limit() - usage.used());
    }

    private Usage userUsage(Connection connection, String userId, boolean lock) throws Exception {
        String tier;
        try (PreparedStatement owner = connection.prepareStatement(lock ? USER_LOCKED
                : "SELECT (SELECT tier FROM user_tiers WHERE user_id = ?), ?")) {
            owner.setString(1, userId);
            owner.setString(2, userId);
            try (ResultSet row = owner.executeQuery()) {
                row.next();
                tier = row.getString(1);
            }
        }
        return new Usage(userId, storedBy(connection, userId), tiers.effectiveLimits(tier).storageBytes());
    }

    private static String uploadRefusal(Usage usage, long size) {
        return "This upload holds " + size + " bytes and your tier's storage quota of " + usage.limit() + " bytes has "
                + Math.max(0, usage.limit() - usage.used()) + " left; delete uploads, objects or snapshots, or upgrade.";
    }

    /** @return null for an environment with no S3 service (nothing to count) */
    private Usage lockedUsage(Connection connection, String environmentId) throws Exception {
        String userId;
        String tier;
        try (PreparedStatement owner = connection.prepareStatement(OWNER_LOCKED)) {
            owner.setString(1, environmentId);
            try (ResultSet row = owner.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                userId = row.getString(1);
                tier = row.getString(2);
            }
        }
        // Its own statement, after the lock: its snapshot holds what every writer before this one committed
        return new Usage(userId, storedBy(connection, userId), tiers.effectiveLimits(tier).storageBytes());
    }

    private S3Exception refused(String environmentId, Usage usage, long requested) throws Exception {
        // Its own transaction: the refused write's transaction is rolled back, and the report must not go with it
        transactions.inTransaction(tx -> outbox.append(tx, EventEnvelope.of(new QuotaExceeded(QUOTA, usage.limit(), requested))
                .withUserId(usage.userId()).withEnvironmentId(environmentId)));
        return S3Error.QUOTA_EXCEEDED.exception("This write needs " + requested + " bytes and your tier's storage quota of "
                + usage.limit() + " bytes has " + Math.max(0, usage.limit() - usage.used()) + " left; delete objects or upgrade.");
    }
}
