package io.mockfactory.events.snapshot;

import io.mockfactory.events.Message;

/**
 * A new environment (the envelope's) starts with a copy of another's data: restored from {@code snapshotId}, which was
 * taken of {@code sourceEnvironmentId} (for POST …/clone, a snapshot made for it and not listed to the user).
 */
public record EnvironmentCloned(String sourceEnvironmentId, String snapshotId) implements Message {
}
