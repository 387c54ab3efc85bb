package io.mockfactory.events.command;

import io.mockfactory.events.Message;

/** Removes a snapshot and its data; keyed by the environment the snapshot was taken of. */
public record DeleteSnapshot(String snapshotId) implements Message {
}
