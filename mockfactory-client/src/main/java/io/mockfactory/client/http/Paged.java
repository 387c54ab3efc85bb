package io.mockfactory.client.http;

import java.util.List;

/** One page of a list route: its items and the cursor of the next page (null on the last). */
public interface Paged<T> {
    List<T> items();

    String nextCursor();
}
