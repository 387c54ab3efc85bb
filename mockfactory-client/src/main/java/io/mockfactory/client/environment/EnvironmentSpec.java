package io.mockfactory.client.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create: a name, services (each with an optional version, options such as S3's {@code region} and a seed)
 * and an optional TTL after which MockFactory destroys it whatever happens to the client.
 */
public final class EnvironmentSpec {
    private final String name;
    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    private Integer ttlMinutes;

    private EnvironmentSpec(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static EnvironmentSpec named(String name) {
        return new EnvironmentSpec(name);
    }

    /** A service at the newest version this deployment serves. */
    public EnvironmentSpec service(String type) {
        services.put(type, new LinkedHashMap<>());
        return this;
    }

    public EnvironmentSpec service(String type, String version) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (version != null && !version.isBlank()) {
            options.put("version", version);
        }
        services.put(type, options);
        return this;
    }

    /** {@code type} or {@code type:version}, as the CLI and the annotation write them. */
    public EnvironmentSpec serviceNotation(String notation) {
        int colon = notation.indexOf(':');
        return colon < 0 ? service(notation.strip()) : service(notation.substring(0, colon).strip(), notation.substring(colon + 1).strip());
    }

    public EnvironmentSpec option(String type, String option, Object value) {
        services.computeIfAbsent(type, ignored -> new LinkedHashMap<>()).put(option, value);
        return this;
    }

    /** Data the service starts with, in the form its type takes (see the API's {@code seed}); adds the service if absent. */
    public EnvironmentSpec seed(String type, Map<String, Object> seed) {
        return option(type, "seed", seed);
    }

    /** A PostgreSQL flavour's seed: SQL statements, run in one transaction before the service is reported running. */
    public EnvironmentSpec seedSql(String type, String sql) {
        return seed(type, Map.of("sql", sql));
    }

    /** Redis's seed: commands, each a list of arguments or a redis-cli line, sent in order. */
    public EnvironmentSpec seedRedis(List<?> commands) {
        return seed("redis", Map.of("commands", commands));
    }

    /** A seed written as a file ({@link SeedText}). */
    public EnvironmentSpec seedText(String type, String text) {
        return seed(type, SeedText.parse(type, text));
    }

    public EnvironmentSpec ttlMinutes(int minutes) {
        this.ttlMinutes = minutes;
        return this;
    }

    public String name() {
        return name;
    }

    /** The request body the API takes. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("services", services);
        if (ttlMinutes != null) {
            body.put("ttl_minutes", ttlMinutes);
        }
        return body;
    }
}
