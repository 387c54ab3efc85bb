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

    @Get("/internal/environments/{id}/events")
    Optional<History> events(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;

    /** What the owner's running-environment quota counts. */
    @Get("/internal/environments/usage")
    Usage usage(@QueryValue("user_id") String userId) throws Exception;
}
