package io.mockfactory.events;

import java.util.Map;

/** What a user asked for one service of an environment: a version from the catalog and service-specific options. */
public record ServiceSpec(String version, Map<String, String> options) {
    public ServiceSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
