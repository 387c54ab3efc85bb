package io.mockfactory.events.command;

import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.seed.ServiceSeed;

import java.util.Map;

/**
 * @param seeds per service type, the data it starts with (see {@link ServiceSeed}); apart from {@code services} so
 *              that the seed is not copied into {@code EnvironmentRequested}, the read model or its history
 * @param fromSnapshot a snapshot ({@code snap_…}) every service starts from instead of empty: {@code services} are then
 *                     the snapshot's, each at the version its data belongs to; null for an empty start
 */
public record CreateEnvironment(String name, Map<String, ServiceSpec> services, Integer ttlMinutes, String tier,
                                Map<String, ServiceSeed> seeds, String fromSnapshot)
        implements Message {
    public CreateEnvironment {
        services = services == null ? Map.of() : Map.copyOf(services);
        seeds = seeds == null ? Map.of() : Map.copyOf(seeds);
    }

    public CreateEnvironment(String name, Map<String, ServiceSpec> services, Integer ttlMinutes, String tier) {
        this(name, services, ttlMinutes, tier, Map.of(), null);
    }

    public CreateEnvironment(String name, Map<String, ServiceSpec> services, Integer ttlMinutes, String tier,
                             Map<String, ServiceSeed> seeds) {
        this(name, services, ttlMinutes, tier, seeds, null);
    }
}
