package io.mockfactory.internal.environment;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An environment's lifecycle, oldest first. */
@Serdeable
public record History(List<HistoryEntry> items) {
}
