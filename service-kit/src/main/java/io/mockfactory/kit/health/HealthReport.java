package io.mockfactory.kit.health;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

@Serdeable
public record HealthReport(String status, Map<String, String> checks) {
    public boolean healthy() {
        return "healthy".equals(status);
    }
}
