package io.mockfactory.storage.blob;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.storage.meta.DoomedBlobs;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** Deletes the blobs (and namespaces) that committed transactions dropped; see {@link DoomedBlobs}. */
@Singleton
public class BlobJanitor {
    private static final Logger LOG = LoggerFactory.getLogger(BlobJanitor.class);

    private final DataSource dataSource;
    private final DoomedBlobs doomedBlobs;
    private final BlobStore store;

    public BlobJanitor(DataSource dataSource, DoomedBlobs doomedBlobs, BlobStore store) {
        this.dataSource = dataSource;
        this.doomedBlobs = doomedBlobs;
        this.store = store;
    }

    @Scheduled(fixedDelay = "${mockfactory.blob-store.janitor-interval:1s}", initialDelay = "1s")
    public synchronized void sweep() {
        try (Connection connection = dataSource.getConnection()) {
            List<DoomedBlobs.Doomed> batch;
            do {
                batch = doomedBlobs.next(connection, 500);
                List<Long> done = new ArrayList<>();
                for (DoomedBlobs.Doomed doomed : batch) {
                    if (doomed.wholeNamespace()) {
                        store.deleteNamespace(doomed.namespace());
                        LOG.info("Deleted the blobs of destroyed environment {}", doomed.namespace());
                    } else {
                        store.delete(doomed.namespace(), doomed.blobId());
                    }
                    done.add(doomed.id());
                }
                // One statement per batch: a crash before it only makes the next pass delete the same blobs again
                doomedBlobs.done(connection, done);
            } while (batch.size() == 500);
        } catch (Exception e) {
            LOG.warn("Blob clean-up pass failed; will retry: {}", e.toString());
        }
    }
}
