package io.mockfactory.client.snapshot;

import io.mockfactory.client.http.Paged;

import java.util.List;

/** One page of the caller's snapshots, newest first; {@link #nextCursor()} is null on the last page. */
public final class SnapshotPage implements Paged<Snapshot> {
    private final List<Snapshot> items;
    private final String nextCursor;

    SnapshotPage(List<Snapshot> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    @Override
    public List<Snapshot> items() {
        return items;
    }

    @Override
    public String nextCursor() {
        return nextCursor;
    }
}
