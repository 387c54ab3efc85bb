package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record ServiceStopped(String service) implements Message {
}
