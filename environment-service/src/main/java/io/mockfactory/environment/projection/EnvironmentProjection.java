package io.mockfactory.environment.projection;

import io.mockfactory.environment.readmodel.EnvironmentRecords;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.status.ServiceStatus;
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
import io.mockfactory.events.environment.ServiceActivity;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.inbox.NotYetApplicableException;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Set<Class<? extends Message>> COMMANDS = Set.of(StopEnvironment.class, StartEnvironment.class);
    static final String CLEAN_UP_REASON = "clean-up after a failed start";

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
        } else if (payload instanceof ServiceActivity activity) {
            records.touch(tx, event.environmentId(), activity.lastActiveAt() != null ? activity.lastActiveAt() : event.occurredAt());
            // Not history: a report a minute per busy service would drown the lifecycle
            return;
        } else if (ServiceStates.isServiceEvent(payload)) {
            if (payload instanceof ServiceReady || payload instanceof ServiceStarted) {
                records.touch(tx, event.environmentId(), event.occurredAt());
            }
            applyServiceEvent(event, tx);
        } else if (payload instanceof DestroyEnvironment destroy) {
            applyDestroy(event, destroy, tx);
        } else if (COMMANDS.contains(payload.getClass())) {
            records.moveTo(tx, event.environmentId(), STATUS_AFTER.get(payload.getClass()), event.occurredAt(), null);
        }
        if (Topics.ENVIRONMENT_EVENTS.equals(topicOf(event))) {
            records.appendHistory(tx, event);
        }
    }

    /** Environment-level events are this service's own conclusions (see {@link EnvironmentRollup}), not inputs. */
    private void applyServiceEvent(EventEnvelope event, Connection tx) throws Exception {
        String environmentId = event.environmentId();
        EnvironmentStatus current = records.lockStatus(tx, environmentId).orElseThrow(() ->
                new NotYetApplicableException("environment " + environmentId + " is not projected yet"));
        ServiceStates.Change change = ServiceStates.of(event.payload());
        records.updateService(tx, environmentId, change.service(), change.stateJson(), change.maskedEndpoint());
        Optional<Message> conclusion = EnvironmentRollup.after(current, records.serviceStatuses(tx, environmentId),
                event.payload());
        if (conclusion.isPresent()) {
            Message environmentEvent = conclusion.get();
            String error = environmentEvent instanceof EnvironmentFailed failed ? failed.reason() : null;
            records.moveTo(tx, environmentId, STATUS_AFTER.get(environmentEvent.getClass()), event.occurredAt(), error);
            outbox.append(tx, EventEnvelope.of(environmentEvent).causedBy(event));
            if (environmentEvent instanceof EnvironmentFailed && current == EnvironmentStatus.PROVISIONING) {
                // A first start that failed (a service that could not start, a seed refused) holds nothing worth
                // keeping: its other services are released now, not when the user or the TTL gets to it
                outbox.append(tx, EventEnvelope.of(new DestroyEnvironment(CLEAN_UP_REASON, true)).causedBy(event));
            }
        }
    }

    /**
     * A clean-up keeps the environment {@code failed} with its {@code last_error}. A destroy whose services are all
     * destroyed already (a failed environment that was cleaned up) hears no more service events, so it concludes now.
     */
    private void applyDestroy(EventEnvelope event, DestroyEnvironment destroy, Connection tx) throws Exception {
        if (destroy.keepFailed()) {
            return;
        }
        String environmentId = event.environmentId();
        Optional<EnvironmentStatus> current = records.lockStatus(tx, environmentId);
        records.moveTo(tx, environmentId, EnvironmentStatus.DESTROYING, event.occurredAt(), null);
        List<String> statuses = records.serviceStatuses(tx, environmentId);
        if (current.isPresent() && !current.get().isFinal() && !statuses.isEmpty()
                && statuses.stream().allMatch(ServiceStatus.DESTROYED.wireName()::equals)) {
            records.moveTo(tx, environmentId, EnvironmentStatus.DESTROYED, event.occurredAt(), null);
            outbox.append(tx, EventEnvelope.of(new EnvironmentDestroyed()).causedBy(event));
        }
    }

    private static String topicOf(EventEnvelope event) {
        return MessageType.fromWireName(event.type()).map(MessageType::topic).orElse(null);
    }
}
