package io.mockfactory.events.user;

import io.mockfactory.events.Message;

/** @param prefix the public, non-secret prefix used to look a key up; the key itself never leaves the auth service */
public record ApiKeyCreated(String keyId, String name, String prefix) implements Message {
}
