package io.mockfactory.storage.snapshot;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.storage.StorageSnapshotOperations;
import io.mockfactory.internal.storage.StorageSnapshotPart;
import io.mockfactory.internal.storage.StorageSnapshotRequest;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.storage.meta.DoomedBlobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.NoSuchFileException;
import java.util.Optional;

/** The provisioner's calls for the aws_s3 part of a snapshot (internal token only, as every /internal route). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class S3SnapshotController implements StorageSnapshotOperations {
    private static final Logger LOG = LoggerFactory.getLogger(S3SnapshotController.class);
    /** Copies cut short because an object deleted meanwhile lost its blob before the link (see {@link #take}). */
    private static final int ATTEMPTS = 3;

    private final Transactions transactions;
    private final S3SnapshotParts parts;
    private final S3Restores restores;
    private final DoomedBlobs doomedBlobs;

    public S3SnapshotController(Transactions transactions, S3SnapshotParts parts, S3Restores restores,
                                DoomedBlobs doomedBlobs) {
        this.transactions = transactions;
        this.parts = parts;
        this.restores = restores;
        this.doomedBlobs = doomedBlobs;
    }

    /**
     * The janitor holds back the blobs doomed while the copy is made (an object deleted after its instant keeps its
     * blob until it is linked); should one still be gone (a transaction older than the hold's margin), the copy is
     * taken again, at a later instant.
     */
    @Override
    public StorageSnapshotPart take(String snapshotId, StorageSnapshotRequest request) throws Exception {
        requireSnapshotId(snapshotId);
        Optional<StorageSnapshotPart> part = Optional.empty();
        for (int attempt = 1; part.isEmpty(); attempt++) {
            try (DoomedBlobs.Hold held = doomedBlobs.hold()) {
                Optional<StorageSnapshotPart> taken = transactions.inTransaction(tx ->
                        parts.take(tx, snapshotId, request.environmentId(), request.userId()));
                if (taken.isEmpty()) {
                    return null;
                }
                part = taken;
            } catch (NoSuchFileException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
        LOG.info("S3 part of snapshot {} of {}: {} buckets, {} object versions, {} bytes", snapshotId,
                request.environmentId(), part.get().buckets(), part.get().objects(), part.get().sizeBytes());
        // After the hold: the restores' links need none, and the janitor goes on meanwhile
        restores.partTaken(snapshotId);
        return part.get();
    }

    @Override
    @Status(HttpStatus.NO_CONTENT)
    public void delete(String snapshotId) throws Exception {
        requireSnapshotId(snapshotId);
        transactions.inTransaction(tx -> {
            restores.failWaitingFor(tx, snapshotId);
            if (parts.delete(tx, snapshotId)) {
                LOG.info("S3 part of snapshot {} deleted", snapshotId);
            }
            return null;
        });
    }

    /** It names a blob namespace: anything but a snapshot id is refused before it gets near one. */
    private static void requireSnapshotId(String snapshotId) {
        if (!EventIds.isWellFormed("snap", snapshotId)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Not a snapshot id");
        }
    }
}
