package io.mockfactory.storage.blob;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.blob.oci.OciBlobStores;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;

/** Picks the blob store the configuration names ({@code mockfactory.blob-store.type}). */
@Factory
public class BlobStores {

    @Singleton
    BlobStore blobStore(@Value("${mockfactory.blob-store.type:filesystem}") String type,
                        @Value("${mockfactory.blob-store.filesystem.root:/tmp/mockfactory/blobs}") String root,
                        @Value("${mockfactory.blob-store.oci.config-file:/run/secrets/oci_config}") String ociConfigFile,
                        @Value("${mockfactory.blob-store.oci.profile:DEFAULT}") String ociProfile,
                        @Value("${mockfactory.blob-store.oci.endpoint:}") String ociEndpoint,
                        @Value("${mockfactory.blob-store.oci.namespace:}") String ociNamespace,
                        @Value("${mockfactory.blob-store.oci.compartment-id:}") String ociCompartment,
                        @Value("${mockfactory.blob-store.oci.bucket-prefix:mockfactory-}") String ociBucketPrefix,
                        MeterRegistry registry)
            throws IOException {
        return switch (type) {
            case "filesystem" -> new FilesystemBlobStore(Path.of(root));
            case "oci" -> OciBlobStores.create(ociConfigFile, ociProfile, ociEndpoint, ociNamespace, ociCompartment,
                    ociBucketPrefix, registry);
            default -> throw new IllegalStateException("Unknown blob store type '" + type + "' (supported: filesystem, oci)");
        };
    }
}
