package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record EnvironmentRunning() implements Message {
}
