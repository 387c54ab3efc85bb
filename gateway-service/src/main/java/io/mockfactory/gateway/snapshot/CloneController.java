package io.mockfactory.gateway.snapshot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.gateway.environment.CreateResponses;
import io.mockfactory.gateway.environment.EnvironmentQuota;
import io.mockfactory.gateway.environment.CreateEnvironmentValidator;
import io.mockfactory.gateway.environment.EnvironmentReadModel;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.tier.Tiers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A clone is a snapshot made for it (not listed; removed once the clone has its data) and a create restoring it, both
 * written in one transaction. The clone has its own ports and passwords, and its TTL is the source's.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Snapshots")
public class CloneController {
    private static final int MAX_NAME = 63;

    private final EnvironmentReadModel environments;
    private final SnapshotPolicy policy;
    private final EnvironmentCommands commands;
    private final EnvironmentQuota quota;
    private final Tiers tiers;
    private final CreateResponses responses;
    private final JsonMapper json;

    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "CloneEnvironmentRequest")
    public record CloneRequest(@Schema(description = "the clone's name; the source's with -clone when left out",
            nullable = true) String name) {
    }

    public CloneController(EnvironmentReadModel environments, SnapshotPolicy policy, EnvironmentCommands commands,
                           EnvironmentQuota quota, Tiers tiers, CreateResponses responses, JsonMapper json) {
        this.environments = environments;
        this.policy = policy;
        this.commands = commands;
        this.quota = quota;
        this.tiers = tiers;
        this.responses = responses;
        this.json = json;
    }

    @Post("/environments/{id}/clone")
    @Operation(summary = "A new environment with a copy of this running or stopped one's data, its own ports and"
            + " passwords: 201 once running or failed (bounded wait), else 202; at once with Prefer: respond-async")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    public HttpResponse<EnvironmentView> clone(HttpRequest<?> request, @PathVariable String id, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = CloneRequest.class))) byte[] body,
                                               @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                               @Nullable @Header("Prefer") String prefer) throws Exception {
        EnvironmentCommands.requireWellFormedKey(idempotencyKey);
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
        JsonBody parsed = JsonBody.parse(body == null || body.length == 0 ? "{}".getBytes() : body, json);
        // {name?}: absent or null both mean the default
        boolean named = parsed.root().get("name") != null && !parsed.root().get("name").isNull();
        String name = named ? CreateEnvironmentValidator.nameOf(parsed) : null;
        parsed.requireValid("The clone request is not valid.");
        EnvironmentView source = environments.owned(caller.userId(), id);
        String tier = tiers.effective(caller.tier());
        TierLimits limits = tiers.effectiveLimits(caller.tier());
        String snapshotId = EventIds.newId(SnapshotReadModel.PREFIX);
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        source.services().forEach((type, state) -> services.put(type, new ServiceSpec(state.version(), Map.of())));
        String cloneName = name != null ? name : defaultName(source.name());
        CreateEnvironment create = new CreateEnvironment(cloneName, services, source.ttlMinutes(), tier, Map.of(), snapshotId);
        // A retry of a clone already made replays it, whatever the source's state or the quota is now
        if (idempotencyKey == null || commands.previousClone(caller.userId(), idempotencyKey, id, create).isEmpty()) {
            policy.requireSnapshottable(source);
            quota.requireRoomForOneMore(caller.userId(), tier, limits);
            policy.requireStorageLeft(caller.userId(), limits);
        }
        String environmentId = commands.requestClone(caller.userId(), id, new SnapshotEnvironment(snapshotId,
                "clone of " + id, true, SnapshotPolicy.versions(source)), create, idempotencyKey,
                quota.slot(caller.userId(), tier, limits)).id();
        return responses.respond(caller.userId(), environmentId, create, prefer);
    }

    private static String defaultName(String sourceName) {
        String base = sourceName.length() > MAX_NAME - "-clone".length()
                ? sourceName.substring(0, MAX_NAME - "-clone".length()) : sourceName;
        return base.strip() + "-clone";
    }
}
