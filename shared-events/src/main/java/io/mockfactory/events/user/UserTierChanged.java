package io.mockfactory.events.user;

import io.mockfactory.events.Message;

public record UserTierChanged(String previousTier, String tier) implements Message {
}
