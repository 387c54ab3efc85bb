package io.mockfactory.internal.storage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;

/**
 * The aws_s3 part of an environment snapshot, which storage-emulation-service keeps (the provisioner keeps the rest
 * and asks for this part while it takes its own). Both calls are idempotent: a retry after a crash or a timeout takes
 * or deletes the part once.
 */
public interface StorageSnapshotOperations {

    /**
     * Copies the environment's buckets, object versions, tags and settings as they are now; the objects share the
     * environment's bytes (no blob is rewritten).
     *
     * @return the part, also when an earlier call took it; null (404) when the environment has no live aws_s3
     *         service of that user
     */
    @Put("/internal/storage/snapshots/{snapshotId}")
    @Nullable
    StorageSnapshotPart take(@PathVariable String snapshotId, @Body StorageSnapshotRequest request) throws Exception;

    /** Deletes the part and the bytes only it holds; an unknown id is already deleted. */
    @Delete("/internal/storage/snapshots/{snapshotId}")
    void delete(@PathVariable String snapshotId) throws Exception;
}
