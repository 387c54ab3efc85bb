package io.mockfactory.client.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create: a name, services (each with an optional version, options such as S3's {@code region} and a seed)
 * and an optional TTL after which MockFactory destroys it whatever happens to the client.
 * <p>
 * Or, instead of services, {@link #fromSnapshot(String) a snapshot}: the environment then gets the snapshot's
 * services, each at the version its data belongs to, with that data. The API refuses services beside a snapshot, so
 * this spec refuses them at once, in either order, rather than at the create.
 */
public final class EnvironmentSpec {
    private final String name;
    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    private Integer ttlMinutes;
    private String fromSnapshot;

    private EnvironmentSpec(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static EnvironmentSpec named(String name) {
        return new EnvironmentSpec(name);
    }

    /** A service at the newest version this deployment serves. */
    public EnvironmentSpec service(String type) {
        requireNoSnapshot("service " + type);
        services.put(type, new LinkedHashMap<>());
        return this;
    }

    public EnvironmentSpec service(String type, String version) {
        requireNoSnapshot("service " + type);
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
        requireNoSnapshot(option + " of " + type);
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

    /**
     * S3's seed from an upload ({@code client.uploads().create(file)}): its files as the objects of a new bucket
     * {@code bucket}, each keyed by its path in the archive; adds {@code aws_s3} if absent.
     */
    public EnvironmentSpec seedObjects(String uploadId, String bucket) {
        return seed("aws_s3", Map.of("objects", Map.of("upload", uploadId, "bucket", bucket)));
    }

    /** Redis's seed from an upload ({@code client.uploads().create(file)}) of an RDB file, loaded before the first start. */
    public EnvironmentSpec seedRdb(String uploadId) {
        return seed("redis", Map.of("rdb", uploadId));
    }

    /** A seed written as a file ({@link SeedText}). */
    public EnvironmentSpec seedText(String type, String text) {
        return seed(type, SeedText.parse(type, text));
    }

    /**
     * Made from one of the caller's ready snapshots ({@code snap_…}): its services and data, with ports and passwords
     * of its own. Services, options and seeds do not go with it; the request then carries no {@code services} at all.
     *
     * @throws IllegalStateException when this spec already names services
     */
    public EnvironmentSpec fromSnapshot(String snapshotId) {
        if (snapshotId == null || snapshotId.isBlank()) {
            throw new IllegalArgumentException("fromSnapshot needs a snapshot id (snap_…)");
        }
        if (!services.isEmpty()) {
            throw new IllegalStateException("Environment " + name + " names services " + services.keySet()
                    + "; one made from a snapshot gets the snapshot's services, so it takes none of its own");
        }
        this.fromSnapshot = snapshotId.strip();
        return this;
    }

    public EnvironmentSpec ttlMinutes(int minutes) {
        this.ttlMinutes = minutes;
        return this;
    }

    public String name() {
        return name;
    }

    /** The snapshot it is made from; null for one made of services. */
    public String snapshotId() {
        return fromSnapshot;
    }

    /** The request body the API takes: {@code services}, or {@code from_snapshot} and no {@code services} key. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (fromSnapshot != null) {
            body.put("from_snapshot", fromSnapshot);
        } else {
            body.put("services", services);
        }
        if (ttlMinutes != null) {
            body.put("ttl_minutes", ttlMinutes);
        }
        return body;
    }

    private void requireNoSnapshot(String what) {
        if (fromSnapshot != null) {
            throw new IllegalStateException("Environment " + name + " is made from snapshot " + fromSnapshot
                    + ", which gives it its services and data; it cannot also take " + what);
        }
    }
}
