package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.blob.BlobStore.StoredBlob;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.access.NewAcls;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;
import io.mockfactory.storage.s3.payload.ChecksummedStream;
import io.mockfactory.storage.s3.payload.IncomingPayload;
import jakarta.inject.Singleton;

import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** PutObject, GetObject, HeadObject, CopyObject: each on the latest version or the one {@code versionId} names. */
@Singleton
public class ObjectOperations {
    private final S3Context context;
    private final ObjectRows objects;
    private final ObjectWrites writes;
    private final NewAcls acls;

    public ObjectOperations(S3Context context, ObjectRows objects, ObjectWrites writes, NewAcls acls) {
        this.context = context;
        this.objects = objects;
        this.writes = writes;
        this.acls = acls;
    }

    public S3Response put(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        requireLength(request);
        Map<String, String> tags = TagSets.fromHeader(request.header("x-amz-tagging"));
        long bucketId = context.bucketId(auth.environmentId(), request.bucket());
        String acl = acls.forObject(request::header, auth.environmentId(), request.bucket());
        IncomingPayload payload = IncomingPayload.open(request, auth);
        // Refused before a byte is read when the declared size alone is over the quota; checked again when stored
        context.quota().precheck(auth.environmentId(), payload.declaredLength());
        String namespace = S3Context.namespace(auth.environmentId());
        StoredBlob blob = context.blobs().put(namespace, payload);
        IncomingPayload.Received received;
        try {
            received = payload.verify();
        } catch (RuntimeException e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        String algorithm = received.checksumAlgorithm() == null ? null : received.checksumAlgorithm().name();
        StoredObject object = new StoredObject(bucketId, key, blob.id(), received.size(), received.md5Hex(), Instant.now(),
                ObjectHeaders.contentType(request), ObjectHeaders.stored(request), ObjectHeaders.userMetadata(request),
                algorithm, received.checksum()).withTags(tags).withAcl(acl);
        Committed committed = commit(request, auth, object);
        S3Response response = S3Response.ok().header("ETag", ObjectHeaders.quoted(received.md5Hex()));
        if (received.checksumAlgorithm() != null) {
            response.header(received.checksumAlgorithm().headerName(), received.checksum())
                    .header(ChecksumType.HEADER, object.checksumType());
        }
        return VersionIds.describe(response, committed.bucket(), committed.versionId());
    }

    /** The bucket as the committing transaction saw it (its versioning) and the version the write made. */
    public record Committed(Bucket bucket, String versionId) {
    }

    /**
     * Makes {@code object} the latest version of its key (if the write's conditions hold), as the bucket's versioning
     * says, and dooms what it replaces. On failure the new blob is discarded. An unconditional write that grows
     * nothing is three round trips: the key's lock with the bucket, the write with its doom, the commit.
     */
    public Committed commit(S3Request request, Authenticated auth, StoredObject object) throws Exception {
        try {
            Optional<Committed> committed = tryCommit(request, auth, object);
            if (committed.isPresent()) {
                return committed.get();
            }
            // The bucket of the id this instance had cached is gone; if one of its name was made since, write there
            Long current = context.transactions().read(tx -> context.bucketIdNow(tx, auth.environmentId(), request.bucket())
                    .filter(id -> id != object.bucketId()).orElseThrow(() -> noSuchBucket(request)));
            return tryCommit(request, auth, object.inBucket(current)).orElseThrow(() -> noSuchBucket(request));
        } catch (Exception e) {
            context.discard(auth.environmentId(), object.blobId());
            throw e;
        }
    }

    /** @return empty if the object's bucket no longer exists */
    private Optional<Committed> tryCommit(S3Request request, Authenticated auth, StoredObject object) throws Exception {
        String namespace = S3Context.namespace(auth.environmentId());
        return context.transactions().inTransaction(tx -> {
            // First: the key's writers take turns, and the bucket's versioning is read as it stands for this write
            Optional<Bucket> found = ObjectWrites.lockKeyAndReadBucket(tx, object.bucketId(), object.key());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Bucket bucket = found.get();
            if (Preconditions.isConditionalWrite(request)) {
                Preconditions.checkWrite(request, objects.findForUpdate(tx, object.bucketId(), object.key()).orElse(null));
            }
            ObjectWrites.Written written = writes.put(tx, bucket, object, namespace);
            context.quota().require(tx, auth.environmentId(), object.size() - written.freed());
            return Optional.of(new Committed(bucket, written.versionId()));
        });
    }

    private static S3Exception noSuchBucket(S3Request request) {
        return S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket());
    }

