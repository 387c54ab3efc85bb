package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

public record ServiceStarted(String service, String host, Integer port) implements Message {
}
