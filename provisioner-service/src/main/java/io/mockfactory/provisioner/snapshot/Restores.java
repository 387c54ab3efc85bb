package io.mockfactory.provisioner.snapshot;

import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.provisioner.seed.InstanceSeeds;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

/** Whether a first start that restores a snapshot can go ahead, and where the data it restores is. */
@Singleton
public class Restores {
    private final InstanceSeeds seeds;
    private final Snapshots snapshots;
    private final SnapshotStore store;

    public Restores(InstanceSeeds seeds, Snapshots snapshots, SnapshotStore store) {
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

    /** @param userId the new environment's owner: another user's snapshot is as good as none */
    public Readiness readiness(Connection tx, String environmentId, String service, String userId) throws Exception {
        Optional<String> snapshotId = seeds.snapshotToRestore(tx, environmentId, service);
        if (snapshotId.isEmpty()) {
            return Readiness.GO;
        }
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, snapshotId.get()).filter(found -> found.userId().equals(userId));
        if (snapshot.isEmpty() || SnapshotView.DELETING.equals(snapshot.get().status())) {
            return Readiness.failed("restore failed: the snapshot " + snapshotId.get() + " was deleted");
        }
        return switch (snapshot.get().status()) {
            case SnapshotView.CREATING -> Readiness.WAIT;
            case SnapshotView.FAILED -> Readiness.failed("restore failed: the snapshot could not be taken ("
                    + snapshot.get().lastError() + ")");
            default -> snapshot.get().services().stream().anyMatch(held -> held.service().equals(service))
                    ? Readiness.GO : Readiness.failed("restore failed: the snapshot holds no " + service);
        };
    }

    public Path dataOf(String snapshotId, String service) {
        return store.serviceData(snapshotId, service);
    }
}
