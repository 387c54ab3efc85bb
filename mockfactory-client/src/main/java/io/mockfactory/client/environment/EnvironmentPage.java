package io.mockfactory.client.environment;

import io.mockfactory.client.http.Paged;

import java.util.List;

/** One page of the caller's environments, newest first; {@link #nextCursor()} is null on the last page. */
public final class EnvironmentPage implements Paged<Environment> {
    private final List<Environment> items;
    private final String nextCursor;

    EnvironmentPage(List<Environment> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    @Override
    public List<Environment> items() {
        return items;
    }

    @Override
    public String nextCursor() {
        return nextCursor;
    }
}
