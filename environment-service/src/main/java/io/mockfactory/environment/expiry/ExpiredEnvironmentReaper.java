package io.mockfactory.environment.expiry;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Destroys environments whose {@code ttl_minutes} ran out. Claiming and commanding happen in one transaction: the
 * UPDATE … RETURNING marks each environment destroying (so no instance of this service claims it twice) and its
 * DestroyEnvironment command goes into the outbox with it.
 */
@Singleton
public class ExpiredEnvironmentReaper {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredEnvironmentReaper.class);
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final OutboxWriter outbox;

    public ExpiredEnvironmentReaper(Transactions transactions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    @Scheduled(fixedDelay = "${mockfactory.environments.expiry-check:15s}", initialDelay = "5s")
    void destroyExpired() {
        try {
            int expired = transactions.inTransaction(tx -> {
                int count = 0;
                try (PreparedStatement claim = tx.prepareStatement("""
                        UPDATE environments SET status = 'destroying', updated_at = now()
                        WHERE id IN (SELECT id FROM environments WHERE expires_at < now()
                                     AND status NOT IN ('destroying', 'destroyed') LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, user_id""")) {
                    claim.setInt(1, BATCH);
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            outbox.append(tx, EventEnvelope.of(new DestroyEnvironment("ttl expired"))
                                    .withEnvironmentId(rs.getString(1)).withUserId(rs.getString(2)));
                            count++;
                        }
                    }
                }
                return count;
            });
            if (expired > 0) {
                LOG.info("Destroying {} environments whose time to live ran out", expired);
            }
        } catch (Exception e) {
            LOG.warn("Expiry pass failed, next one retries: {}", e.toString());
        }
    }
}
