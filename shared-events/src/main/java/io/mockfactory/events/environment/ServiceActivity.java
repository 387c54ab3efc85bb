package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

import java.time.Instant;

/**
 * A service was used by its clients (at most about once a minute per service while it is): what keeps an environment
 * from being stopped as idle.
 */
public record ServiceActivity(String service, Instant lastActiveAt) implements Message {
}
