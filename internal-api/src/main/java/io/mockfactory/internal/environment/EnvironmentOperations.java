package io.mockfactory.internal.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.mockfactory.kit.web.Page;

import java.util.Optional;

/** environment-service's read model as the gateway queries it; every query names the owner. */
public interface EnvironmentOperations {

    /** The owner's environments, newest first. */
    @Get("/internal/environments")
    Page<EnvironmentView> list(@QueryValue("user_id") String userId, @Nullable @QueryValue String limit,
                               @Nullable @QueryValue String cursor) throws Exception;

    /** @return empty when the owner has no such environment */
    @Get("/internal/environments/{id}")
    Optional<EnvironmentView> get(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;

    /**
     * A long poll: answers as soon as the environment's status is one of {@code until} (comma-separated), or with its
     * latest view once {@code wait_ms} (at most {@value #MAX_WAIT_MILLIS}) has passed; empty if the owner has no such
     * environment by then. What a create or start that waits for its outcome asks, instead of polling.
     */
    @Get("/internal/environments/{id}/settled")
    Optional<EnvironmentView> settled(@PathVariable String id, @QueryValue("user_id") String userId,
                                      @QueryValue String until, @QueryValue("wait_ms") long waitMillis) throws Exception;

    /** The longest a {@link #settled} call waits: well inside the callers' read timeout. */
    long MAX_WAIT_MILLIS = 2000;

    @Get("/internal/environments/{id}/events")
    Optional<History> events(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;

    /** What the owner's running-environment quota counts. */
    @Get("/internal/environments/usage")
    Usage usage(@QueryValue("user_id") String userId) throws Exception;
}
