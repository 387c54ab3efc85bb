package io.mockfactory.storage.usage;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.billing.StorageUsageReported;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.storage.control.S3ServiceHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Tells billing what each environment stores, for its byte-hours. A report holds until the environment's next one
 * (billing integrates a step function), so a pass reports only the environments whose figure changed since their
 * last report, and a destroy reports a final zero. Each report is appended to the outbox in the transaction that
 * records it as the standing figure: a crash loses or doubles none.
 */
@Singleton
public class StorageUsageReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StorageUsageReporter.class);
    /*
     * One pass at a time across instances, and destroys wait for a running pass (and a pass skips while a destroy is
     * handled): otherwise a pass could record a figure for an environment a concurrent destroy has just zeroed.
     * Destroys take the lock shared, so they never wait for one another.
     */
    private static final String LOCK = "storage:usage-report";

    private final Transactions transactions;
    private final StoredBytes storedBytes;
    private final ReportedUsage reported;
    private final OutboxWriter outbox;

    public StorageUsageReporter(Transactions transactions, StoredBytes storedBytes, ReportedUsage reported,
                                OutboxWriter outbox) {
        this.transactions = transactions;
        this.storedBytes = storedBytes;
        this.reported = reported;
        this.outbox = outbox;
    }

    /** @return how many reports this pass emitted (0 when another instance holds the pass, or on failure) */
    @Scheduled(fixedDelay = "${mockfactory.storage.usage-report.interval:60s}",
            initialDelay = "${mockfactory.storage.usage-report.initial-delay:5s}")
    public synchronized int report() {
        try {
            return transactions.inTransaction(this::reportChanges);
        } catch (Exception e) {
            LOG.warn("Storage usage report pass failed; the next pass reports what changed: {}", e.toString());
            return 0;
        }
    }

    /**
     * In the destroy handler's transaction, before it appends anything (the pass takes the lock before the outbox's
     * per-environment locks; so must this). The zero is explicit: the destroy has emptied the environment anyway.
     */
    public void reportDestroyed(Connection tx, String environmentId, String userId) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_advisory_xact_lock_shared(hashtext(?))")) {
            lock.setString(1, LOCK);
            lock.execute();
        }
        Optional<EnvironmentUsage> standing = reported.remove(tx, environmentId);
        if (standing.isPresent() && !standing.get().isZero()) {
            emit(tx, new EnvironmentUsage(environmentId, userId, 0, 0));
        }
    }

    private int reportChanges(Connection tx) throws SQLException {
        if (!tryLock(tx)) {
            return 0;
        }
        Map<String, EnvironmentUsage> standing = reported.all(tx);
        int emitted = 0;
        for (EnvironmentUsage now : storedBytes.perLiveEnvironment(tx)) {
            EnvironmentUsage before = standing.remove(now.environmentId());
            // Never reported and empty: billing already counts nothing for it
            if (before == null ? !now.isZero() : !now.sameFigure(before)) {
                emit(tx, now);
                reported.put(tx, now);
                emitted++;
            }
        }
        // Standing figures of environments gone without their zero (a destroy handled by a release before these
        // reports): zero them now, or billing would meter them forever
        for (EnvironmentUsage gone : standing.values()) {
            reported.remove(tx, gone.environmentId());
            if (!gone.isZero()) {
                emit(tx, new EnvironmentUsage(gone.environmentId(), gone.userId(), 0, 0));
                emitted++;
            }
        }
        return emitted;
    }

    private static boolean tryLock(Connection tx) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, LOCK);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private void emit(Connection tx, EnvironmentUsage usage) throws SQLException {
        outbox.append(tx, EventEnvelope.of(new StorageUsageReported(S3ServiceHandler.SERVICE, usage.bytes(), usage.objects()))
                .withUserId(usage.userId()).withEnvironmentId(usage.environmentId()));
    }
}
