package io.mockfactory.provisioner.snapshot;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.command.DeleteSnapshot;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.events.snapshot.EnvironmentCloned;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/**
 * Snapshot commands as the provisioning handler receives them, inside its inbox transaction: they record what is to
 * be done, and the {@link SnapshotWorker} does it.
 */
@Singleton
public class SnapshotRequests {
    private final Snapshots snapshots;
    private final OutboxWriter outbox;
    private final SnapshotWorker worker;

    public SnapshotRequests(Snapshots snapshots, OutboxWriter outbox, SnapshotWorker worker) {
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.worker = worker;
    }

    public void take(Connection tx, EventEnvelope command, SnapshotEnvironment request) throws Exception {
        if (command.userId() != null) {
            snapshots.insert(tx, request.snapshotId(), command.userId(), command.environmentId(), request.name(),
                    request.hidden(), command.eventId());
        }
    }

    /** Only the owner's command deletes: the gateway checked, and this holds if a command is ever forged. */
    public void delete(Connection tx, EventEnvelope command, DeleteSnapshot request) throws Exception {
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, request.snapshotId());
        if (snapshot.isPresent() && snapshot.get().userId().equals(command.userId())) {
            snapshots.requestDelete(tx, request.snapshotId());
        }
    }

    /**
     * The snapshot a new environment is made from, if it is the user's; it also announces the clone.
     * @return empty when the environment cannot be made from it (the services then start failed)
     */
    public Optional<SnapshotRecord> restoreSource(Connection tx, EventEnvelope create, String snapshotId) throws Exception {
        Optional<SnapshotRecord> snapshot = snapshots.find(tx, snapshotId)
                .filter(found -> found.userId().equals(create.userId()));
        if (snapshot.isPresent()) {
            outbox.append(tx, EventEnvelope.of(new EnvironmentCloned(snapshot.get().environmentId(), snapshotId))
                    .causedBy(create));
        }
        return snapshot;
    }

    public void wakeUp() {
        worker.wakeUp();
    }
}
