package io.mockfactory.billing.pricing;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What each tier costs, from configuration ({@code mockfactory.billing.prices.<tier>.monthly-base},
 * {@code .per-service-hour} and {@code .per-gib-month}, in {@code mockfactory.billing.currency}), over the defaults
 * below.
 */
@Singleton
public class PriceSheet {
    public record Price(BigDecimal monthlyBase, BigDecimal perServiceHour, BigDecimal perGibMonth) {
    }

    private static final Map<String, Price> DEFAULTS = Map.of(
            "beginner", new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
            "professional", new Price(new BigDecimal("29.00"), new BigDecimal("0.02"), new BigDecimal("0.10")),
            "enterprise", new Price(new BigDecimal("499.00"), new BigDecimal("0.015"), new BigDecimal("0.08")));

    private final Environment environment;

    public PriceSheet(Environment environment) {
        this.environment = environment;
    }

    public String currency() {
        return environment.getProperty("mockfactory.billing.currency", String.class).orElse("USD");
    }

    /** @return the tier's prices; an unknown tier costs what beginner does */
    public Price of(String tier) {
        Price fallback = DEFAULTS.getOrDefault(tier, DEFAULTS.get("beginner"));
        String prefix = "mockfactory.billing.prices." + tier + ".";
        return new Price(price(prefix + "monthly-base", fallback.monthlyBase()),
                price(prefix + "per-service-hour", fallback.perServiceHour()),
                price(prefix + "per-gib-month", fallback.perGibMonth()));
    }

    private BigDecimal price(String key, BigDecimal fallback) {
        return environment.getProperty(key, BigDecimal.class).orElse(fallback);
    }
}
