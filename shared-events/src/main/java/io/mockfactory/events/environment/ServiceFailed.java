package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record ServiceFailed(String service, String reason) implements Message {
}
