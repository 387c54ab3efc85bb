package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record ServiceDestroyed(String service) implements Message {
}