    public S3Response get(S3Request request, Authenticated auth, boolean head) throws Exception {
        ObjectReads.Located located = ObjectReads.located(context, objects, auth, request);
        StoredObject object = located.object();
        String key = object.key();
        Preconditions.checkRead(request, object);
        // ?partNumber= reads one part as a range of the whole object (PartReads); a zero-length one has no range to name
        Optional<PartReads.Part> part = PartReads.requested(request, object);
        Optional<ByteRange> range = part.isPresent()
                ? part.filter(p -> p.length() > 0).map(PartReads.Part::range)
                : ByteRange.parse(request.header("Range"), object.size());
        S3Response response = range.isPresent()
                ? S3Response.status(206).header("Content-Range", range.get().contentRange(object.size()))
                : S3Response.ok();
        ObjectHeaders.describe(response, object, request);
        VersionIds.describe(response, located.bucket(), object.versionId());
        if (!object.tags().isEmpty()) {
            response.header("x-amz-tagging-count", object.tags().size());
        }
        part.ifPresent(p -> response.header("x-amz-mp-parts-count", p.partsCount()));
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(part.isPresent() ? 0L : object.size());
        PartReads.checksumHeaders(response, object, request, length, part);
        if (head) {
            return response.header("Content-Length", length);
        }
        String namespace = S3Context.namespace(auth.environmentId());
        Optional<java.nio.file.Path> file = context.blobs().localFile(namespace, object.blobId());
        if (file.isPresent()) {
            return response.file(file.get(), first, length);
        }
        try {
            InputStream content = context.blobs().open(namespace, object.blobId(), first, length);
            return response.stream(content, length);
        } catch (NoSuchFileException e) {
            // Replaced and cleaned up between reading the metadata and opening the bytes
            throw noSuchKey(key);
        }
    }

