package io.mockfactory.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where object bytes live. A blob is opaque and immutable: written once under an id the store chooses, read, deleted.
 * Object keys never reach the store (they live in the metadata tables), so no key can name a path outside it.
 * A namespace holds one environment's blobs and is deleted as a whole when the environment is destroyed.
 */
public interface BlobStore {

    void createNamespace(String namespace) throws IOException;

    /** Streams {@code content} into a new blob; nothing is visible under the returned id unless it was all written. */
    StoredBlob put(String namespace, InputStream content) throws IOException;

    /** @return {@code length} bytes from {@code offset}; the caller closes the stream */
    InputStream open(String namespace, String blobId, long offset, long length) throws IOException;

    /** A blob as a local file, when the store keeps it as one: then it can be sent with zero-copy file transfer. */
    default Optional<Path> localFile(String namespace, String blobId) {
        return Optional.empty();
    }

    /**
     * Makes a blob of {@code fromNamespace} also one of {@code toNamespace} (snapshots and their restores), under the
     * id returned; each namespace's blob is then deleted on its own. This default copies the bytes under a new id; a
     * store that can share them overrides it.
     */
    default String duplicate(String fromNamespace, String blobId, long size, String toNamespace) throws IOException {
        try (InputStream content = open(fromNamespace, blobId, 0, size)) {
            return put(toNamespace, content).id();
        }
    }

    /** Idempotent: a blob that is already gone is not an error. */
    void delete(String namespace, String blobId) throws IOException;

    /** Idempotent: removes every blob of the namespace. */
    void deleteNamespace(String namespace) throws IOException;

    record StoredBlob(String id, long size) {
    }
}
