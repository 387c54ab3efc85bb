package io.mockfactory.client.environment;

import com.fasterxml.jackson.databind.JsonNode;

/** One service of an environment as listed: its version, status and port (null for services with none, like S3). */
public final class ServiceInfo {
    private final String type;
    private final String version;
    private final String status;
    private final Integer port;

    ServiceInfo(String type, JsonNode node) {
        this.type = type;
        this.version = node.path("version").asText(null);
        this.status = node.path("status").asText(null);
        this.port = node.hasNonNull("port") ? node.get("port").asInt() : null;
    }

    public String type() {
        return type;
    }

    public String version() {
        return version;
    }

    public String status() {
        return status;
    }

    public Integer port() {
        return port;
    }

    @Override
    public String toString() {
        return type + (version == null ? "" : ":" + version) + " " + status + (port == null ? "" : " on " + port);
    }
}
