package io.mockfactory.internal.billing;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The period usage is totalled by: a UTC hour or a UTC day. */
public enum Granularity {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration length;

    Granularity(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** PostgreSQL's date_trunc unit. */
    public String unit() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Granularity> parse(String text) {
        for (Granularity granularity : values()) {
            if (granularity.unit().equals(text)) {
                return Optional.of(granularity);
            }
        }
        return Optional.empty();
    }
}
