package io.mockfactory.client.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A copy of a running environment's data, taken without stopping it, from which new environments start
 * ({@code EnvironmentSpec.named(…).fromSnapshot(id)}). Every service type can be snapshotted, as a local process or
 * a container.
 */
public final class Snapshot {
    private final String id;
    private final String environmentId;
    private final String name;
    private final String status;
    private final long sizeBytes;
    private final List<SnapshotService> services;
    private final Instant createdAt;
    private final Instant readyAt;
    private final String lastError;

    private Snapshot(JsonNode node) {
        this.id = node.path("id").asText(null);
        this.environmentId = node.path("environment_id").asText(null);
        this.name = node.path("name").asText(null);
        this.status = node.path("status").asText(null);
        this.sizeBytes = node.path("size_bytes").asLong(0);
        List<SnapshotService> held = new ArrayList<>();
        node.path("services").forEach(service -> held.add(new SnapshotService(service)));
        this.services = Collections.unmodifiableList(held);
        this.createdAt = instant(node, "created_at");
        this.readyAt = instant(node, "ready_at");
        this.lastError = node.path("last_error").asText(null);
    }

    public static Snapshot from(JsonNode node) {
        return new Snapshot(node);
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    /** {@code snap_…} */
    public String id() {
        return id;
    }

    /** The environment it was taken of; that environment may have been destroyed since. */
    public String environmentId() {
        return environmentId;
    }

    public String name() {
        return name;
    }

    /** creating, ready (environments can be made from it), failed (it holds nothing; see {@link #lastError()}) or deleting */
    public String status() {
        return status;
    }

    public boolean isReady() {
        return "ready".equals(status);
    }

    public boolean isCreating() {
        return "creating".equals(status);
    }

    /** Failed, or being deleted: it will never be ready (a wait for it ends). */
    public boolean isGone() {
        return "failed".equals(status) || "deleting".equals(status);
    }

    /** The data it holds, all services together; 0 until ready. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Each service's data, with the version an environment made from it runs. */
    public List<SnapshotService> services() {
        return services;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When it became ready; null while creating, or when it failed. */
    public Instant readyAt() {
        return readyAt;
    }

    /** Why it failed; null otherwise. */
    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return id + " (" + name + ") " + status + " of " + environmentId + " " + services;
    }
}
