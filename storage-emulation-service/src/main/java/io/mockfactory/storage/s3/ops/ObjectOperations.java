package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.blob.BlobStore.StoredBlob;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.IncomingPayload;
import jakarta.inject.Singleton;
import org.w3c.dom.Element;

import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject. */
@Singleton
public class ObjectOperations {
    private static final int MAX_DELETE_KEYS = 1000;

    private final S3Context context;
    private final ObjectRows objects;

    public ObjectOperations(S3Context context, ObjectRows objects) {
        this.context = context;
        this.objects = objects;
    }

    public S3Response put(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        requireLength(request);
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
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
        StoredObject object = new StoredObject(bucket.id(), key, blob.id(), received.size(), received.md5Hex(), Instant.now(),
                ObjectHeaders.contentType(request), ObjectHeaders.stored(request), ObjectHeaders.userMetadata(request),
                algorithm, received.checksum());
        commit(request, auth, object);
        S3Response response = S3Response.ok().header("ETag", ObjectHeaders.quoted(received.md5Hex()));
        if (received.checksumAlgorithm() != null) {
            response.header(received.checksumAlgorithm().headerName(), received.checksum());
        }
        return response;
    }

    /** Makes {@code object} the current version (if the write's conditions hold) and dooms what it replaces. */
    public void commit(S3Request request, Authenticated auth, StoredObject object) throws Exception {
        try {
            context.transactions().inTransaction(tx -> {
                if (Preconditions.isConditionalWrite(request)) {
                    Preconditions.checkWrite(request, objects.findForUpdate(tx, object.bucketId(), object.key()).orElse(null));
                }
                long freeing = objects.findForUpdate(tx, object.bucketId(), object.key()).map(StoredObject::size).orElse(0L);
                context.quota().require(tx, auth.environmentId(), object.size(), freeing);
                Optional<String> replaced = objects.put(tx, object);
                context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), replaced.stream().toList());
                return null;
            });
        } catch (Exception e) {
            context.discard(auth.environmentId(), object.blobId());
            throw e;
        }
    }

    public S3Response get(S3Request request, Authenticated auth, boolean head) throws Exception {
        String key = ObjectKeys.checked(request.key());
        StoredObject object;
        try (Connection connection = context.connection()) {
            object = objects.findInBucket(connection, auth.environmentId(), request.bucket(), key)
                    .orElseThrow(() -> S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket()))
                    .object().orElseThrow(() -> noSuchKey(key));
        }
        Preconditions.checkRead(request, object);
        Optional<ByteRange> range = ByteRange.parse(request.header("Range"), object.size());
        S3Response response = range.isPresent()
                ? S3Response.status(206).header("Content-Range", range.get().contentRange(object.size()))
                : S3Response.ok();
        ObjectHeaders.describe(response, object, request);
        if (range.isEmpty() && object.checksum() != null && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
            ChecksumAlgorithm.fromName(object.checksumAlgorithm())
                    .ifPresent(algorithm -> response.header(algorithm.headerName(), object.checksum()));
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(object.size());
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

    public S3Response delete(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            deleteOne(tx, auth, bucket, key);
            return null;
        });
        return S3Response.noContent();
    }

    private void deleteOne(Connection tx, Authenticated auth, Bucket bucket, String key) throws Exception {
        Optional<String> blob = objects.delete(tx, bucket.id(), key);
        context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), blob.stream().toList());
    }

    public S3Response deleteMany(S3Request request, Authenticated auth) throws Exception {
        Element root = Xml.parse(Bodies.read(request, auth));
        if (!"Delete".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(Xml.childText(root, "Quiet")).strip());
        List<String> keys = new ArrayList<>();
        for (Element entry : Xml.children(root, "Object")) {
            String key = Xml.childText(entry, "Key");
            if (key == null) {
                throw S3Error.MALFORMED_XML.exception();
            }
            keys.add(key);
        }
        if (keys.isEmpty() || keys.size() > MAX_DELETE_KEYS) {
            throw S3Error.MALFORMED_XML.exception("A delete request names between 1 and 1000 keys.");
        }
        List<String[]> errors = new ArrayList<>();
        context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            for (String key : keys) {
                try {
                    deleteOne(tx, auth, bucket, ObjectKeys.checked(key));
                } catch (io.mockfactory.storage.s3.S3Exception e) {
                    errors.add(new String[]{key, e.error().code(), e.getMessage()});
                }
            }
            return null;
        });
        Xml xml = Xml.document("DeleteResult");
        for (String key : keys) {
            boolean failed = errors.stream().anyMatch(error -> error[0].equals(key));
            if (!quiet && !failed) {
                xml.open("Deleted").element("Key", key).close("Deleted");
            }
        }
        for (String[] error : errors) {
            xml.open("Error").element("Key", error[0]).element("Code", error[1]).element("Message", error[2]).close("Error");
        }
        return S3Response.xml(xml.end("DeleteResult"));
    }

    public S3Response copy(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        String directive = request.header("x-amz-metadata-directive") == null ? "COPY"
                : request.header("x-amz-metadata-directive").strip().toUpperCase(java.util.Locale.ROOT);
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Error.INVALID_ARGUMENT.exception("Unknown metadata directive.").with("ArgumentName", "x-amz-metadata-directive");
        }
        Bucket target;
        StoredObject original;
        try (Connection connection = context.connection()) {
            target = context.bucket(connection, auth.environmentId(), request.bucket());
            Bucket sourceBucket = context.bucket(connection, auth.environmentId(), source.bucket());
            original = objects.find(connection, sourceBucket.id(), source.key()).orElseThrow(() -> noSuchKey(source.key()));
            if (sourceBucket.id() == target.id() && source.key().equals(key) && directive.equals("COPY")) {
                throw S3Error.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object to"
                        + " itself without changing the object's metadata, storage class, website redirect location or"
                        + " encryption attributes.");
            }
        }
        Preconditions.checkCopySource(request, original);
        Copied copied = copyBlob(auth, original, 0, original.size());
        boolean replace = directive.equals("REPLACE");
        StoredObject object = new StoredObject(target.id(), key, copied.blob().id(), copied.blob().size(), copied.md5Hex(),
                Instant.now(),
                replace ? ObjectHeaders.contentType(request) : original.contentType(),
                replace ? ObjectHeaders.stored(request) : original.headers(),
                replace ? ObjectHeaders.userMetadata(request) : original.userMetadata(),
                original.checksumAlgorithm(), original.checksum());
        commit(request, auth, object);
        String document = Xml.document("CopyObjectResult")
                .element("LastModified", Xml.timestamp(object.lastModified()))
                .element("ETag", ObjectHeaders.quoted(object.etag()))
                .end("CopyObjectResult");
        return S3Response.xml(document);
    }

    /** Streams a range of an object into a new blob of the same environment, computing its MD5 on the way. */
    Copied copyBlob(Authenticated auth, StoredObject original, long first, long length) throws Exception {
        String namespace = S3Context.namespace(auth.environmentId());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = new DigestInputStream(context.blobs().open(namespace, original.blobId(), first, length), md5)) {
            StoredBlob blob = context.blobs().put(namespace, in);
            return new Copied(blob, HexFormat.of().formatHex(md5.digest()));
        } catch (NoSuchFileException e) {
            throw noSuchKey(original.key());
        }
    }

    record Copied(StoredBlob blob, String md5Hex) {
    }

    /** {@code x-amz-copy-source: /bucket/key?versionId=…}, URL-encoded. */
    record CopySource(String bucket, String key) {
        static CopySource parse(String header) {
            if (header == null || header.isBlank()) {
                throw S3Error.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
            }
            String raw = header.strip();
            int query = raw.indexOf('?');
            if (query >= 0) {
                raw = raw.substring(0, query);
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
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1));
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
}
