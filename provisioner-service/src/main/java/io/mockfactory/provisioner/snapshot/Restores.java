package io.mockfactory.provisioner.snapshot;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.snapshot.EnvironmentCloned;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.provisioner.instance.ServiceInstance;
import io.mockfactory.provisioner.instance.ServiceInstances;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.seed.InstanceSeeds;
import io.mockfactory.provisioner.seed.UploadedDumps;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Optional;

/** Whether a first start that restores a snapshot can go ahead, and where the data it restores is. */
@Singleton
public class Restores {
    private static final Duration ARRIVAL_GRACE = Duration.ofMinutes(2);

    private final InstanceSeeds seeds;
    private final Snapshots snapshots;
    private final SnapshotStore store;
    private final ServiceInstances instances;

    private final OutboxWriter outbox;
    private final UploadedDumps dumps;

    public Restores(InstanceSeeds seeds, Snapshots snapshots, SnapshotStore store, ServiceInstances instances,
                    OutboxWriter outbox, UploadedDumps dumps) {
        this.dumps = dumps;
        this.outbox = outbox;
        this.instances = instances;
        this.seeds = seeds;
        this.snapshots = snapshots;
        this.store = store;
    }

    /**
     * @param waiting the snapshot (a clone's, taken meanwhile) is not ready yet: the start is tried again later
     * @param failure why the start cannot restore what it should, or null
     */
    public record Readiness(boolean waiting, String failure) {
        static final Readiness GO = new Readiness(false, null);
        static final Readiness WAIT = new Readiness(true, null);

        static Readiness failed(String why) {
            return new Readiness(false, why);
        }
    }

    /**
     * A snapshot not recorded yet may be a clone's whose command is still on its way (it is keyed by the source, the
     * create by the clone, so either may come first); after {@link #ARRIVAL_GRACE} it is taken as gone. Another user's
     * snapshot is as good as none.
     */
    public Readiness readiness(Connection tx, ServiceInstance instance) throws Exception {
        Optional<String> snapshotId = seeds.snapshotToRestore(tx, instance.environmentId(), instance.service());
        if (snapshotId.isEmpty()) {
            return Readiness.GO;
        }
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, snapshotId.get())
                .filter(found -> found.userId().equals(instance.userId()));
        if (snapshot.isEmpty() && instances.sinceReserved(tx, instance).filter(age -> age.compareTo(ARRIVAL_GRACE) < 0).isPresent()) {
            return Readiness.WAIT;
        }
        if (snapshot.isEmpty() || SnapshotView.DELETING.equals(snapshot.get().status()) && snapshot.get().services().isEmpty()) {
            return Readiness.failed("restore failed: the snapshot " + snapshotId.get() + " was deleted");
        }
        // A snapshot being deleted keeps its data while a restore needs it (the delete waits for this one)
        return switch (snapshot.get().status()) {
            case SnapshotView.CREATING -> Readiness.WAIT;
            case SnapshotView.FAILED -> Readiness.failed("restore failed: the snapshot could not be taken ("
                    + snapshot.get().lastError() + ")");
            default -> snapshot.get().services().stream().anyMatch(held -> held.service().equals(instance.service()))
                    ? Readiness.GO : Readiness.failed("restore failed: the snapshot holds no " + instance.service());
        };
    }

    /**
     * In the transaction that records a restored service running: the environment's first restored service announces
     * that it was made from the snapshot ({@code EnvironmentCloned}), once however many services it has.
     */
    public void announce(Connection tx, ServiceInstance instance, String snapshotId) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO environment_clones (environment_id, snapshot_id)"
                + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, instance.environmentId());
            insert.setString(2, snapshotId);
            if (insert.executeUpdate() == 0) {
                return;
            }
        }
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, snapshotId);
        if (snapshot.isPresent()) {
            outbox.append(tx, EventEnvelope.of(new EnvironmentCloned(snapshot.get().environmentId(), snapshotId))
                    .withEnvironmentId(instance.environmentId()).withUserId(instance.userId()));
        }
    }

    public Path dataOf(String snapshotId, String service) {
        return store.serviceData(snapshotId, service);
    }

    /** A snapshot's copy, or a seed's uploaded RDB file, made the data of a first start that has not run yet. */
    public void restoreBeforeStart(RuntimeDriver driver, InstanceSpec spec, ServiceInstance instance,
                                   Optional<String> snapshotId, Optional<ServiceSeed> seed) throws Exception {
        if (snapshotId.isPresent()) {
            driver.restore(spec, dataOf(snapshotId.get(), instance.service()));
        } else if (seed.isPresent() && seed.get().rdb() != null) {
            dumps.restore(driver, spec, instance, seed.get().rdb());
        }
    }
}
