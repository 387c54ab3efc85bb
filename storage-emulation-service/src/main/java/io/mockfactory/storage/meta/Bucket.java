package io.mockfactory.storage.meta;

import java.time.Instant;

public record Bucket(long id, String environmentId, String name, String region, Instant createdAt) {
}
