package io.mockfactory.storage.upload;

import io.mockfactory.events.seed.ServiceSeed.ObjectsSeed;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.blob.BoundedInputStream;
import io.mockfactory.storage.control.S3ServiceHandler;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.Buckets;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.quota.StorageQuota;
import jakarta.inject.Singleton;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.io.input.CloseShieldInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An aws_s3 seed from an upload: each regular file of the archive becomes an object of a new bucket, keyed by its
 * path in the archive (a leading {@code ./} dropped; directories, links and devices skipped), inside the create
 * command's transaction. What the archive unpacks to is bounded as it streams by what the user's quota has left, so
 * a small archive that inflates to far more (a zip bomb) stops there instead of filling the disk.
 */
@Singleton
public class UploadedObjects {
    public static final int MAX_OBJECTS = 100_000;
    private static final int MAX_KEY_BYTES = 1024;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final BlobStore blobs;
    private final SeedUploads uploads;
    private final Buckets buckets;
    private final ObjectWrites writes;
    private final StorageQuota quota;

    public UploadedObjects(BlobStore blobs, SeedUploads uploads, Buckets buckets, ObjectWrites writes, StorageQuota quota) {
        this.blobs = blobs;
        this.uploads = uploads;
        this.buckets = buckets;
        this.writes = writes;
        this.quota = quota;
    }

    /** @return why the seed cannot be applied (the caller rolls back what was written), or empty */
    public Optional<String> unpack(Connection tx, String userId, String environmentId, String region, ObjectsSeed seed)
            throws Exception {
        Optional<SeedUpload> upload = uploads.owned(tx, seed.upload(), userId);
        if (upload.isEmpty()) {
            return Optional.of("seed: " + seed.upload() + " is not one of your uploads");
        }
        if (!upload.get().format().isArchive()) {
            return Optional.of("seed: " + seed.upload() + " is an RDB file, not a tar, gzipped tar or zip of files");
        }
        if (!buckets.create(tx, environmentId, seed.bucket(), region)) {
            return Optional.of("seed: the bucket " + seed.bucket() + " is there already");
        }
        Bucket bucket = buckets.find(tx, environmentId, seed.bucket()).orElseThrow();
        String namespace = S3ServiceHandler.namespace(environmentId);
        List<String> written = new ArrayList<>();
        Optional<String> refused;
        try {
            refused = unpack(tx, upload.get(), bucket, namespace, quota.left(tx, userId), written);
        } catch (Exception e) {
            discard(namespace, written);
            throw e;
        }
        if (refused.isPresent()) {
            // Their rows go with the savepoint the caller rolls back to; the bytes go now, not with the environment
            discard(namespace, written);
        }
        return refused;
    }

    private Optional<String> unpack(Connection tx, SeedUpload upload, Bucket bucket, String namespace, long left,
                                    List<String> written) throws Exception {
        InputStream bytes;
        try {
            bytes = blobs.open(upload.namespace(), upload.blobId(), 0, upload.size());
        } catch (IOException unreadable) {
            return Optional.of("seed: the bytes of " + upload.id() + " could not be read; upload it again");
        }
        Set<String> keys = new HashSet<>();
        try (bytes; ArchiveInputStream<? extends ArchiveEntry> archive = upload.format().entries(bytes)) {
            for (ArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                if (entry.isDirectory() || !isRegularFile(entry)) {
                    continue;
                }
                Optional<String> key = key(entry.getName());
                if (key.isEmpty()) {
                    return Optional.of("seed: " + upload.id() + " has a file named " + printable(entry.getName())
                            + ", which is not a relative path of at most " + MAX_KEY_BYTES + " bytes without '..'");
                }
                if (!keys.add(key.get())) {
                    return Optional.of("seed: " + upload.id() + " holds " + key.get() + " twice");
                }
                if (keys.size() > MAX_OBJECTS) {
                    return Optional.of("seed: " + upload.id() + " holds more than " + MAX_OBJECTS + " files");
                }
                MessageDigest md5 = md5();
                BlobStore.StoredBlob blob = blobs.put(namespace, new DigestInputStream(
                        new BoundedInputStream(CloseShieldInputStream.wrap(archive), left + 1), md5));
                written.add(blob.id());
                left -= blob.size();
                if (left < 0) {
                    return Optional.of("seed: " + upload.id() + " unpacks to more than your tier's storage quota has"
                            + " left; delete objects, uploads or snapshots, or upgrade");
                }
                writes.put(tx, bucket, new StoredObject(bucket.id(), key.get(), blob.id(), blob.size(),
                        HexFormat.of().formatHex(md5.digest()), Instant.now(), contentType(key.get()), Map.of(), Map.of(),
                        null, null), namespace);
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // commons-compress reports a broken archive as either (its messages name no path of this service)
            return Optional.of("seed: " + upload.id() + " is not a readable " + upload.format().wireName()
                    + " file: " + printable(String.valueOf(unreadable.getMessage())));
        }
        return Optional.empty();
    }

    private void discard(String namespace, List<String> blobIds) {
        for (String blobId : blobIds) {
            try {
                blobs.delete(namespace, blobId);
            } catch (IOException e) {
                // the environment's namespace goes as a whole when it is destroyed, as a failed seed's is at once
            }
        }
    }

    /**
     * Tar's links, devices and FIFOs carry no bytes of their own (and its isFile() is true of all but directories);
     * zip entries are all files or directories.
     */
    private static boolean isRegularFile(ArchiveEntry entry) {
        return !(entry instanceof TarArchiveEntry tar) || (tar.isFile() && !tar.isSymbolicLink() && !tar.isLink()
                && !tar.isCharacterDevice() && !tar.isBlockDevice() && !tar.isFIFO());
    }

    /** The object key for an entry's path, or empty when the path is absolute, climbs ({@code ..}) or is too long. */
    static Optional<String> key(String path) {
        String key = path;
        while (key.startsWith("./")) {
            key = key.substring(2);
        }
        if (key.isEmpty() || key.startsWith("/") || key.indexOf('\0') >= 0 || key.indexOf('\\') >= 0
                || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return Optional.empty();
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }

    private static String contentType(String key) {
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(key);
        return guessed == null ? DEFAULT_TYPE : guessed;
    }

    /** A name from the archive as a message may carry it: control characters shown as '?', at most 200 of them. */
    private static String printable(String name) {
        String shown = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }

    private static MessageDigest md5() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("MD5");
    }
}
