package io.mockfactory.provisioner.snapshot;

import io.mockfactory.internal.snapshot.SnapshotView;

import java.time.Instant;
import java.util.List;

/** A row of {@code snapshots} with its services' rows. */
public record SnapshotRecord(String id, String userId, String environmentId, String name, boolean hidden, String status,
                             long sizeBytes, String lastError, int attempts, String causationId, Instant createdAt,
                             Instant readyAt, List<SnapshotView.SnapshotServiceView> services) {

    public SnapshotView view() {
        return new SnapshotView(id, environmentId, name, status, sizeBytes, services, createdAt, readyAt, lastError);
    }
}
