package io.mockfactory.environment.idle;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.events.environment.EnvironmentIdle;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;

/**
 * Stops running environments whose services reported no client activity for their tier's idle window (ServiceActivity,
 * or a start). Claiming and commanding are one transaction: the UPDATE … RETURNING marks each one stopping, and
 * EnvironmentIdle plus its StopEnvironment go into the outbox with it. Data is kept; a start brings it back.
 */
@Singleton
public class IdleEnvironmentReaper {
    private static final Logger LOG = LoggerFactory.getLogger(IdleEnvironmentReaper.class);
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final OutboxWriter outbox;
    private final Long idleAfterSeconds;

    /** @param idleAfter replaces every tier's window when set (demonstrations and tests) */
    public IdleEnvironmentReaper(Transactions transactions, OutboxWriter outbox,
                                 @Nullable @Property(name = "mockfactory.environments.idle-after") Duration idleAfter) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.idleAfterSeconds = idleAfter == null ? null : idleAfter.toSeconds();
    }

    @Scheduled(fixedDelay = "${mockfactory.environments.idle-check:30s}", initialDelay = "10s")
    void stopIdle() {
        try {
            int stopped = transactions.inTransaction(tx -> {
                int count = 0;
                try (PreparedStatement claim = tx.prepareStatement("""
                        UPDATE environments SET status = 'stopping', updated_at = now()
                        WHERE id IN (SELECT id FROM environments WHERE status = 'running' AND idle_minutes IS NOT NULL
                                     AND COALESCE(last_activity_at, started_at, created_at)
                                         < now() - COALESCE(?::bigint, idle_minutes * 60) * interval '1 second'
                                     LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, user_id, COALESCE(last_activity_at, started_at, created_at), idle_minutes""")) {
                    if (idleAfterSeconds == null) {
                        claim.setNull(1, Types.BIGINT);
                    } else {
                        claim.setLong(1, idleAfterSeconds);
                    }
                    claim.setInt(2, BATCH);
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            String environmentId = rs.getString(1);
                            String userId = rs.getString(2);
                            int minutes = rs.getInt(4);
                            outbox.append(tx, EventEnvelope.of(new EnvironmentIdle(rs.getTimestamp(3).toInstant(), minutes))
                                    .withEnvironmentId(environmentId).withUserId(userId));
                            outbox.append(tx, EventEnvelope.of(new StopEnvironment("idle for " + minutes + " minutes"))
                                    .withEnvironmentId(environmentId).withUserId(userId));
                            count++;
                        }
                    }
                }
                return count;
            });
            if (stopped > 0) {
                LOG.info("Stopping {} idle environments", stopped);
            }
        } catch (Exception e) {
            LOG.warn("Idle pass failed, next one retries: {}", e.toString());
        }
    }
}
