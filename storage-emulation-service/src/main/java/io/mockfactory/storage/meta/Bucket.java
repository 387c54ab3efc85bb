package io.mockfactory.storage.meta;

import java.time.Instant;

/** @param versioning null if versioning was never enabled, else {@code Enabled} or {@code Suspended} */
public record Bucket(long id, String environmentId, String name, String region, Instant createdAt, String versioning) {

    public boolean versioningEverEnabled() {
        return versioning != null;
    }
}
