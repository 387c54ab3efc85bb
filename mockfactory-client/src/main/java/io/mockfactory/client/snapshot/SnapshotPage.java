package io.mockfactory.client.snapshot;

import java.util.List;

/** One page of the caller's snapshots, newest first; {@link #nextCursor()} is null on the last page. */
public final class SnapshotPage {
    private final List<Snapshot> items;
    private final String nextCursor;

    SnapshotPage(List<Snapshot> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    public List<Snapshot> items() {
        return items;
    }

    public String nextCursor() {
        return nextCursor;
    }
}
