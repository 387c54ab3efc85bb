package io.mockfactory.provisioner.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How many warm instances of which type and version to keep, from
 * {@code mockfactory.provisioner.warm-pool.instances}: comma-separated {@code type[:version]=count}, a type without a
 * version meaning its default (the newest this machine can serve). Empty turns the pools off.
 */
public record PoolTargets(List<Entry> entries) {

    /** @param version null for the type's default version */
    public record Entry(String service, String version, int size) {
    }

    /** A resolved target: which version, how many. */
    public record Target(String service, String version, int size) {
    }

    public static PoolTargets parse(String setting) {
        List<Entry> entries = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return new PoolTargets(entries);
        }
        for (String item : setting.split(",")) {
            String[] typeAndSize = item.strip().split("=", 2);
            if (typeAndSize.length != 2) {
                throw new IllegalArgumentException("warm-pool.instances: '" + item.strip() + "' is not type[:version]=count");
            }
            String[] typeAndVersion = typeAndSize[0].strip().split(":", 2);
            int size;
            try {
                size = Integer.parseInt(typeAndSize[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("warm-pool.instances: '" + typeAndSize[1].strip() + "' is not a count");
            }
            if (size < 0 || size > 64) {
                throw new IllegalArgumentException("warm-pool.instances: a pool holds 0 to 64 instances, not " + size);
            }
            entries.add(new Entry(typeAndVersion[0], typeAndVersion.length == 2 ? typeAndVersion[1] : null, size));
        }
        return new PoolTargets(List.copyOf(entries));
    }

    /** Each entry with its version settled by {@code defaultVersion}; types with no servable version drop out. */
    public List<Target> resolve(Function<String, Optional<String>> defaultVersion) {
        List<Target> targets = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<String> version = entry.version() != null ? Optional.of(entry.version()) : defaultVersion.apply(entry.service());
            version.filter(v -> entry.size() > 0).ifPresent(v -> targets.add(new Target(entry.service(), v, entry.size())));
        }
        return targets;
    }
}
