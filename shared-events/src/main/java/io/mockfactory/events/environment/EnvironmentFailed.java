package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record EnvironmentFailed(String reason) implements Message {
}
