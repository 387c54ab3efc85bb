package io.mockfactory.billing.metering;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Timestamp;
import java.util.Set;

/**
 * Meters usage from the environment event stream: each transition is kept once (by event id, also beneath the
 * kit's inbox, so a replay through any path is harmless), and totals are derived from the set (see UsageQueries).
 */
@Singleton
public class UsageMeter implements InboxHandler {

    @Override
    public String consumerName() {
        return "metering";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        for (Transition transition : Transition.of(event)) {
            record(tx, transition);
        }
    }

    static void record(Connection tx, Transition transition) throws Exception {
        try (NamedStatement insert = NamedStatement.prepare(tx, """
                INSERT INTO usage_transitions (event_id, user_id, environment_id, subject, running, occurred_at)
                VALUES (:event, :owner, :environment, :subject, :running, :at)
                ON CONFLICT (event_id, subject) DO NOTHING""")) {
            insert.setString("event", transition.eventId()).setString("owner", transition.userId())
                    .setString("environment", transition.environmentId()).setString("subject", transition.subject())
                    .setObject("running", transition.running())
                    .setObject("at", Timestamp.from(transition.occurredAt()));
            insert.statement().executeUpdate();
        }
    }
}
