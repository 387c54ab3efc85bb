package io.mockfactory.client.environment;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An environment as the API shows it: passwords are masked in {@link #endpoints()}; see credentials for them. */
public final class Environment {
    private final String id;
    private final String name;
    private final String status;
    private final Map<String, ServiceInfo> services;
    private final Map<String, String> endpoints;
    private final Instant createdAt;
    private final Instant startedAt;
    private final Instant stoppedAt;
    private final Instant expiresAt;
    private final String lastError;

    private Environment(JsonNode node) {
        this.id = node.path("id").asText(null);
        this.name = node.path("name").asText(null);
        this.status = node.path("status").asText(null);
        Map<String, ServiceInfo> byType = new LinkedHashMap<>();
        node.path("services").fields().forEachRemaining(entry -> byType.put(entry.getKey(), new ServiceInfo(entry.getKey(), entry.getValue())));
        this.services = Collections.unmodifiableMap(byType);
        Map<String, String> urls = new LinkedHashMap<>();
        node.path("endpoints").fields().forEachRemaining(entry -> urls.put(entry.getKey(), entry.getValue().asText()));
        this.endpoints = Collections.unmodifiableMap(urls);
        this.createdAt = instant(node, "created_at");
        this.startedAt = instant(node, "started_at");
        this.stoppedAt = instant(node, "stopped_at");
        this.expiresAt = instant(node, "expires_at");
        this.lastError = node.path("last_error").asText(null);
    }

    public static Environment from(JsonNode node) {
        return new Environment(node);
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** provisioning, running, stopping, stopped, starting, destroying, destroyed or failed */
    public String status() {
        return status;
    }

    public boolean isRunning() {
        return "running".equals(status);
    }

    /** Failed, or on its way out: it will not run again (a wait for it ends; a reuse makes a new one). */
    public boolean isGone() {
        return "failed".equals(status) || "destroying".equals(status) || "destroyed".equals(status);
    }

    public Map<String, ServiceInfo> services() {
        return services;
    }

    /** Ready-to-use addresses with passwords masked ({@code *****}). */
    public Map<String, String> endpoints() {
        return endpoints;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    /** When its TTL destroys it; null without a TTL. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return id + " (" + name + ") " + status + " " + services.values();
    }
}
