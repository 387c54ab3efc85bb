package io.mockfactory.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's results go: stdout, as text or (with {@code --output json}) JSON, so that a script can pipe it;
 * progress and errors go to stderr and never mix with it.
 */
public final class Output {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final OutputMode mode;
    private final PrintStream out;
    private final PrintStream err;

    public Output(OutputMode mode, PrintStream out, PrintStream err) {
        this.mode = mode;
        this.out = out;
        this.err = err;
    }

    public boolean isJson() {
        return mode == OutputMode.JSON;
    }

    /** One JSON document (Jackson-serializable: maps, lists, JsonNodes), indented. */
    public void json(Object value) {
        line(write(PRETTY, value));
    }

    /** One JSON document on one line, for streams of them (JSON Lines), e.g. events as they arrive. */
    public void jsonLine(Object value) {
        line(write(COMPACT, value));
    }

    /** A command's one result: {@code json} with {@code --output json}, else the line {@code text}. */
    public void result(Object json, String text) {
        if (isJson()) {
            json(json);
        } else {
            line(text);
        }
    }

    /** {@code 512 B}, {@code 1.5 MiB}: for people; the JSON keeps the API's bytes. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A JSON object with its fields in the order given: {@code fields("id", id, "status", status)}. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    public void line(String text) {
        out.println(text);
        // A watched stream or a pipe wants each line as it is made
        out.flush();
    }

    public void table(Table table) {
        table.lines().forEach(this::line);
    }

    /** The channel for progress and notes, which a script reading stdout does not see. */
    public PrintStream err() {
        return err;
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException unserializable) {
            throw new UncheckedIOException(unserializable);
        }
    }
}
