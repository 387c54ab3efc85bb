package io.mockfactory.gateway.environment;

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
        if (body.root().get("services") != null) {
            body.reject("services", "must be left out with from_snapshot: the environment gets the snapshot's services,"
                    + " at the versions their data belongs to");
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
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        source.services().forEach(held -> services.put(held.service(), new ServiceSpec(held.version(), Map.of())));
        return new CreateEnvironment(name, services, ttlMinutes, tier, Map.of(), id);
    }
}
