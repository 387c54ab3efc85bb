package io.mockfactory.client.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One service's data in a snapshot. Its version is the one the data belongs to, which an environment made from the
 * snapshot runs whatever is newest then (a PostgreSQL cluster starts only under its own major).
 */
public final class SnapshotService {
    private final String type;
    private final String version;
    private final long sizeBytes;

    SnapshotService(JsonNode node) {
        this.type = node.path("service").asText(null);
        this.version = node.path("version").asText(null);
        this.sizeBytes = node.path("size_bytes").asLong(0);
    }

    /** The service type, e.g. {@code redis}: the API's {@code service} field. */
    public String type() {
        return type;
    }

    public String version() {
        return version;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public String toString() {
        return type + (version == null ? "" : ":" + version) + " " + sizeBytes + " B";
    }
}
