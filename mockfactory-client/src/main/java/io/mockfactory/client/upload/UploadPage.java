package io.mockfactory.client.upload;

import io.mockfactory.client.http.Paged;

import java.util.List;

/** One page of the caller's uploads, newest first; {@link #nextCursor()} is null on the last page. */
public final class UploadPage implements Paged<Upload> {
    private final List<Upload> items;
    private final String nextCursor;

    UploadPage(List<Upload> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    @Override
    public List<Upload> items() {
        return items;
    }

    @Override
    public String nextCursor() {
        return nextCursor;
    }
}
