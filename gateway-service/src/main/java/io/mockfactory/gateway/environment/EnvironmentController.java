package io.mockfactory.gateway.environment;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.micronaut.json.JsonMapper;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.status.ServiceStatus;
import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.internal.credentials.Credentials;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.History;
import io.mockfactory.internal.environment.HistoryEntry;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.gateway.snapshot.SnapshotReadModel;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;


/**
 * The environment API. Changes go out as commands (never as calls to another service); the synchronous flavour then
 * waits, bounded, for the read model to show the outcome. Another user's environment is a 404 on every route.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Environments")
public class EnvironmentController {
    private static final String RUNNING = EnvironmentStatus.RUNNING.wireName();
    private static final String STOPPED = EnvironmentStatus.STOPPED.wireName();
    private static final String FAILED = EnvironmentStatus.FAILED.wireName();
    /** What a destroy may start from: anything not already on its way out. */
    private static final Set<String> DESTROYABLE = Stream.of(EnvironmentStatus.values())
            .filter(status -> status != EnvironmentStatus.DESTROYING && status != EnvironmentStatus.DESTROYED)
            .map(EnvironmentStatus::wireName).collect(Collectors.toUnmodifiableSet());

    private final EnvironmentCommands commands;
    private final EnvironmentReadModel readModel;
    private final CreateEnvironmentValidator validator;
    private final Catalog catalog;
    private final Tiers tiers;
    private final EnvironmentCredentials credentials;
    private final EnvironmentQuota quota;
    private final LiveHistory liveHistory;
    private final Duration wait;
    private final JsonMapper json;
    private final CreateResponses responses;
    private final SnapshotReadModel snapshots;

    @Serdeable
    public record LifecycleResult(String id, String status, String message) {
    }

    @Serdeable
    public record CatalogView(List<Catalog.Entry> services) {
    }

    public EnvironmentController(EnvironmentCommands commands, EnvironmentReadModel readModel,
                                 CreateEnvironmentValidator validator, Catalog catalog, Tiers tiers,
                                 EnvironmentCredentials credentials, EnvironmentQuota quota,
                                 LiveHistory liveHistory, JsonMapper json, CreateResponses responses,
                                 SnapshotReadModel snapshots,
                                 @Value("${mockfactory.gateway.environments.wait:30s}") Duration wait) {
        this.responses = responses;
        this.snapshots = snapshots;
        this.json = json;
        this.liveHistory = liveHistory;
        this.commands = commands;
        this.readModel = readModel;
        this.validator = validator;
        this.catalog = catalog;
        this.tiers = tiers;
        this.credentials = credentials;
        this.quota = quota;
        this.wait = wait;
    }

    @Get("/catalog")
    @Operation(summary = "Service types, the versions this deployment can serve now (latest, or none, means the newest"
            + " of them) and, for the others, why not and the fix")
    public CatalogView catalog() {
        return new CatalogView(catalog.all());
    }

    @Post("/environments")
    @Operation(summary = "Create an environment: 201 once running (bounded wait), or 202 at once with Prefer: respond-async")
    @ApiResponse(responseCode = "201", description = "Running (or failed, with last_error)",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @ApiResponse(responseCode = "202", description = "Accepted: still provisioning; follow Location",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    public HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = CreateEnvironmentRequest.class))) byte[] body,
                                  @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                  @Nullable @Header("Prefer") String prefer) throws Exception {
        EnvironmentCommands.requireWellFormedKey(idempotencyKey);
        Caller caller = caller(request);
        String tier = tiers.effective(caller.tier());
        TierLimits limits = tiers.effectiveLimits(caller.tier());
        CreateEnvironment command = validator.validate(JsonBody.parse(body, json), tier, limits,
                snapshotId -> snapshots.find(caller.userId(), snapshotId));
        String environmentId;
        if (idempotencyKey == null) {
            quota.requireRoomForOneMore(caller.userId(), tier, limits);
            environmentId = commands.requestCreate(caller.userId(), command, quota.slot(caller.userId(), tier, limits));
        } else {
            if (commands.previous(caller.userId(), idempotencyKey, command).isEmpty()) {
                quota.requireRoomForOneMore(caller.userId(), tier, limits);
            }
            environmentId = commands.requestCreate(caller.userId(), command, idempotencyKey,
                    quota.slot(caller.userId(), tier, limits)).id();
        }
        return responses.respond(caller.userId(), environmentId, command, prefer);
    }

    @Get("/environments/{id}")
    @Operation(summary = "One environment; passwords are masked")
    public EnvironmentView get(HttpRequest<?> request, @PathVariable String id) {
        return owned(request, id);
    }

    @Get(value = "/environments/{id}/events")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Operation(summary = "The lifecycle history; with Accept: text/event-stream, the history then live events (SSE)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = History.class)))
    public HttpResponse<?> events(HttpRequest<?> request, @PathVariable String id) {
        // Only an explicit text/event-stream: a client's */* (curl, requests) wants the history, not an endless stream
        if (request.getHeaders().accept().stream().anyMatch(type -> MediaType.TEXT_EVENT_STREAM.equals(type.getName()))) {
            owned(request, id);
            Publisher<Event<HistoryEntry>> live = liveHistory.stream(caller(request).userId(), id);
            return HttpResponse.ok(live).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
        }
        EnvironmentReadModel.requireWellFormed(id);
        return HttpResponse.ok(readModel.events(caller(request).userId(), id)
                .orElseThrow(EnvironmentReadModel::noSuchEnvironment));
    }

    @Get("/environments/{id}/credentials")
    @Operation(summary = "The real passwords and ready-to-use URLs: the only place they appear")
    public Credentials credentials(HttpRequest<?> request, @PathVariable String id) {
        return credentials.of(id, caller(request).userId(), owned(request, id).services().keySet());
    }

    @Post("/environments/{id}/stop")
    @Operation(summary = "Stop every service; data is kept")
    public LifecycleResult stop(HttpRequest<?> request, @PathVariable String id) throws Exception {
        return transition(request, id, Set.of(RUNNING), STOPPED, new StopEnvironment("requested by user"),
                "Environment stopped successfully", EnvironmentCommands.Reservation.NONE);
    }

    @Post("/environments/{id}/start")
    @Operation(summary = "Start a stopped environment on the same ports, with its data")
    public LifecycleResult start(HttpRequest<?> request, @PathVariable String id) throws Exception {
        Caller caller = caller(request);
        String tier = tiers.effective(caller.tier());
        TierLimits limits = tiers.effectiveLimits(caller.tier());
        if (STOPPED.equals(owned(request, id).status())) {
            quota.requireRoomForOneMore(caller.userId(), tier, limits);
        }
        return transition(request, id, Set.of(STOPPED), RUNNING, new StartEnvironment(),
                "Environment started successfully", quota.slot(caller.userId(), tier, limits));
    }

    @Delete("/environments/{id}")
    @Operation(summary = "Destroy: processes, ports, data and secrets are gone")
    public LifecycleResult destroy(HttpRequest<?> request, @PathVariable String id) throws Exception {
        return transition(request, id, DESTROYABLE, EnvironmentStatus.DESTROYED.wireName(),
                new DestroyEnvironment("requested by user"), "Environment destroyed successfully",
                EnvironmentCommands.Reservation.NONE);
    }

    private LifecycleResult transition(HttpRequest<?> request, String id, Set<String> from, String target,
                                       io.mockfactory.events.Message command, String message,
                                       EnvironmentCommands.Reservation reservation) throws Exception {
        Caller caller = caller(request);
        String status = owned(request, id).status();
        if (status.equals(target)) {
            return new LifecycleResult(id, status, message);
        }
        if (!from.contains(status)) {
            throw new ProblemException(ProblemType.CONFLICT, "The environment is " + status + "; it cannot become " + target + " from there.");
        }
        commands.send(caller.userId(), id, command, reservation);
        // A destroy ends only in destroyed: failed is where it may start, or a first start failing while it runs
        Set<String> outcomes = FAILED.equals(status) || EnvironmentStatus.DESTROYED.wireName().equals(target) ? Set.of(target) : Set.of(target, FAILED);
        String reached = readModel.await(caller.userId(), id, outcomes, wait)
                .map(EnvironmentView::status).orElse(status);
        if (!reached.equals(target)) {
            throw new ProblemException(ProblemType.GATEWAY_TIMEOUT, "The environment is " + reached
                    + " and has not become " + target + " yet; check GET /api/v1/environments/" + id + ".");
        }
        if (!RUNNING.equals(reached)) {
            // Stopped or destroyed: the slot is free now, not only once this gateway's consumer hears of it
            quota.released(id);
        }
        return new LifecycleResult(id, reached, message);
    }

    private EnvironmentView owned(HttpRequest<?> request, String id) {
        return readModel.owned(caller(request).userId(), id);
    }

    private static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
    }

}
