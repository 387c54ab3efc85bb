package io.mockfactory.billing.metering;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.billing.StorageUsageReported;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

/**
 * Meters storage from the storage service's reports: each is kept once by event id, and byte-hours are derived
 * from the set of them (see UsageQueries), each report holding until the next of the same environment.
 */
@Singleton
public class StorageMeter implements InboxHandler {

    /** One report, as kept. */
    public record Sample(String eventId, String userId, String environmentId, String service, long bytes, long objects,
                         Instant measuredAt) {
    }

    @Override
    public String consumerName() {
        return "storage-metering";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.BILLING_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (event.payload() instanceof StorageUsageReported report && event.userId() != null
                && event.environmentId() != null && report.service() != null && report.bytes() >= 0) {
            record(tx, new Sample(event.eventId(), event.userId(), event.environmentId(), report.service(),
                    report.bytes(), Math.max(0, report.objects()), event.occurredAt()));
        }
    }

    static void record(Connection tx, Sample sample) throws Exception {
        try (NamedStatement insert = NamedStatement.prepare(tx, """
                INSERT INTO storage_samples (event_id, user_id, environment_id, service, bytes, objects, measured_at)
                VALUES (:event, :owner, :environment, :service, :bytes, :objects, :at)
                ON CONFLICT (event_id) DO NOTHING""")) {
            insert.setString("event", sample.eventId()).setString("owner", sample.userId())
                    .setString("environment", sample.environmentId()).setString("service", sample.service())
                    .setLong("bytes", sample.bytes()).setLong("objects", sample.objects())
                    .setObject("at", Timestamp.from(sample.measuredAt()));
            insert.statement().executeUpdate();
        }
    }
}
