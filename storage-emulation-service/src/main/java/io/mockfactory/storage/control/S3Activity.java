package io.mockfactory.storage.control;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.environment.ServiceActivity;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which environments' keys were used: noted by the data plane per request (a map write), reported as one
 * ServiceActivity per environment and interval through the outbox, so busy S3 use keeps an environment from idling.
 */
@Singleton
public class S3Activity {
    private static final Logger LOG = LoggerFactory.getLogger(S3Activity.class);

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Transactions transactions;
    private final OutboxWriter outbox;

    public S3Activity(Transactions transactions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    public void touch(String environmentId) {
        seen.put(environmentId, Instant.now());
    }

    @Scheduled(fixedDelay = "${mockfactory.s3.activity-report-interval:60s}", initialDelay = "${mockfactory.s3.activity-report-interval:60s}")
    void report() {
        if (seen.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String environmentId : seen.keySet()) {
            Instant at = seen.remove(environmentId);
            if (at != null) {
                batch.put(environmentId, at);
            }
        }
        try {
            transactions.inTransaction(tx -> {
                try (PreparedStatement owners = tx.prepareStatement(
                        "SELECT environment_id, user_id FROM s3_services WHERE environment_id = ANY(?) AND status = 'running'")) {
                    owners.setArray(1, tx.createArrayOf("text", batch.keySet().toArray()));
                    try (ResultSet rows = owners.executeQuery()) {
                        while (rows.next()) {
                            outbox.append(tx, EventEnvelope.of(new ServiceActivity(S3ServiceHandler.SERVICE,
                                    batch.get(rows.getString(1)))).withEnvironmentId(rows.getString(1)).withUserId(rows.getString(2)));
                        }
                    }
                }
                return null;
            });
        } catch (Exception e) {
            batch.forEach((environmentId, at) -> seen.merge(environmentId, at, (a, b) -> a.isAfter(b) ? a : b));
            LOG.warn("Could not report S3 activity; will retry: {}", e.toString());
        }
    }
}
