package io.mockfactory.kit;

import io.micronaut.context.annotation.Requires;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.environment.EnvironmentRequested;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

/**
 * A handler shaped like a real one: it writes a row (a non-idempotent effect) and an outbox event in the inbox
 * transaction. An environment named "explode" makes it fail every time. A test that must own its outbox (and not
 * replay every command earlier tests left on the topic) switches it off with {@code kit-test.recording-handler=false}.
 */
@Singleton
@Requires(property = "kit-test.recording-handler", notEquals = "false")
public class RecordingHandler implements InboxHandler {
    public static final String FAILING_NAME = "explode";

    private final OutboxWriter outbox;

    public RecordingHandler(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public String consumerName() {
        return "recorder";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_COMMANDS);
    }

    @Override
    public void handle(EventEnvelope event, Connection transaction) throws Exception {
        if (!(event.payload() instanceof CreateEnvironment create)) {
            return;
        }
        if (FAILING_NAME.equals(create.name())) {
            throw new IllegalStateException("handler refuses environments named " + FAILING_NAME);
        }
        try (PreparedStatement insert = transaction.prepareStatement(
                "INSERT INTO recorded_effects (environment_id, event_id) VALUES (?, ?)")) {
            insert.setString(1, event.environmentId());
            insert.setString(2, event.eventId());
            insert.executeUpdate();
        }
        outbox.append(transaction, EventEnvelope.of(new EnvironmentRequested(create.name(), create.services(),
                create.ttlMinutes())).causedBy(event));
    }
}
