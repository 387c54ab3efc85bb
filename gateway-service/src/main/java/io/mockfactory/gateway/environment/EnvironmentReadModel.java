package io.mockfactory.gateway.environment;

import io.micronaut.core.annotation.Nullable;
import io.mockfactory.gateway.internal.EnvironmentClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.History;
import io.mockfactory.kit.web.Page;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The gateway's view of environment-service's read model, always asked on behalf of one owner. */
@Singleton
public class EnvironmentReadModel {
    private static final long POLL_MILLIS = 100;

    private final EnvironmentClient environments;
    private final PeerCalls calls;

    public EnvironmentReadModel(EnvironmentClient environments, @Named(Peers.ENVIRONMENT) PeerCalls calls) {
        this.environments = environments;
        this.calls = calls;
    }

    public Optional<EnvironmentView> find(String userId, String environmentId) {
        return calls.call(() -> environments.get(environmentId, userId));
    }

    public Page<EnvironmentView> list(String userId, @Nullable Integer limit, @Nullable String cursor) {
        return calls.call(() -> environments.list(userId, limit == null ? null : String.valueOf(limit), cursor));
    }

    public Optional<History> events(String userId, String environmentId) {
        return calls.call(() -> environments.events(environmentId, userId));
    }

    public int runningEnvironments(String userId) {
        return calls.call(() -> environments.usage(userId)).runningEnvironments();
    }

    /** Polls until the environment reaches one of {@code targets}, or the wait is over; @return its latest view */
    public Optional<EnvironmentView> await(String userId, String environmentId, Set<String> targets, Duration wait)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        Optional<EnvironmentView> latest = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            latest = find(userId, environmentId);
            if (latest.isPresent() && targets.contains(latest.get().status())) {
                return latest;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return latest;
    }
}
