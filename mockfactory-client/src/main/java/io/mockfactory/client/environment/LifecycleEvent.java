package io.mockfactory.client.environment;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One entry of an environment's history: {@code EnvironmentRequested}, {@code ServiceReady}, … */
public final class LifecycleEvent {
    private final String eventId;
    private final String type;
    private final Instant occurredAt;
    private final JsonNode payload;

    private LifecycleEvent(JsonNode node) {
        this.eventId = node.path("event_id").asText(null);
        this.type = node.path("type").asText(null);
        this.occurredAt = node.hasNonNull("occurred_at") ? Instant.parse(node.get("occurred_at").asText()) : null;
        this.payload = node.path("payload");
    }

    public static LifecycleEvent from(JsonNode node) {
        return new LifecycleEvent(node);
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** The event's own fields (never a secret), e.g. a ServiceReady's service, version and port. */
    public JsonNode payload() {
        return payload;
    }

    @Override
    public String toString() {
        return occurredAt + " " + type + " " + payload;
    }
}
