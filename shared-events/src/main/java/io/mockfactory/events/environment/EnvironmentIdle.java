package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

import java.time.Instant;

public record EnvironmentIdle(Instant lastActivityAt, Integer idleMinutes) implements Message {
}
