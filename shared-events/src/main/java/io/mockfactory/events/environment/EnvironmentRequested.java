package io.mockfactory.events.environment;

import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;

import java.util.Map;

public record EnvironmentRequested(String name, Map<String, ServiceSpec> services, Integer ttlMinutes)
        implements Message {
    public EnvironmentRequested {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
