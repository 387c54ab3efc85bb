package io.mockfactory.storage.upload;

import io.mockfactory.internal.upload.UploadView;

import java.time.Instant;

/** A seed upload's row: its bytes are blob {@code blobId} of {@code namespace}, which holds nothing else. */
public record SeedUpload(String id, String userId, String name, UploadFormat format, long size, String sha256,
                         String namespace, String blobId, Instant createdAt) {

    public UploadView view() {
        return new UploadView(id, name, format.wireName(), size, sha256, createdAt);
    }
}
