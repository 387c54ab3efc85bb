package io.mockfactory.provisioner.snapshot;

import io.micronaut.context.annotation.Value;
import io.mockfactory.events.EventIds;
import io.mockfactory.provisioner.runtime.DataCopies;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where snapshots' data lives: {@code _snapshots/<id>/<service>/} beside the instances. A snapshot is copied into
 * {@code <id>.partial} and renamed into place once every service is copied, so a directory without the suffix is
 * always whole; a crash leaves only a partial one, removed when the snapshot is taken again.
 */
@Singleton
public class SnapshotStore {
    private static final String SNAPSHOT_PREFIX = "snap";
    private final Path root;

    SnapshotStore(@Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir) {
        this.root = Path.of(dataDir).resolve("_snapshots");
    }

    Path partial(String snapshotId) {
        return root.resolve(checked(snapshotId) + ".partial");
    }

    /** One service's data in a whole snapshot, what a restore copies. */
    public Path serviceData(String snapshotId, String service) {
        return root.resolve(checked(snapshotId)).resolve(service);
    }

    void publish(String snapshotId) throws Exception {
        Files.move(partial(snapshotId), root.resolve(checked(snapshotId)), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the snapshot's data, whole or partial. */
    void discard(String snapshotId) throws Exception {
        DataCopies.remove(partial(snapshotId));
        DataCopies.remove(root.resolve(checked(snapshotId)));
    }

    /** Ids become paths: only the shape the gateway gives them is accepted. */
    private static String checked(String snapshotId) {
        if (!EventIds.isWellFormed(SNAPSHOT_PREFIX, snapshotId)) {
            throw new IllegalArgumentException("Not a snapshot id: " + snapshotId);
        }
        return snapshotId;
    }
}
