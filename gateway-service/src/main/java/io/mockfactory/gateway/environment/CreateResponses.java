package io.mockfactory.gateway.environment;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.status.ServiceStatus;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.ServiceState;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a request that makes an environment (a create, a clone) answers once its command is written: 201 when it settled
 * (running or failed) within the bounded wait, else 202 with where to follow it; at once with Prefer: respond-async.
 */
@Singleton
public class CreateResponses {
    private static final Set<String> SETTLED = Set.of(EnvironmentStatus.RUNNING.wireName(),
            EnvironmentStatus.FAILED.wireName());

    private final EnvironmentReadModel readModel;
    private final Duration wait;

    public CreateResponses(EnvironmentReadModel readModel,
                           @Value("${mockfactory.gateway.environments.wait:30s}") Duration wait) {
        this.readModel = readModel;
        this.wait = wait;
    }

    public HttpResponse<EnvironmentView> respond(String userId, String environmentId, CreateEnvironment command,
                                                 @Nullable String prefer) throws InterruptedException {
        URI location = URI.create("/api/v1/environments/" + environmentId);
        if (prefer != null && prefer.toLowerCase().contains("respond-async")) {
            return HttpResponse.accepted(location).body(readModel.findSoon(userId, environmentId)
                    .orElseGet(() -> placeholder(environmentId, command)));
        }
        Optional<EnvironmentView> settled = readModel.await(userId, environmentId, SETTLED, wait);
        if (settled.isPresent() && SETTLED.contains(settled.get().status())) {
            return HttpResponse.created(settled.get(), location);
        }
        return HttpResponse.<EnvironmentView>accepted(location).body(settled.orElseGet(() -> placeholder(environmentId, command)));
    }

    /** The environment as accepted, before the read model has caught up with the command. */
    private static EnvironmentView placeholder(String id, CreateEnvironment command) {
        Map<String, ServiceState> services = new LinkedHashMap<>();
        command.services().forEach((type, spec) -> services.put(type,
                new ServiceState(spec.version(), ServiceStatus.PROVISIONING.wireName(), null)));
        return new EnvironmentView(id, command.name(), EnvironmentStatus.PROVISIONING.wireName(), services, Map.of(),
                Instant.now(), null, null, null, null, command.ttlMinutes());
    }
}
