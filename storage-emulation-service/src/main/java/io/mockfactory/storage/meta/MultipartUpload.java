package io.mockfactory.storage.meta;

import java.time.Instant;
import java.util.Map;

/** @param tags and {@code acl}: what the completed object gets, given when the upload was created */
public record MultipartUpload(String uploadId, long bucketId, String key, Instant initiated, String contentType,
                              Map<String, String> headers, Map<String, String> userMetadata, String checksumAlgorithm,
                              Map<String, String> tags, String acl) {
    public MultipartUpload {
        tags = tags == null ? Map.of() : tags;
    }
}
