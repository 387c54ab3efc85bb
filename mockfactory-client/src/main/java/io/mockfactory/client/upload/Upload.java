package io.mockfactory.client.upload;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A file uploaded to seed environments with: a tar, gzipped tar or zip whose files an S3 seed turns into a bucket's
 * objects ({@code EnvironmentSpec.seedObjects(upload.id(), "fixtures")}), or an RDB file a Redis seed loads
 * ({@code seedRdb(upload.id())}). It counts against the storage quota until deleted.
 */
public final class Upload {
    private final String id;
    private final String name;
    private final String format;
    private final long sizeBytes;
    private final String sha256;
    private final Instant createdAt;

    private Upload(JsonNode node) {
        this.id = node.path("id").asText(null);
        this.name = node.path("name").asText(null);
        this.format = node.path("format").asText(null);
        this.sizeBytes = node.path("size_bytes").asLong(0);
        this.sha256 = node.path("sha256").asText(null);
        this.createdAt = node.hasNonNull("created_at") ? Instant.parse(node.get("created_at").asText()) : null;
    }

    public static Upload from(JsonNode node) {
        return new Upload(node);
    }

    /** {@code upl_…} */
    public String id() {
        return id;
    }

    /** The label given on upload, or null. */
    public String name() {
        return name;
    }

    /** {@code tar}, {@code tar.gz}, {@code zip} or {@code rdb}, read from the bytes. */
    public String format() {
        return format;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Hex, of the bytes as uploaded: compare with {@code sha256sum} of the file. */
    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Upload{" + id + " " + format + " " + sizeBytes + " bytes}";
    }
}
