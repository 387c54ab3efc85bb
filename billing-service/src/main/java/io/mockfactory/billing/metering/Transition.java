package io.mockfactory.billing.metering;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;

import java.time.Instant;
import java.util.Optional;

/**
 * What one lifecycle event means for metering: a service type (or the environment as a whole) began or stopped
 * running at the event's time. A service runs from ServiceReady or ServiceStarted until ServiceStopped,
 * ServiceDestroyed or ServiceFailed; an environment from EnvironmentRunning until stopped, destroyed or failed.
 */
public record Transition(String eventId, String userId, String environmentId, String subject, boolean running,
                         Instant occurredAt) {
    public static final String ENVIRONMENT = "environment";

    public static Optional<Transition> of(EventEnvelope event) {
        if (event.userId() == null || event.environmentId() == null) {
            return Optional.empty();
        }
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
        if (subject == null) {
            return Optional.empty();
        }
        return Optional.of(new Transition(event.eventId(), event.userId(), event.environmentId(), subject, running,
                event.occurredAt()));
    }
}
