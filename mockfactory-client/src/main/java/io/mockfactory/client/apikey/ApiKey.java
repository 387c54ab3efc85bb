package io.mockfactory.client.apikey;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An API key as listed: its id, name and prefix, never the key itself. */
public final class ApiKey {
    private final String id;
    private final String name;
    private final String prefix;
    private final Instant createdAt;
    private final Instant lastUsedAt;

    ApiKey(JsonNode node) {
        this.id = node.path("id").asText(null);
        this.name = node.path("name").asText(null);
        this.prefix = node.path("prefix").asText(null);
        this.createdAt = node.hasNonNull("created_at") ? Instant.parse(node.get("created_at").asText()) : null;
        this.lastUsedAt = node.hasNonNull("last_used_at") ? Instant.parse(node.get("last_used_at").asText()) : null;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    @Override
    public String toString() {
        return id + " (" + name + ", " + prefix + "…)";
    }
}
