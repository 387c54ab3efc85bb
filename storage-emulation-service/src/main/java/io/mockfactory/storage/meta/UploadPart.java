package io.mockfactory.storage.meta;

import java.time.Instant;

public record UploadPart(int partNumber, String blobId, long size, String etag, String checksum, Instant lastModified) {
}
