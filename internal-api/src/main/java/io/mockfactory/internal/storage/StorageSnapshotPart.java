package io.mockfactory.internal.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The aws_s3 part of a snapshot: its buckets, object versions (delete markers included) and their bytes. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StorageSnapshotPart(String snapshotId, long buckets, long objects, long sizeBytes) {
}
