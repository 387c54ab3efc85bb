package io.mockfactory.events.command;

import io.mockfactory.events.Message;

/**
 * @param reason     why, in words a user can read (e.g. "requested by user", "idle for 15 minutes")
 * @param keepFailed a clean-up of what a failed environment still holds (its other services, after one could not
 *                   start or seed): the owners release everything, and the environment stays {@code failed} with its
 *                   {@code last_error} for the user to read
 */
public record DestroyEnvironment(String reason, boolean keepFailed) implements Message {
    public DestroyEnvironment(String reason) {
        this(reason, false);
    }
}
