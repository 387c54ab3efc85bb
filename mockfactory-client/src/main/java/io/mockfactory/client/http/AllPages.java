package io.mockfactory.client.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Every item of a paginated list route, fetching each page only when the iteration reaches it. */
public final class AllPages {
    private AllPages() {
    }

    /** One page of the list route at {@code path}: its items read with {@code item}, made into the page type. */
    public static <T, P> P read(ApiTransport transport, String path, int limit, String cursor,
                                Function<JsonNode, T> item, BiFunction<List<T>, String, P> page) {
        JsonNode body = transport.get(path + "?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        List<T> items = new ArrayList<>();
        body.path("items").forEach(node -> items.add(item.apply(node)));
        return page.apply(items, body.path("next_cursor").asText(null));
    }

    /** @param fetch the page after a cursor (null for the first) */
    public static <T> Iterable<T> of(Function<String, ? extends Paged<T>> fetch) {
        return () -> new Iterator<>() {
            private Iterator<T> current = List.<T>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !last) {
                    Paged<T> page = fetch.apply(cursor);
                    current = page.items().iterator();
                    cursor = page.nextCursor();
                    last = cursor == null;
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
