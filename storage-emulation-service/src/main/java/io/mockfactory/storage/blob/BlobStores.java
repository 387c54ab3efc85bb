package io.mockfactory.storage.blob;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;

/** Picks the blob store the configuration names ({@code mockfactory.blob-store.type}). */
@Factory
public class BlobStores {

    @Singleton
    BlobStore blobStore(@Value("${mockfactory.blob-store.type:filesystem}") String type,
                        @Value("${mockfactory.blob-store.filesystem.root:/tmp/mockfactory/blobs}") String root)
            throws IOException {
        return switch (type) {
            case "filesystem" -> new FilesystemBlobStore(Path.of(root));
            default -> throw new IllegalStateException("Unknown blob store type '" + type + "' (supported: filesystem)");
        };
    }
}
