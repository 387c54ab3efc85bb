package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record ServiceProvisioning(String service, String version) implements Message {
}
