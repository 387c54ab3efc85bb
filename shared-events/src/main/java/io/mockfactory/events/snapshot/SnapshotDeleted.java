package io.mockfactory.events.snapshot;

import io.mockfactory.events.Message;

/** A snapshot and its data are gone; the envelope's environment id is the environment it was taken of. */
public record SnapshotDeleted(String snapshotId) implements Message {
}
