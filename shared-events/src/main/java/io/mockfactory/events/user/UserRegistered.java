package io.mockfactory.events.user;

import io.mockfactory.events.Message;

public record UserRegistered(String email, String fullName, String tier) implements Message {
}
