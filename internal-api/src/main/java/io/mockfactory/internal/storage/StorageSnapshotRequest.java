package io.mockfactory.internal.storage;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Whose environment the snapshot is of: a part is taken only of the owner's own aws_s3 service. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record StorageSnapshotRequest(String environmentId, String userId) {
}
