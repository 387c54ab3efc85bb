package io.mockfactory.client.upload;

import io.mockfactory.client.error.NotFoundException;
import io.mockfactory.client.http.AllPages;
import io.mockfactory.client.http.ApiTransport;
import io.mockfactory.client.http.ApiTransport.Repeatable;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's uploads: tar, gzipped tar or zip files sent once and unpacked into the buckets of as many new
 * environments as wanted ({@code EnvironmentSpec.seedObjects}), or Redis RDB files loaded into new Redis services
 * ({@code EnvironmentSpec.seedRdb}).
 */
public final class Uploads {
    private static final String PATH = "/api/v1/uploads";

    private final ApiTransport transport;

    public Uploads(ApiTransport transport) {
        this.transport = transport;
    }

    /** As {@link #create(Path, String)}, named after the file. */
    public Upload create(Path file) {
        return create(file, file.getFileName().toString());
    }

    /**
     * Uploads {@code file} as it is. A generated Idempotency-Key makes the retries after a lost connection one upload.
     *
     * @param name a label for listings, or null
     * @throws io.mockfactory.client.error.QuotaExceededException when the storage quota has no room for it
     * @throws io.mockfactory.client.error.MockFactoryException with status 415 for a file that is no tar, gzipped
     *         tar or zip or RDB file, 413 past the deployment's upload cap
     */
    public Upload create(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString(), null, "not a readable file to upload"));
        }
        String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return Upload.from(transport.send("POST", PATH + query, file, Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                Repeatable.YES));
    }

    /** @throws NotFoundException for an upload the caller does not have */
    public Upload get(String id) {
        return Upload.from(transport.get(upload(id)));
    }

    /** One page, newest first; {@code cursor} null for the first. */
    public UploadPage page(int limit, String cursor) {
        return AllPages.read(transport, PATH, limit, cursor, Upload::from, UploadPage::new);
    }

    /** Every upload of the caller, newest first, fetching pages of 100 as the iteration reaches them. */
    public Iterable<Upload> all() {
        return AllPages.of(cursor -> page(100, cursor));
    }

    /**
     * Deletes the upload; environments seeded from it keep their objects.
     *
     * @throws NotFoundException for an upload the caller does not have, or one already deleted
     */
    public void delete(String id) {
        transport.send("DELETE", upload(id), null, Map.of(), Repeatable.YES);
    }

    private static String upload(String id) {
        return PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
