package io.mockfactory.events.snapshot;

import io.mockfactory.events.Message;

import java.util.List;

/**
 * A snapshot holds every service's data and can be restored ({@code from_snapshot}); the envelope's environment id is
 * the environment it was taken of.
 */
public record SnapshotCreated(String snapshotId, String name, long sizeBytes, List<SnapshotService> services)
        implements Message {
    public SnapshotCreated {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** One service's share: its type, the version its data belongs to (a restore runs the same one), its size. */
    public record SnapshotService(String service, String version, long sizeBytes) {
    }
}
