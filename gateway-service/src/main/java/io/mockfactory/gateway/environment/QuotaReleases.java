package io.mockfactory.gateway.environment;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Set;

/** Frees quota slots as environments stop (by the user, idle shutdown or TTL), are destroyed or fail. */
@Singleton
public class QuotaReleases implements InboxHandler {
    private final QuotaClaims claims;

    public QuotaReleases(QuotaClaims claims) {
        this.claims = claims;
    }

    @Override
    public String consumerName() {
        return "quota";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (event.environmentId() != null && (event.payload() instanceof EnvironmentStopped
                || event.payload() instanceof EnvironmentDestroyed || event.payload() instanceof EnvironmentFailed)) {
            claims.release(tx, event.environmentId(), event.occurredAt());
        }
    }
}
