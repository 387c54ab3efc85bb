package io.mockfactory.billing.metering;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentIdle;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one lifecycle event means for metering: a service type (or the environment as a whole) began or stopped
 * running at the event's time. A service runs from ServiceReady or ServiceStarted until ServiceStopped,
 * ServiceDestroyed or ServiceFailed; an environment from EnvironmentRunning until stopped, destroyed or failed. What
 * idle auto-shutdown saved is metered the same way: from EnvironmentIdle until the environment runs again or is
 * destroyed.
 */
public record Transition(String eventId, String userId, String environmentId, String subject, boolean running,
                         Instant occurredAt) {
    public static final String ENVIRONMENT = "environment";
    public static final String IDLE_STOPPED = "idle_stopped";

    public static List<Transition> of(EventEnvelope event) {
        List<Transition> transitions = new ArrayList<>();
        if (event.userId() == null || event.environmentId() == null) {
            return transitions;
        }
        Message payload = event.payload();
        if (payload instanceof EnvironmentIdle) {
            transitions.add(of(event, IDLE_STOPPED, true));
        } else if (payload instanceof EnvironmentRunning || payload instanceof EnvironmentDestroyed) {
            transitions.add(of(event, IDLE_STOPPED, false));
        }
        service(event).ifPresent(transitions::add);
        return transitions;
    }

    private static Transition of(EventEnvelope event, String subject, boolean running) {
        return new Transition(event.eventId(), event.userId(), event.environmentId(), subject, running, event.occurredAt());
    }

    /** The service's or the environment's own running state, if the event changes it. */
    private static Optional<Transition> service(EventEnvelope event) {
        Message payload = event.payload();
        String subject;
        boolean running;
        if (payload instanceof ServiceReady ready) {
            subject = ready.service();
            running = true;
        } else if (payload instanceof ServiceStarted started) {
            subject = started.service();
            running = true;
        } else if (payload instanceof ServiceStopped stopped) {
            subject = stopped.service();
            running = false;
        } else if (payload instanceof ServiceDestroyed destroyed) {
            subject = destroyed.service();
            running = false;
        } else if (payload instanceof ServiceFailed failed) {
            subject = failed.service();
            running = false;
        } else if (payload instanceof EnvironmentRunning) {
            subject = ENVIRONMENT;
            running = true;
        } else if (payload instanceof EnvironmentStopped || payload instanceof EnvironmentDestroyed
                || payload instanceof EnvironmentFailed) {
            subject = ENVIRONMENT;
            running = false;
        } else {
            return Optional.empty();
        }
        return subject == null ? Optional.empty() : Optional.of(of(event, subject, running));
    }
}
