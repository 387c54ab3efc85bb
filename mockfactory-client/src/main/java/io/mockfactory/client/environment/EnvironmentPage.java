package io.mockfactory.client.environment;

import java.util.List;

/** One page of the caller's environments, newest first; {@link #nextCursor()} is null on the last page. */
public final class EnvironmentPage {
    private final List<Environment> items;
    private final String nextCursor;

    EnvironmentPage(List<Environment> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    public List<Environment> items() {
        return items;
    }

    public String nextCursor() {
        return nextCursor;
    }
}
