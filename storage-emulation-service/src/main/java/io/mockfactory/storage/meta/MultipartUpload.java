package io.mockfactory.storage.meta;

import java.time.Instant;
import java.util.Map;

public record MultipartUpload(String uploadId, long bucketId, String key, Instant initiated, String contentType,
                              Map<String, String> headers, Map<String, String> userMetadata, String checksumAlgorithm) {
}
