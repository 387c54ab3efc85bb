package io.mockfactory.gateway.snapshot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.command.DeleteSnapshot;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.gateway.environment.CreateEnvironmentValidator;
import io.mockfactory.gateway.environment.EnvironmentReadModel;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Snapshots of an environment's data. Taking one is a command to the provisioner, which holds the data; the route
 * then waits, bounded, for it to be ready or failed. Another user's snapshot or environment is a 404 on every route.
 * Clones (POST …/clone, a snapshot and a create restoring it) are {@link CloneController}'s.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Snapshots")
public class SnapshotController {
    private static final Set<String> SETTLED = Set.of(SnapshotView.READY, SnapshotView.FAILED);
    private static final Duration DELETE_WAIT = Duration.ofSeconds(10);

    private final EnvironmentReadModel environments;
    private final SnapshotReadModel snapshots;
    private final SnapshotPolicy policy;
    private final EnvironmentCommands commands;
    private final JsonMapper json;
    private final Tiers tiers;

    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "CreateSnapshotRequest")
    public record CreateSnapshotRequest(@Schema(description = "1 to 63 letters, digits, spaces, '.', '_' or '-'") String name) {
    }

    public SnapshotController(EnvironmentReadModel environments, SnapshotReadModel snapshots, SnapshotPolicy policy,
                              EnvironmentCommands commands, JsonMapper json, Tiers tiers) {
        this.tiers = tiers;
        this.environments = environments;
        this.snapshots = snapshots;
        this.policy = policy;
        this.commands = commands;
        this.json = json;
    }

    @Post("/environments/{id}/snapshots")
    @Operation(summary = "Snapshot every service's data of a running (without stopping it) or stopped environment: 201 once ready"
            + " or failed (bounded wait; status creating if it takes longer), or 202 at once with Prefer: respond-async")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SnapshotView.class)))
    public HttpResponse<SnapshotView> snapshot(HttpRequest<?> request, @PathVariable String id, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = CreateSnapshotRequest.class))) byte[] body,
                                               @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                               @Nullable @Header("Prefer") String prefer) throws Exception {
        EnvironmentCommands.requireWellFormedKey(idempotencyKey);
        Caller caller = caller(request);
        JsonBody parsed = JsonBody.parse(body, json);
        String name = CreateEnvironmentValidator.nameOf(parsed);
        parsed.requireValid("The snapshot request is not valid.");
        EnvironmentView environment = environments.owned(caller.userId(), id);
        // A retry of a snapshot already taken replays it, whatever the environment's state or the count is now
        if (idempotencyKey == null || commands.previousSnapshot(caller.userId(), idempotencyKey, id, name).isEmpty()) {
            policy.requireSnapshottable(environment);
            policy.requireRoomForOneMore(caller.userId(), tiers.effectiveLimits(caller.tier()));
        }
        String snapshotId = commands.requestSnapshot(caller.userId(), id, new SnapshotEnvironment(
                EventIds.newId(SnapshotReadModel.PREFIX), name, false, SnapshotPolicy.versions(environment)),
                idempotencyKey).id();
        URI location = URI.create("/api/v1/snapshots/" + snapshotId);
        SnapshotView placeholder = new SnapshotView(snapshotId, id, name, SnapshotView.CREATING, 0, List.of(),
                Instant.now(), null, null);
        if (prefer != null && prefer.toLowerCase().contains("respond-async")) {
            return HttpResponse.accepted(location).body(snapshots.find(caller.userId(), snapshotId).orElse(placeholder));
        }
        Optional<SnapshotView> settled = snapshots.await(caller.userId(), snapshotId, SETTLED, policy.settleWait());
        return HttpResponse.created(settled.orElse(placeholder), location);
    }

    @Get("/snapshots")
    @Operation(summary = "The caller's snapshots, newest first (?limit=&cursor=)")
    public Page<SnapshotView> list(HttpRequest<?> request, @Nullable @QueryValue String limit,
                                   @Nullable @QueryValue String cursor) {
        return snapshots.list(caller(request).userId(), Page.pageSize(limit),
                Page.requireCursor(cursor, SnapshotReadModel.PREFIX));
    }

    @Get("/snapshots/{id}")
    @Operation(summary = "One snapshot: its status, size and services")
    public SnapshotView get(HttpRequest<?> request, @PathVariable String id) {
        return snapshots.owned(caller(request).userId(), id);
    }

    @Delete("/snapshots/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a snapshot and its data (204); one an environment is still being made from goes once"
            + " that environment has its data")
    public void delete(HttpRequest<?> request, @PathVariable String id) throws Exception {
        Caller caller = caller(request);
        SnapshotView snapshot = snapshots.owned(caller.userId(), id);
        if (!SnapshotView.DELETING.equals(snapshot.status())) {
            commands.send(caller.userId(), snapshot.environmentId(), new DeleteSnapshot(id));
        }
        // Usually gone at once; a GET meanwhile shows it deleting
        snapshots.awaitGone(caller.userId(), id, DELETE_WAIT);
    }

    private static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
    }
}
