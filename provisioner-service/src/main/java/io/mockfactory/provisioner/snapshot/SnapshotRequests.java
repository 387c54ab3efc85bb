package io.mockfactory.provisioner.snapshot;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.command.DeleteSnapshot;
import io.mockfactory.events.command.SnapshotEnvironment;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/**
 * Snapshot commands as the provisioning handler receives them, inside its inbox transaction: they record what is to
 * be done, and the {@link SnapshotWorker} does it.
 */
@Singleton
public class SnapshotRequests {
    /** The one service whose part storage-emulation-service keeps. */
    static final String STORAGE_SERVICE = "aws_s3";
    private final Snapshots snapshots;
    private final SnapshotWorker worker;

    public SnapshotRequests(Snapshots snapshots, SnapshotWorker worker) {
        this.snapshots = snapshots;
        this.worker = worker;
    }

    /** A malformed id is dropped here: it would become a path, and fail every pass of the worker. */
    public void take(Connection tx, EventEnvelope command, SnapshotEnvironment request) throws Exception {
        if (command.userId() != null && EventIds.isWellFormed("snap", request.snapshotId())) {
            snapshots.insert(tx, request.snapshotId(), command.userId(), command.environmentId(), request.name(),
                    request.hidden(), command.eventId(), request.services().get(STORAGE_SERVICE));
        }
    }

    /** Only the owner's command deletes: the gateway checked, and this holds if a command is ever forged. */
    public void delete(Connection tx, EventEnvelope command, DeleteSnapshot request) throws Exception {
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, request.snapshotId());
        if (snapshot.isPresent() && snapshot.get().userId().equals(command.userId())) {
            snapshots.requestDelete(tx, request.snapshotId());
        }
    }

    public void wakeUp() {
        worker.wakeUp();
    }
}
