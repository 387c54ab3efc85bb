package io.mockfactory.events.command;

import io.mockfactory.events.Message;

/** @param reason why, in words a user can read (e.g. "requested by user", "idle for 15 minutes") */
public record DestroyEnvironment(String reason) implements Message {
}
