package io.mockfactory.storage.meta;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an object's metadata; its bytes are the blob {@code blobId} in the environment's namespace (none for
 * a delete marker).
 *
 * @param headers   the stored representation headers (Content-Encoding, Cache-Control, …) by their canonical names
 * @param versionId S3's version id; {@code "null"} for the null version (every object of a never-versioned bucket)
 * @param latest    whether this is the version a request without versionId sees
 * @param acl       the object's ACL as the access package stores it (JSON), null for the default (owner only)
 * @param parts     a completed multipart upload's parts, empty for a single PUT
 * @param checksumType COMPOSITE or FULL_OBJECT when a checksum is stored, as S3 reports it
 */
public record StoredObject(long bucketId, String key, String blobId, long size, String etag, Instant lastModified,
                           String contentType, Map<String, String> headers, Map<String, String> userMetadata,
                           String checksumAlgorithm, String checksum, String versionId, boolean latest,
                           boolean deleteMarker, Map<String, String> tags, String acl, List<ObjectPart> parts,
                           String checksumType) {
    public static final String NULL_VERSION = "null";

    /** A new object as a write makes it: the writer's versioning decides its version id when it is stored. */
    public StoredObject(long bucketId, String key, String blobId, long size, String etag, Instant lastModified,
                        String contentType, Map<String, String> headers, Map<String, String> userMetadata,
                        String checksumAlgorithm, String checksum) {
        this(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata, checksumAlgorithm,
                checksum, NULL_VERSION, true, false, Map.of(), null, List.of(), checksum == null ? null : "FULL_OBJECT");
    }

    public StoredObject {
        tags = tags == null ? Map.of() : tags;
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public StoredObject withVersion(String newVersionId) {
        return new StoredObject(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                checksumAlgorithm, checksum, newVersionId, true, deleteMarker, tags, acl, parts, checksumType);
    }

    /** The same object in the bucket that now has its bucket's name (deleted and created again meanwhile). */
    public StoredObject inBucket(long newBucketId) {
        return new StoredObject(newBucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                checksumAlgorithm, checksum, versionId, latest, deleteMarker, tags, acl, parts, checksumType);
    }

    public StoredObject withTags(Map<String, String> newTags) {
        return new StoredObject(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                checksumAlgorithm, checksum, versionId, latest, deleteMarker, newTags, acl, parts, checksumType);
    }

    public StoredObject withAcl(String newAcl) {
        return new StoredObject(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                checksumAlgorithm, checksum, versionId, latest, deleteMarker, tags, newAcl, parts, checksumType);
    }

    public StoredObject withParts(List<ObjectPart> newParts, String newChecksumType) {
        return new StoredObject(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                checksumAlgorithm, checksum, versionId, latest, deleteMarker, tags, acl, newParts, newChecksumType);
    }

    public StoredObject withChecksum(String algorithm, String value, String type) {
        return new StoredObject(bucketId, key, blobId, size, etag, lastModified, contentType, headers, userMetadata,
                algorithm, value, versionId, latest, deleteMarker, tags, acl, parts, type);
    }

    /** A delete marker for {@code key}: no bytes, no blob, the latest version. */
    public static StoredObject deleteMarker(long bucketId, String key, String versionId, Instant at) {
        return new StoredObject(bucketId, key, null, 0, "", at, null, Map.of(), Map.of(), null, null, versionId, true,
                true, Map.of(), null, List.of(), null);
    }
}
