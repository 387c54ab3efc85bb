package io.mockfactory.gateway.environment;

import io.mockfactory.kit.web.ProblemType;

import io.mockfactory.events.EventIds;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import io.mockfactory.gateway.internal.EnvironmentClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.internal.environment.EnvironmentOperations;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.History;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The gateway's view of environment-service's read model, always asked on behalf of one owner. */
@Singleton
public class EnvironmentReadModel {
    private static final String ENVIRONMENT_PREFIX = "env";
    /** How soon a wait asks again when the read model could not take its long poll (bulkhead full, breaker open). */
    private static final long BUSY_RETRY_MILLIS = 100;

    private final EnvironmentClient environments;
    private final PeerCalls calls;
    private final EnvironmentListCache lists;
    private final Executor blocking;

    public EnvironmentReadModel(EnvironmentClient environments, @Named(Peers.ENVIRONMENT) PeerCalls calls,
                                EnvironmentListCache lists, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.blocking = blocking;
        this.environments = environments;
        this.calls = calls;
        this.lists = lists;
    }

    /**
     * The caller's environment, or the API's 404: an id that cannot be an environment's is not looked up at all, and
     * another user's environment gets the same answer as one that does not exist.
     */
    public EnvironmentView owned(String userId, String environmentId) {
        requireWellFormed(environmentId);
        return find(userId, environmentId).orElseThrow(EnvironmentReadModel::noSuchEnvironment);
    }

    /** The 404 for an id that cannot be an environment's, before any lookup. */
    public static void requireWellFormed(String environmentId) {
        if (!EventIds.isWellFormed(ENVIRONMENT_PREFIX, environmentId)) {
            throw noSuchEnvironment();
        }
    }

    public static ProblemException noSuchEnvironment() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such environment.");
    }

    /**
     * One environment, always from the read model. The owner's cached list pages are dropped once it has answered,
     * so no list fetched before this answer is served after it.
     */
    public Optional<EnvironmentView> find(String userId, String environmentId) {
        try {
            return calls.call(() -> environments.get(environmentId, userId));
        } finally {
            lists.forget(userId);
        }
    }

    /**
     * A page of the owner's list. A page the cache holds is answered on the calling thread; otherwise the read model
     * is asked on the blocking pool, with the request's context (its caller, for the bulkhead; its request id).
     *
     * @param fresh the caller asked for no cached answer (Cache-Control: no-cache)
     */
    public CompletionStage<Page<EnvironmentView>> list(String userId, @Nullable Integer limit, @Nullable String cursor,
                                                       boolean fresh) {
        if (fresh) {
            lists.forget(userId);
        }
        Supplier<Page<EnvironmentView>> fetch = () -> calls.call(
                () -> environments.list(userId, limit == null ? null : String.valueOf(limit), cursor));
        return lists.page(userId, limit, cursor,
                () -> CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(fetch), blocking));
    }

    /** The history; like {@link #find}, it drops the owner's cached list pages once it has answered. */
    public Optional<History> events(String userId, String environmentId) {
        try {
            return calls.call(() -> environments.events(environmentId, userId));
        } finally {
            lists.forget(userId);
        }
    }

    public int runningEnvironments(String userId) {
        return calls.call(() -> environments.usage(userId)).runningEnvironments();
    }

    /**
     * Waits until the environment reaches one of {@code targets}, or the wait is over; @return its latest view. Each
     * call is a long poll environment-service answers as soon as the status changes (it listens for the change), so
     * the answer comes within milliseconds of the environment settling. A busy or unavailable read model (this
     * caller's bulkhead full, a breaker open) is asked again shortly: the command stands either way.
     */
    public Optional<EnvironmentView> await(String userId, String environmentId, Set<String> targets, Duration wait)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        Optional<EnvironmentView> latest = Optional.empty();
        String until = String.join(",", targets);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return latest;
            }
            long waitMillis = Math.min(left, EnvironmentOperations.MAX_WAIT_MILLIS);
            try {
                Optional<EnvironmentView> found = calls.call(() -> environments.settled(environmentId, userId, until, waitMillis));
                if (found.isPresent()) {
                    latest = found;
                }
            } catch (ProblemException busy) {
                Thread.sleep(Math.min(left, BUSY_RETRY_MILLIS));
            } finally {
                lists.forget(userId);
            }
            if (latest.isPresent() && targets.contains(latest.get().status())) {
                return latest;
            }
        }
    }

    /**
     * One environment after its command was committed: the command stands whatever the read model answers, so a
     * busy or unavailable read model (this caller's bulkhead full, a breaker open) is an empty answer, not an error
     * that would tell the client a create or start it made had failed.
     */
    public Optional<EnvironmentView> findSoon(String userId, String environmentId) {
        try {
            return find(userId, environmentId);
        } catch (ProblemException busy) {
            return Optional.empty();
        }
    }
}
