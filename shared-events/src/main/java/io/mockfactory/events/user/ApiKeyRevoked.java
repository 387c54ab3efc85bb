package io.mockfactory.events.user;

import io.mockfactory.events.Message;

public record ApiKeyRevoked(String keyId) implements Message {
}
