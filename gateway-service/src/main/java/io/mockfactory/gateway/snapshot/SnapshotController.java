package io.mockfactory.gateway.snapshot;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.gateway.environment.EnvironmentReadModel;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;


/**
 * The contract's snapshot and clone routes while snapshots are not built. Every one answers 422
 * {@code feature-unavailable}, as an unavailable service type does, so a client learns the feature is missing
 * rather than reading an empty list as "no snapshots yet". The routes on an environment check ownership first:
 * another user's environment is still a 404.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Snapshots")
public class SnapshotController {
    private static final String SNAPSHOTS_UNAVAILABLE = "Snapshots are not available in this version.";
    private final EnvironmentReadModel readModel;

    public SnapshotController(EnvironmentReadModel readModel) {
        this.readModel = readModel;
    }

    @Post("/environments/{id}/snapshots")
    @Operation(summary = "Snapshot an environment's data (not available in this version: 422 feature-unavailable)")
    public void snapshot(HttpRequest<?> request, @PathVariable String id) {
        requireOwned(request, id);
        throw unavailable(SNAPSHOTS_UNAVAILABLE + " Nothing was taken.");
    }

    @Post("/environments/{id}/clone")
    @Operation(summary = "Clone an environment with its data (not available in this version: 422 feature-unavailable)")
    public void cloneEnvironment(HttpRequest<?> request, @PathVariable String id) {
        requireOwned(request, id);
        throw unavailable("Cloning is not available in this version; nothing was created.");
    }

    @Get("/snapshots")
    @Operation(summary = "The caller's snapshots, paginated (not available in this version: 422 feature-unavailable)")
    public void list() {
        throw unavailable(SNAPSHOTS_UNAVAILABLE);
    }

    @Get("/snapshots/{id}")
    @Operation(summary = "One snapshot (not available in this version: 422 feature-unavailable)")
    public void get(@PathVariable String id) {
        throw unavailable(SNAPSHOTS_UNAVAILABLE);
    }

    @Delete("/snapshots/{id}")
    @Operation(summary = "Delete a snapshot (not available in this version: 422 feature-unavailable)")
    public void delete(@PathVariable String id) {
        throw unavailable(SNAPSHOTS_UNAVAILABLE);
    }

    private void requireOwned(HttpRequest<?> request, String id) {
        readModel.owned(request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow().userId(), id);
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.FEATURE_UNAVAILABLE, detail);
    }
}
