package io.mockfactory.kit.tier;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account tiers and their limits. Defaults are here; any of them is overridden by configuration, e.g.
 * {@code mockfactory.tiers.beginner.requests-per-minute=120}.
 */
@Singleton
public class Tiers {
    public static final String DEFAULT_TIER = "beginner";
    private static final long GIB = 1024L * 1024 * 1024;
    /** Beginners may put every service type in one environment (the contract's own example has four). */
    private static final Map<String, TierLimits> DEFAULTS = Map.of(
            "beginner", new TierLimits(120, 5, 6, 15, GIB),
            "professional", new TierLimits(1200, 10, 8, 60, 20 * GIB),
            "enterprise", new TierLimits(12000, 100, 20, null, 500 * GIB));

    private final Environment environment;

    public Tiers(Environment environment) {
        this.environment = environment;
    }

    public List<String> names() {
        return List.of("beginner", "professional", "enterprise");
    }

    /**
     * The tier a caller is treated as: its own when this deployment knows it, else the default. The one fallback every
     * service uses, so a token or event naming a tier from elsewhere gets the same limits everywhere.
     */
    public String effective(String tier) {
        return tier != null && limitsOf(tier).isPresent() ? tier.toLowerCase(Locale.ROOT) : DEFAULT_TIER;
    }

    /** The limits of {@link #effective}{@code (tier)}. */
    public TierLimits effectiveLimits(String tier) {
        return limitsOf(effective(tier)).orElseThrow();
    }

    public Optional<TierLimits> limitsOf(String tier) {
        String name = tier == null ? DEFAULT_TIER : tier.toLowerCase(Locale.ROOT);
        TierLimits defaults = DEFAULTS.get(name);
        if (defaults == null) {
            return Optional.empty();
        }
        String prefix = "mockfactory.tiers." + name + ".";
        Integer idle = environment.getProperty(prefix + "idle-shutdown-minutes", Integer.class)
                .orElse(defaults.idleShutdownMinutes());
        return Optional.of(new TierLimits(
                environment.getProperty(prefix + "requests-per-minute", Integer.class).orElse(defaults.requestsPerMinute()),
                environment.getProperty(prefix + "running-environments", Integer.class).orElse(defaults.runningEnvironments()),
                environment.getProperty(prefix + "services-per-environment", Integer.class).orElse(defaults.servicesPerEnvironment()),
                idle != null && idle <= 0 ? null : idle,
                environment.getProperty(prefix + "storage-bytes", Long.class).orElse(defaults.storageBytes())));
    }
}
