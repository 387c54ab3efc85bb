package io.mockfactory.events.command;

import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;

import java.util.Map;

public record CreateEnvironment(String name, Map<String, ServiceSpec> services, Integer ttlMinutes, String tier)
        implements Message {
    public CreateEnvironment {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
