package io.mockfactory.events.command;

import io.mockfactory.events.Message;

import java.util.Map;

/**
 * Asks the owners of an environment's data for a consistent copy of every service's data, kept as one snapshot.
 * Keyed by the environment id, so it is ordered with that environment's start, stop and destroy.
 *
 * @param snapshotId assigned by the gateway ({@code snap_…}); retries of the command make the snapshot once
 * @param hidden     a snapshot made for a clone (POST …/clone): it is not listed to the user, and it goes once the
 *                   clone has its data
 * @param services   the environment's service types and their versions, as the gateway knows them: the provisioner
 *                   asks storage-emulation-service for the aws_s3 part only when there is one (absent: none)
 */
public record SnapshotEnvironment(String snapshotId, String name, boolean hidden, Map<String, String> services)
        implements Message {
    public SnapshotEnvironment {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
