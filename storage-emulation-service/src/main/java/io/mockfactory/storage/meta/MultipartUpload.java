package io.mockfactory.storage.meta;

import java.time.Instant;
import java.util.Map;

/**
 * @param tags         and {@code acl}: what the completed object gets, given when the upload was created
 * @param checksumType COMPOSITE or FULL_OBJECT when the upload has a {@code checksumAlgorithm}, else null
 */
public record MultipartUpload(String uploadId, long bucketId, String key, Instant initiated, String contentType,
                              Map<String, String> headers, Map<String, String> userMetadata, String checksumAlgorithm,
                              Map<String, String> tags, String acl, String checksumType) {
    public MultipartUpload {
        tags = tags == null ? Map.of() : tags;
    }
}
