package io.mockfactory.client.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A seed written as a file, read into the {@code seed} a service type takes, so a suite keeps its fixtures as plain
 * files (what the CLI's {@code --seed TYPE=FILE} and the JUnit extension's {@code seeds} read):
 * <ul>
 *   <li>the PostgreSQL flavours: the file is SQL;</li>
 *   <li>{@code redis}: one command per line, as redis-cli takes it ({@code SET greeting "hello world"});</li>
 *   <li>{@code elasticmq}: one message per line, {@code QUEUE BODY}; a line with a queue name only creates it empty.</li>
 * </ul>
 * In the line forms, blank lines and lines starting with {@code #} are skipped. The server checks the rest.
 */
public final class SeedText {
    private static final Set<String> SQL_TYPES = Set.of("postgresql", "postgresql_pgvector", "postgis");

    private SeedText() {
    }

    /** @throws IllegalArgumentException for a type that takes no seed file */
    public static Map<String, Object> parse(String type, String text) {
        if (SQL_TYPES.contains(type)) {
            return Map.of("sql", text);
        }
        if (type.equals("redis")) {
            return Map.of("commands", lines(text));
        }
        if (type.equals("elasticmq")) {
            Map<String, List<String>> queues = new LinkedHashMap<>();
            for (String line : lines(text)) {
                int space = line.indexOf(' ');
                String queue = space < 0 ? line : line.substring(0, space);
                List<String> messages = queues.computeIfAbsent(queue, ignored -> new ArrayList<>());
                if (space >= 0) {
                    messages.add(line.substring(space + 1));
                }
            }
            List<Map<String, Object>> seeded = new ArrayList<>();
            queues.forEach((queue, messages) -> seeded.add(Map.of("name", queue, "messages", messages)));
            return Map.of("queues", seeded);
        }
        throw new IllegalArgumentException(type + " takes no seed file; seed files are for the PostgreSQL flavours,"
                + " redis and elasticmq");
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toList());
    }
}
