package io.mockfactory.storage.quota;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.billing.QuotaExceeded;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.usage.StoredBytes;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The tier's storage quota, per user across all their environments: the bytes of their objects and of the parts of
 * their unfinished multipart uploads. A write that would pass it answers S3's 403 {@code QuotaExceeded}, stores
 * nothing, and is reported as a {@code QuotaExceeded} event. Checked before a body is read (from its declared
 * length) and again, under the user's lock, in the transaction that would store it, so racing writes cannot pass
 * the quota together.
 */
@Singleton
public class StorageQuota {
    static final String QUOTA = "storage_bytes";

    private final Tiers tiers;
    private final Transactions transactions;
    private final OutboxWriter outbox;
    private final StoredBytes storedBytes;

    public StorageQuota(Tiers tiers, Transactions transactions, OutboxWriter outbox, StoredBytes storedBytes) {
        this.tiers = tiers;
        this.transactions = transactions;
        this.outbox = outbox;
        this.storedBytes = storedBytes;
    }

    /** Before the body: refuses at once a write whose declared size alone would pass the quota. */
    public void precheck(String environmentId, long adding) throws Exception {
        if (adding <= 0) {
            return;
        }
        transactions.read(connection -> {
            Usage usage = usage(connection, environmentId, false);
            if (usage != null && usage.used() + adding > usage.limit()) {
                throw refused(environmentId, usage, adding);
            }
            return null;
        });
    }

    /**
     * In the storing transaction: {@code adding} bytes arrive and {@code freeing} go (an object replaced, parts
     * made into an object). Takes the user's lock until the transaction ends.
     */
    public void require(Connection tx, String environmentId, long adding, long freeing) throws Exception {
        Usage usage = usage(tx, environmentId, true);
        if (usage != null && adding > freeing && usage.used() - freeing + adding > usage.limit()) {
            throw refused(environmentId, usage, adding - freeing);
        }
    }

    private record Usage(String userId, long used, long limit) {
    }

    /** @return null for an environment with no S3 service (nothing to count) */
    private Usage usage(Connection connection, String environmentId, boolean lock) throws Exception {
        String userId;
        String tier;
        try (PreparedStatement owner = connection.prepareStatement("""
                SELECT s.user_id, t.tier FROM s3_services s LEFT JOIN user_tiers t ON t.user_id = s.user_id
                WHERE s.environment_id = ?""")) {
            owner.setString(1, environmentId);
            try (ResultSet row = owner.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                userId = row.getString(1);
                tier = row.getString(2);
            }
        }
        if (lock) {
            try (PreparedStatement advisory = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                advisory.setString(1, "storage:" + userId);
                advisory.execute();
            }
        }
        // After the lock, so racing writers of one user each sum what the one before them stored
        return new Usage(userId, storedBytes.perUser(connection, userId).bytes(), tiers.effectiveLimits(tier).storageBytes());
    }

    private S3Exception refused(String environmentId, Usage usage, long requested) throws Exception {
        // Its own transaction: the refused write's transaction is rolled back, and the report must not go with it
        transactions.inTransaction(tx -> outbox.append(tx, EventEnvelope.of(new QuotaExceeded(QUOTA, usage.limit(), requested))
                .withUserId(usage.userId()).withEnvironmentId(environmentId)));
        return S3Error.QUOTA_EXCEEDED.exception("This write needs " + requested + " bytes and your tier's storage quota of "
                + usage.limit() + " bytes has " + Math.max(0, usage.limit() - usage.used()) + " left; delete objects or upgrade.");
    }
}