    public S3Response copy(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        String directive = directive(request, "x-amz-metadata-directive");
        String taggingDirective = directive(request, "x-amz-tagging-directive");
        Map<String, String> newTags = TagSets.fromHeader(request.header("x-amz-tagging"));
        String acl = acls.forObject(request::header, auth.environmentId(), request.bucket());
        Bucket target;
        Source original;
        try (Connection connection = context.connection()) {
            target = context.bucket(connection, auth.environmentId(), request.bucket());
            original = source(connection, auth, source);
            if (original.bucket().id() == target.id() && source.key().equals(key) && directive.equals("COPY")
                    && source.versionId() == null) {
                throw S3Error.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object to"
                        + " itself without changing the object's metadata, storage class, website redirect location or"
                        + " encryption attributes.");
            }
        }
        StoredObject from = original.object();
        Preconditions.checkCopySource(request, from);
        // A copy is a new single object: its checksum (the source's algorithm unless the request names one) is taken
        // of the copied bytes, FULL_OBJECT, as S3 does, never the source's composite value
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(request.header("x-amz-checksum-algorithm"))
                .or(() -> ChecksumAlgorithm.fromName(from.checksumAlgorithm())).orElse(null);
        Copied copied = copyBlob(auth, from, 0, from.size(), algorithm);
        boolean replace = directive.equals("REPLACE");
        StoredObject object = new StoredObject(target.id(), key, copied.blob().id(), copied.blob().size(), copied.md5Hex(),
                Instant.now(),
                replace ? ObjectHeaders.contentType(request) : from.contentType(),
                replace ? ObjectHeaders.stored(request) : from.headers(),
                replace ? ObjectHeaders.userMetadata(request) : from.userMetadata(),
                algorithm == null ? null : algorithm.name(), copied.checksum())
                .withTags(taggingDirective.equals("REPLACE") ? newTags : from.tags()).withAcl(acl);
        Committed committed = commit(request, auth, object);
        Xml result = Xml.document("CopyObjectResult")
                .element("LastModified", Xml.timestamp(object.lastModified()))
                .element("ETag", ObjectHeaders.quoted(object.etag()));
        if (algorithm != null) {
            result.element(algorithm.elementName(), copied.checksum()).element("ChecksumType", object.checksumType());
        }
        String document = result.end("CopyObjectResult");
        S3Response response = S3Response.xml(document);
        if (original.bucket().versioningEverEnabled()) {
            response.header("x-amz-copy-source-version-id", from.versionId());
        }
        return VersionIds.describe(response, committed.bucket(), committed.versionId());
    }

    /** A copy's source object: the latest version, or the one {@code ?versionId=} names (never a delete marker). */
    record Source(Bucket bucket, StoredObject object) {
    }

    Source source(Connection connection, Authenticated auth, CopySource source) throws Exception {
        Bucket bucket = context.bucket(connection, auth.environmentId(), source.bucket());
        String versionId = VersionIds.requested(source.versionId());
        StoredObject object = objects.find(connection, bucket.id(), source.key(), versionId)
                .orElseThrow(() -> versionId == null ? noSuchKey(source.key()) : noSuchVersion(source.key(), versionId));
        if (object.deleteMarker()) {
            if (versionId != null) {
                throw S3Error.INVALID_REQUEST.exception(
                        "The source of a copy request may not specifically refer to a delete marker by version id.");
            }
            throw noSuchKey(source.key());
        }
        return new Source(bucket, object);
    }

    private static String directive(S3Request request, String header) {
        String value = request.header(header) == null ? "COPY" : request.header(header).strip().toUpperCase(java.util.Locale.ROOT);
        if (!value.equals("COPY") && !value.equals("REPLACE")) {
            throw S3Error.INVALID_ARGUMENT.exception("Unknown " + (header.contains("tagging") ? "tagging" : "metadata")
                    + " directive.").with("ArgumentName", header);
        }
        return value;
    }

    /**
     * Streams a range of an object into a new blob of the same environment, computing its MD5 on the way, and the
     * {@code checksum} algorithm's value when one is given.
     */
    Copied copyBlob(Authenticated auth, StoredObject original, long first, long length, ChecksumAlgorithm checksum)
            throws Exception {
        String namespace = S3Context.namespace(auth.environmentId());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream digested = new DigestInputStream(context.blobs().open(namespace, original.blobId(), first, length), md5);
             ChecksummedStream checksummed = checksum == null ? null : new ChecksummedStream(digested, checksum)) {
            StoredBlob blob = context.blobs().put(namespace, checksummed == null ? digested : checksummed);
            return new Copied(blob, HexFormat.of().formatHex(md5.digest()), checksummed == null ? null : checksummed.base64());
        } catch (NoSuchFileException e) {
            throw noSuchKey(original.key());
        }
    }

    /** @param checksum the copy's checksum in the algorithm asked for, null when none was */
    record Copied(StoredBlob blob, String md5Hex, String checksum) {
    }

    /** {@code x-amz-copy-source: /bucket/key?versionId=…}, URL-encoded. */
    public record CopySource(String bucket, String key, String versionId) {
        public static CopySource parse(String header) {
            if (header == null || header.isBlank()) {
                throw S3Error.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
            }
            String raw = header.strip();
            int query = raw.indexOf('?');
            String versionId = null;
            if (query >= 0) {
                String parameters = raw.substring(query + 1);
                raw = raw.substring(0, query);
                if (parameters.startsWith("versionId=")) {
                    versionId = UriEncoding.decode(parameters.substring("versionId=".length()), true);
                }
            }
            String decoded = UriEncoding.decode(raw, false);
            if (decoded.startsWith("/")) {
                decoded = decoded.substring(1);
            }
            int slash = decoded.indexOf('/');
            // A NUL (from %00) names no bucket or key, and PostgreSQL could not even look for it
            if (slash <= 0 || slash == decoded.length() - 1 || decoded.indexOf('\0') >= 0) {
                throw S3Error.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }

    private static void requireLength(S3Request request) {
        if (request.header("Content-Length") == null && request.header("Transfer-Encoding") == null) {
            throw S3Error.MISSING_CONTENT_LENGTH.exception();
        }
    }

    static io.mockfactory.storage.s3.S3Exception noSuchKey(String key) {
        return S3Error.NO_SUCH_KEY.exception().with("Key", key);
    }

    static io.mockfactory.storage.s3.S3Exception noSuchVersion(String key, String versionId) {
        return S3Error.NO_SUCH_VERSION.exception().with("Key", key).with("VersionId", versionId);
    }
}
