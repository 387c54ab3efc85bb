package io.mockfactory.kit.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("mockfactory.outbox")
public class OutboxSettings {
    /** The relay is woken by NOTIFY on commit; this is only the fallback poll. */
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 200;
    private Duration retention = Duration.ofDays(1);
    private boolean relayEnabled = true;

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }
}
