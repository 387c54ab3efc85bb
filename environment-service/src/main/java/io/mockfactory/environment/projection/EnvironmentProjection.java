package io.mockfactory.environment.projection;

import io.mockfactory.environment.readmodel.EnvironmentRecords;
import io.mockfactory.environment.readmodel.EnvironmentStatus;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.MessageType;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentRequested;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the read model in step with the command and event streams. Accepting a {@code CreateEnvironment} creates
 * the environment and announces it as {@code EnvironmentRequested}; every lifecycle event is kept as history.
 */
@Singleton
public class EnvironmentProjection implements InboxHandler {
    private static final Map<Class<? extends Message>, EnvironmentStatus> STATUS_AFTER = Map.of(
            StopEnvironment.class, EnvironmentStatus.STOPPING,
            StartEnvironment.class, EnvironmentStatus.STARTING,
            DestroyEnvironment.class, EnvironmentStatus.DESTROYING,
            EnvironmentRunning.class, EnvironmentStatus.RUNNING,
            EnvironmentStopped.class, EnvironmentStatus.STOPPED,
            EnvironmentDestroyed.class, EnvironmentStatus.DESTROYED,
            EnvironmentFailed.class, EnvironmentStatus.FAILED);

    private final EnvironmentRecords records;
    private final OutboxWriter outbox;

    public EnvironmentProjection(EnvironmentRecords records, OutboxWriter outbox) {
        this.records = records;
        this.outbox = outbox;
    }

    @Override
    public String consumerName() {
        return "projection";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_COMMANDS, Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (event.environmentId() == null) {
            return;
        }
        Message payload = event.payload();
        if (payload instanceof CreateEnvironment create) {
            if (records.insertRequested(tx, event, create)) {
                outbox.append(tx, EventEnvelope.of(new EnvironmentRequested(create.name(), create.services(),
                        create.ttlMinutes())).causedBy(event));
            }
        } else if (ServiceStates.isServiceEvent(payload)) {
            ServiceStates.Change change = ServiceStates.of(payload);
            records.updateService(tx, event.environmentId(), change.service(), change.stateJson(), change.maskedEndpoint());
        } else if (STATUS_AFTER.containsKey(payload.getClass())) {
            String error = payload instanceof EnvironmentFailed failed ? failed.reason() : null;
            records.moveTo(tx, event.environmentId(), STATUS_AFTER.get(payload.getClass()), event.occurredAt(), error);
        }
        if (Topics.ENVIRONMENT_EVENTS.equals(topicOf(event))) {
            records.appendHistory(tx, event);
        }
    }

    private static String topicOf(EventEnvelope event) {
        return MessageType.fromWireName(event.type()).map(MessageType::topic).orElse(null);
    }
}
