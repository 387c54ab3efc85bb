package io.mockfactory.gateway.environment;

import io.micronaut.json.tree.JsonNode;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A create with {@code from_snapshot}: the environment gets the snapshot's services, each at the version its data
 * belongs to (a PostgreSQL cluster only starts under its own major), so {@code services} and seeds are not taken.
 */
final class FromSnapshot {
    private static final String FIELD = "from_snapshot";

    private FromSnapshot() {
    }

    static CreateEnvironment validate(JsonBody body, String tier, TierLimits limits,
                                      CreateEnvironmentValidator.SnapshotLookup snapshots, String name) {
        String id = body.string(FIELD, 64);
        Optional<SnapshotView> snapshot = Optional.empty();
        if (id == null) {
            if (body.errors().stream().noneMatch(e -> e.field().equals(FIELD))) {
                body.reject(FIELD, "must be the id of one of your snapshots (snap_…)");
            }
        } else if (!EventIds.isWellFormed("snap", id)) {
            body.reject(FIELD, "must be the id of one of your snapshots (snap_…)");
        } else {
            snapshot = snapshots.find(id);
            if (snapshot.isEmpty()) {
                body.reject(FIELD, "you have no snapshot with this id");
            }
        }
        JsonNode services = body.root().get("services");
        if (services != null && !(snapshot.isPresent() && restates(services, snapshot.get()))) {
            body.reject("services", "must be left out with from_snapshot, or name exactly the snapshot's services with no"
                    + " seed or other version: the environment gets the snapshot's services, at the versions their data"
                    + " belongs to");
        }
        Integer ttlMinutes = body.wholeNumber("ttl_minutes", 1, CreateEnvironmentValidator.MAX_TTL_MINUTES);
        body.requireValid("The environment request is not valid.");
        SnapshotView source = snapshot.orElseThrow();
        if (!SnapshotView.READY.equals(source.status())) {
            throw new ProblemException(ProblemType.CONFLICT, "The snapshot is " + source.status()
                    + "; an environment can be made only from a ready snapshot.");
        }
        if (source.services().size() > limits.servicesPerEnvironment()) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "The snapshot holds " + source.services().size()
                    + " services; the " + tier + " tier allows " + limits.servicesPerEnvironment() + " per environment.");
        }
        Map<String, ServiceSpec> held = new LinkedHashMap<>();
        source.services().forEach(service -> held.put(service.service(), new ServiceSpec(service.version(), Map.of())));
        return new CreateEnvironment(name, held, ttlMinutes, tier, Map.of(), id);
    }

    /**
     * A client may spell out what it branches ({@code services:{redis:{}}} beside {@code from_snapshot}): that is
     * the same request when it names exactly the snapshot's types, each with no version, {@code latest} or the
     * snapshot's own, and nothing else (no seed: the data is the snapshot's).
     */
    private static boolean restates(JsonNode services, SnapshotView snapshot) {
        if (!services.isObject() || services.size() != snapshot.services().size()) {
            return false;
        }
        for (SnapshotView.SnapshotServiceView held : snapshot.services()) {
            JsonNode given = services.get(held.service());
            if (given == null || !given.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : given.entries()) {
                String version = field.getValue().isString() ? field.getValue().getStringValue() : null;
                if (!field.getKey().equals("version") || !("latest".equals(version) || held.version().equals(version))) {
                    return false;
                }
            }
        }
        return true;
    }
}
