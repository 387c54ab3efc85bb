package io.mockfactory.events.command;

import io.mockfactory.events.Message;

/**
 * Asks the owners of an environment's data for a consistent copy of every service's data, kept as one snapshot.
 * Keyed by the environment id, so it is ordered with that environment's start, stop and destroy.
 *
 * @param snapshotId assigned by the gateway ({@code snap_…}); retries of the command make the snapshot once
 * @param hidden     a snapshot made for a clone (POST …/clone): it is not listed to the user, and it goes once the
 *                   clone has its data
 */
public record SnapshotEnvironment(String snapshotId, String name, boolean hidden) implements Message {
}
