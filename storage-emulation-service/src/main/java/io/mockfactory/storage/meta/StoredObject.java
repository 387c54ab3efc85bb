package io.mockfactory.storage.meta;

import java.time.Instant;
import java.util.Map;

/**
 * An object's metadata; its bytes are the blob {@code blobId} in the environment's namespace.
 *
 * @param headers the stored representation headers (Content-Encoding, Cache-Control, …) by their canonical names
 */
public record StoredObject(long bucketId, String key, String blobId, long size, String etag, Instant lastModified,
                           String contentType, Map<String, String> headers, Map<String, String> userMetadata,
                           String checksumAlgorithm, String checksum) {
}
