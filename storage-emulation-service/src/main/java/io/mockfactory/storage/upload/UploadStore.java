package io.mockfactory.storage.upload;

import io.mockfactory.events.EventIds;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.blob.BoundedInputStream;
import io.mockfactory.storage.quota.StorageQuota;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stores an upload: the quota asked before the body is read, the bytes streamed into the upload's own namespace
 * (counted and hashed on the way), their format read from the stored head, then the row written with the quota
 * checked again under the user's lock. Whatever fails after the namespace exists deletes it: nothing is left of a
 * refused or broken upload. (A crash in between leaves a namespace no row owns, which the reconciler deletes.)
 */
@Singleton
public class UploadStore {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);

    private final BlobStore blobs;
    private final Transactions transactions;
    private final SeedUploads uploads;
    private final StorageQuota quota;

    public UploadStore(BlobStore blobs, Transactions transactions, SeedUploads uploads, StorageQuota quota) {
        this.blobs = blobs;
        this.transactions = transactions;
        this.uploads = uploads;
        this.quota = quota;
    }

    /**
     * @return the upload, and whether this call stored it (false: a concurrent retry with the same id did first, whose
     *         upload it is, and this one's bytes are deleted)
     */
    public Stored store(String id, String userId, String name, long length, InputStream body) throws Exception {
        Optional<String> refused = quota.precheckUpload(userId, length);
        if (refused.isPresent()) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, refused.get());
        }
        // This attempt's own namespace: a retry's failure, or the janitor of a deleted upload of the same id, never
        // deletes another attempt's bytes
        String namespace = id + "_" + EventIds.newId("a").substring(2, 14);
        blobs.createNamespace(namespace);
        boolean kept = false;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // One byte past the declared length is read, so that a body longer than it is noticed
            BlobStore.StoredBlob blob = blobs.put(namespace, new DigestInputStream(new BoundedInputStream(body, length + 1), sha256));
            if (blob.size() != length) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The upload declared " + length
                        + " bytes and " + (blob.size() > length ? "sent more" : "ended after " + blob.size()) + ".");
            }
            UploadFormat format = UploadFormat.of(head(namespace, blob)).orElseThrow(() -> new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "An upload is a tar, gzipped tar or zip file, or a Redis RDB"
                    + " file; this one is none of them."));
            SeedUpload upload = new SeedUpload(id, userId, name, format, length, HexFormat.of().formatHex(sha256.digest()),
                    namespace, blob.id(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            // The row that stands for this id: this attempt's, or that of a concurrent retry which committed first
            SeedUpload standing = transactions.inTransaction(tx -> {
                if (!uploads.insert(tx, upload)) {
                    return uploads.byId(tx, id).orElseThrow();
                }
                Optional<String> refusal = quota.refusalOfUpload(tx, userId, length);
                if (refusal.isPresent()) {
                    throw new ProblemException(ProblemType.QUOTA_EXCEEDED, refusal.get());
                }
                return upload;
            });
            if (standing != upload) {
                if (!standing.userId().equals(userId)) {
                    throw new ProblemException(ProblemType.CONFLICT, "This upload id is taken.");
                }
                return new Stored(standing, false);
            }
            kept = true;
            LOG.info("Upload {} stored: {} bytes of {}", id, length, format.wireName());
            return new Stored(upload, true);
        } finally {
            if (!kept) {
                discard(namespace);
            }
        }
    }

    public record Stored(SeedUpload upload, boolean created) {
    }

    private byte[] head(String namespace, BlobStore.StoredBlob blob) throws IOException {
        try (InputStream head = blobs.open(namespace, blob.id(), 0, Math.min(blob.size(), UploadFormat.HEAD_BYTES))) {
            return head.readAllBytes();
        }
    }

    private void discard(String namespace) {
        try {
            blobs.deleteNamespace(namespace);
        } catch (IOException e) {
            LOG.warn("Could not delete the bytes of refused upload {} (the reconciler will): {}", namespace, e.toString());
        }
    }
}
