package io.mockfactory.kit.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("mockfactory.inbox")
public class InboxSettings {
    /** Attempts for a message whose handler fails before it goes to the dead-letter topic. */
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    /** How long a message that arrived before what it depends on is retried before it is dead-lettered. */
    private Duration outOfOrderPatience = Duration.ofMinutes(5);

    public Duration getOutOfOrderPatience() {
        return outOfOrderPatience;
    }

    public void setOutOfOrderPatience(Duration outOfOrderPatience) {
        this.outOfOrderPatience = outOfOrderPatience;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
