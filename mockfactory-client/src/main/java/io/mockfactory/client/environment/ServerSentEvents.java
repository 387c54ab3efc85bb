package io.mockfactory.client.environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads an environment's lifecycle served as Server-Sent Events: {@code event:}, {@code id:} and {@code data:} lines,
 * a blank line ending each event, whose data is one history entry's JSON. The event's name and id fill in what the
 * data lacks, so a stream with bare events still tells their types.
 */
final class ServerSentEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerSentEvents() {
    }

    /**
     * Hands each event to {@code onEvent} until the stream ends or {@code onEvent} answers false.
     *
     * @return false when {@code onEvent} stopped the reading, true when the stream ended
     */
    static boolean read(InputStream stream, Predicate<LifecycleEvent> onEvent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if ((name != null || data.length() > 0) && !onEvent.test(event(name, id, data.toString()))) {
                    return false;
                }
                name = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = value(line);
            } else if (line.startsWith("id:")) {
                id = value(line);
            } else if (line.startsWith("data:")) {
                data.append(data.length() == 0 ? "" : "\n").append(value(line));
            }
            // Comments (":" keep-alives) and retry: lines tell nothing about the environment
        }
        return true;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static LifecycleEvent event(String name, String id, String data) {
        ObjectNode entry;
        try {
            JsonNode parsed = JSON.readTree(data.isEmpty() ? "{}" : data);
            entry = parsed.isObject() ? (ObjectNode) parsed : JSON.createObjectNode();
        } catch (JsonProcessingException notJson) {
            entry = JSON.createObjectNode();
        }
        if (!entry.hasNonNull("type") && name != null) {
            entry.put("type", name);
        }
        if (!entry.hasNonNull("event_id") && id != null) {
            entry.put("event_id", id);
        }
        return LifecycleEvent.from(entry);
    }
}
