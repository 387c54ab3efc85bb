package io.mockfactory.provisioner.runtime;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Per-tier limits of one service instance, overridable per tier, e.g.
 * {@code mockfactory.provisioner.limits.beginner.memory-bytes=268435456} (MOCKFACTORY_PROVISIONER_LIMITS_BEGINNER_MEMORY_BYTES).
 * An unknown or missing tier gets the beginner's.
 */
@Singleton
public class TierResources {
    private static final long MIB = 1024L * 1024;
    private static final Map<String, ResourceLimits> DEFAULTS = Map.of(
            "beginner", new ResourceLimits(512 * MIB, 500, 256),
            "professional", new ResourceLimits(2048 * MIB, 1000, 1024),
            "enterprise", new ResourceLimits(8192 * MIB, 2000, 4096));

    private final Environment environment;

    public TierResources(Environment environment) {
        this.environment = environment;
    }

    public ResourceLimits forTier(String tier) {
        String known = tier != null && DEFAULTS.containsKey(tier) ? tier : "beginner";
        ResourceLimits defaults = DEFAULTS.get(known);
        String prefix = "mockfactory.provisioner.limits." + known + ".";
        return new ResourceLimits(
                environment.getProperty(prefix + "memory-bytes", Long.class).orElse(defaults.memoryBytes()),
                environment.getProperty(prefix + "cpu-millis", Integer.class).orElse(defaults.cpuMillis()),
                environment.getProperty(prefix + "pids", Integer.class).orElse(defaults.pids()));
    }
}
