package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.blob.BlobStore.StoredBlob;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.MultipartUpload;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.meta.UploadPart;
import io.mockfactory.storage.meta.Uploads;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.access.NewAcls;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.IncomingPayload;
import jakarta.inject.Singleton;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. */
@Singleton
public class MultipartOperations {
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_PART_NUMBER = 10_000;
    private static final int MAX_LISTED = 1000;

    private final S3Context context;
    private final Uploads uploads;
    private final ObjectRows objects;
    private final ObjectWrites writes;
    private final NewAcls acls;
    private final ObjectOperations objectOperations;
    private final SecureRandom random = new SecureRandom();

    public MultipartOperations(S3Context context, Uploads uploads, ObjectRows objects, ObjectWrites writes,
                               ObjectOperations objectOperations, NewAcls acls) {
        this.writes = writes;
        this.acls = acls;
        this.context = context;
        this.uploads = uploads;
        this.objects = objects;
        this.objectOperations = objectOperations;
    }

    public S3Response create(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
        String algorithm = ChecksumAlgorithm.fromName(request.header("x-amz-checksum-algorithm")).map(Enum::name).orElse(null);
        byte[] id = new byte[24];
        random.nextBytes(id);
        String uploadId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        MultipartUpload upload = new MultipartUpload(uploadId, bucket.id(), key, Instant.now(), ObjectHeaders.contentType(request),
                ObjectHeaders.stored(request), ObjectHeaders.userMetadata(request), algorithm,
                TagSets.fromHeader(request.header("x-amz-tagging")),
                acls.forObject(request::header, auth.environmentId(), request.bucket()));
        context.transactions().inTransaction(tx -> {
            uploads.create(tx, upload);
            return null;
        });
        String document = Xml.document("InitiateMultipartUploadResult").element("Bucket", bucket.name())
                .element("Key", key).element("UploadId", uploadId).end("InitiateMultipartUploadResult");
        return S3Response.xml(document).header("x-amz-checksum-algorithm", algorithm);
    }

    public S3Response uploadPart(S3Request request, Authenticated auth) throws Exception {
        int partNumber = partNumber(request);
        MultipartUpload upload = upload(request, auth);
        IncomingPayload payload = IncomingPayload.open(request, auth);
        context.quota().precheck(auth.environmentId(), payload.declaredLength());
        StoredBlob blob = context.blobs().put(S3Context.namespace(auth.environmentId()), payload);
        IncomingPayload.Received received;
        try {
            received = payload.verify();
        } catch (RuntimeException e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        storePart(auth, upload, new UploadPart(partNumber, blob.id(), received.size(), received.md5Hex(), received.checksum(),
                Instant.now()));
        S3Response response = S3Response.ok().header("ETag", ObjectHeaders.quoted(received.md5Hex()));
        if (received.checksumAlgorithm() != null) {
            response.header(received.checksumAlgorithm().headerName(), received.checksum());
        }
        return response;
    }

    public S3Response uploadPartCopy(S3Request request, Authenticated auth) throws Exception {
        int partNumber = partNumber(request);
        MultipartUpload upload = upload(request, auth);
        ObjectOperations.CopySource source = ObjectOperations.CopySource.parse(request.header("x-amz-copy-source"));
        StoredObject original;
        try (Connection connection = context.connection()) {
            original = objectOperations.source(connection, auth, source).object();
        }
        Preconditions.checkCopySource(request, original);
        long first = 0;
        long length = original.size();
        String range = request.header("x-amz-copy-source-range");
        if (range != null) {
            ByteRange parsed = ByteRange.parse(range, original.size()).orElseThrow(() ->
                    S3Error.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last"));
            first = parsed.first();
            length = parsed.length();
        }
        ObjectOperations.Copied copied = objectOperations.copyBlob(auth, original, first, length);
        UploadPart part = new UploadPart(partNumber, copied.blob().id(), copied.blob().size(), copied.md5Hex(), null, Instant.now());
        storePart(auth, upload, part);
        String document = Xml.document("CopyPartResult").element("LastModified", Xml.timestamp(part.lastModified()))
                .element("ETag", ObjectHeaders.quoted(part.etag())).end("CopyPartResult");
        return S3Response.xml(document);
    }

    private void storePart(Authenticated auth, MultipartUpload upload, UploadPart part) throws Exception {
        try {
            context.transactions().inTransaction(tx -> {
                uploads.find(tx, upload.bucketId(), upload.key(), upload.uploadId(), true).orElseThrow(this::noSuchUpload);
                // A part counts against the quota from its upload; completing turns parts into an object, no more
                context.quota().require(tx, auth.environmentId(), part.size(), 0);
                context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()),
                        uploads.putPart(tx, upload.uploadId(), part).stream().toList());
                return null;
            });
        } catch (Exception e) {
            context.discard(auth.environmentId(), part.blobId());
            throw e;
        }
    }

    public S3Response complete(S3Request request, Authenticated auth) throws Exception {
        MultipartUpload upload = upload(request, auth);
        List<RequestedPart> requested = requestedParts(Bodies.read(request, auth));
        List<UploadPart> parts = chosenParts(upload, requested);
        String namespace = S3Context.namespace(auth.environmentId());
        MessageDigest etagDigest = MessageDigest.getInstance("MD5");
        long size = 0;
        for (UploadPart part : parts) {
            etagDigest.update(HexFormat.of().parseHex(part.etag()));
            size += part.size();
        }
        String etag = HexFormat.of().formatHex(etagDigest.digest()) + "-" + parts.size();
        StoredBlob blob = context.blobs().put(namespace, concatenation(context.blobs(), namespace, parts));
        if (blob.size() != size) {
            context.discard(auth.environmentId(), blob.id());
            throw S3Error.INTERNAL_ERROR.exception("The parts changed while the upload was being completed; retry.");
        }
        StoredObject object = new StoredObject(upload.bucketId(), upload.key(), blob.id(), size, etag, Instant.now(),
                upload.contentType(), upload.headers(), upload.userMetadata(), null, null)
                .withTags(upload.tags()).withAcl(upload.acl());
        ObjectOperations.Committed committed;
        try {
            committed = context.transactions().inTransaction(tx -> {
                Bucket bucket = context.buckets().byId(tx, upload.bucketId()).orElseThrow(this::noSuchUpload);
                uploads.find(tx, upload.bucketId(), upload.key(), upload.uploadId(), true).orElseThrow(this::noSuchUpload);
                Preconditions.checkWrite(request, objects.findForUpdate(tx, upload.bucketId(), upload.key()).orElse(null));
                List<String> doomed = new ArrayList<>(uploads.delete(tx, upload.uploadId()));
                ObjectWrites.Written written = writes.put(tx, bucket, object);
                doomed.addAll(written.unreachable());
                context.doomedBlobs().doom(tx, namespace, doomed);
                return new ObjectOperations.Committed(bucket, written.versionId());
            });
        } catch (Exception e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        String document = Xml.document("CompleteMultipartUploadResult")
                .element("Location", "/" + request.bucket() + "/" + upload.key())
                .element("Bucket", request.bucket()).element("Key", upload.key())
                .element("ETag", ObjectHeaders.quoted(etag)).end("CompleteMultipartUploadResult");
        return VersionIds.describe(S3Response.xml(document), committed.bucket(), committed.versionId());
    }

    public S3Response abort(S3Request request, Authenticated auth) throws Exception {
        MultipartUpload upload = upload(request, auth);
        context.transactions().inTransaction(tx -> {
            context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), uploads.delete(tx, upload.uploadId()));
            return null;
        });
        return S3Response.noContent();
    }

    public S3Response listParts(S3Request request, Authenticated auth) throws Exception {
        MultipartUpload upload = upload(request, auth);
        int maxParts = limit(request, "max-parts");
        int marker = intParam(request, "part-number-marker", 0);
        List<UploadPart> page;
        try (Connection connection = context.connection()) {
            page = uploads.parts(connection, upload.uploadId(), marker, maxParts + 1);
        }
        boolean truncated = page.size() > maxParts;
        List<UploadPart> shown = truncated ? page.subList(0, maxParts) : page;
        Xml xml = Xml.document("ListPartsResult").element("Bucket", request.bucket()).element("Key", upload.key())
                .element("UploadId", upload.uploadId());
        BucketOperations.owner(xml, auth, "Initiator");
        BucketOperations.owner(xml, auth, "Owner");
        xml.element("StorageClass", "STANDARD").element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", shown.isEmpty() ? marker : shown.get(shown.size() - 1).partNumber())
                .element("MaxParts", maxParts).element("IsTruncated", truncated)
                .element("ChecksumAlgorithm", upload.checksumAlgorithm());
        for (UploadPart part : shown) {
            xml.open("Part").element("PartNumber", part.partNumber()).element("LastModified", Xml.timestamp(part.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(part.etag())).element("Size", part.size()).close("Part");
        }
        return S3Response.xml(xml.end("ListPartsResult"));
    }

    public S3Response listUploads(S3Request request, Authenticated auth) throws Exception {
        int maxUploads = limit(request, "max-uploads");
        String prefix = request.param("prefix") == null ? "" : request.param("prefix");
        String keyMarker = request.param("key-marker") == null ? "" : request.param("key-marker");
        String uploadIdMarker = request.param("upload-id-marker");
        List<MultipartUpload> page;
        Bucket bucket;
        try (Connection connection = context.connection()) {
            bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            // Without an upload-id marker, every upload of the marker key itself is skipped
            String idMarker = uploadIdMarker == null || uploadIdMarker.isEmpty() ? (keyMarker.isEmpty() ? "" : "\uDBFF\uDFFF")
                    : uploadIdMarker;
            page = uploads.list(connection, bucket.id(), prefix, keyMarker, idMarker, maxUploads + 1);
        }
        boolean truncated = page.size() > maxUploads;
        List<MultipartUpload> shown = truncated ? page.subList(0, maxUploads) : page;
        MultipartUpload last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        Xml xml = Xml.document("ListMultipartUploadsResult").element("Bucket", bucket.name())
                .element("KeyMarker", keyMarker).element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
                .element("NextKeyMarker", truncated && last != null ? last.key() : null)
                .element("NextUploadIdMarker", truncated && last != null ? last.uploadId() : null)
                .element("Prefix", prefix).element("MaxUploads", maxUploads).element("IsTruncated", truncated);
        for (MultipartUpload upload : shown) {
            xml.open("Upload").element("Key", upload.key()).element("UploadId", upload.uploadId());
            BucketOperations.owner(xml, auth, "Initiator");
            BucketOperations.owner(xml, auth, "Owner");
            xml.element("StorageClass", "STANDARD").element("Initiated", Xml.timestamp(upload.initiated()))
                    .element("ChecksumAlgorithm", upload.checksumAlgorithm()).close("Upload");
        }
        return S3Response.xml(xml.end("ListMultipartUploadsResult"));
    }

    private MultipartUpload upload(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            return uploads.find(connection, bucket.id(), key, request.param("uploadId"), false).orElseThrow(this::noSuchUpload);
        }
    }

    private record RequestedPart(int number, String etag) {
    }

    private static List<RequestedPart> requestedParts(byte[] body) {
        Element root = Xml.parse(body);
        if (!"CompleteMultipartUpload".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        List<RequestedPart> parts = new ArrayList<>();
        for (Element part : Xml.children(root, "Part")) {
            String number = Xml.childText(part, "PartNumber");
            String etag = Xml.childText(part, "ETag");
            if (number == null || etag == null) {
                throw S3Error.MALFORMED_XML.exception();
            }
            try {
                parts.add(new RequestedPart(Integer.parseInt(number.strip()), etag.strip().replace("\"", "")));
            } catch (NumberFormatException e) {
                throw S3Error.MALFORMED_XML.exception();
            }
        }
        if (parts.isEmpty()) {
            throw S3Error.MALFORMED_XML.exception("You must specify at least one part");
        }
        return parts;
    }

    private List<UploadPart> chosenParts(MultipartUpload upload, List<RequestedPart> requested) throws Exception {
        Map<Integer, UploadPart> stored;
        try (Connection connection = context.connection()) {
            stored = uploads.parts(connection, upload.uploadId(), 0, MAX_PART_NUMBER).stream()
                    .collect(Collectors.toMap(UploadPart::partNumber, Function.identity()));
        }
        List<UploadPart> chosen = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < requested.size(); i++) {
            RequestedPart wanted = requested.get(i);
            if (wanted.number() <= previous) {
                throw S3Error.INVALID_PART_ORDER.exception();
            }
            previous = wanted.number();
            UploadPart part = stored.get(wanted.number());
            if (part == null || !part.etag().equals(wanted.etag())) {
                throw S3Error.INVALID_PART.exception().with("UploadId", upload.uploadId())
                        .with("PartNumber", String.valueOf(wanted.number())).with("ETag", wanted.etag());
            }
            if (i < requested.size() - 1 && part.size() < MIN_PART_SIZE) {
                throw S3Error.ENTITY_TOO_SMALL.exception().with("ProposedSize", String.valueOf(part.size()))
                        .with("MinSizeAllowed", String.valueOf(MIN_PART_SIZE)).with("PartNumber", String.valueOf(part.partNumber()))
                        .with("ETag", part.etag());
            }
            chosen.add(part);
        }
        return chosen;
    }

    /** The parts one after another, each opened only when the previous one is used up. */
    private static InputStream concatenation(BlobStore blobs, String namespace, List<UploadPart> parts) {
        Iterator<UploadPart> remaining = parts.iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return remaining.hasNext();
            }

            @Override
            public InputStream nextElement() {
                UploadPart part = remaining.next();
                try {
                    return blobs.open(namespace, part.blobId(), 0, part.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static int partNumber(S3Request request) {
        int number = intParam(request, "partNumber", -1);
        if (number < 1 || number > MAX_PART_NUMBER) {
            throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", request.param("partNumber"));
        }
        return number;
    }

    private static int limit(S3Request request, String name) {
        int value = intParam(request, name, MAX_LISTED);
        if (value < 0) {
            throw S3Error.INVALID_ARGUMENT.exception(name + " must not be negative").with("ArgumentName", name);
        }
        return Math.min(value, MAX_LISTED);
    }

    private static int intParam(S3Request request, String name, int fallback) {
        String value = request.param(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw S3Error.INVALID_ARGUMENT.exception(name + " must be an integer").with("ArgumentName", name)
                    .with("ArgumentValue", value);
        }
    }

    private io.mockfactory.storage.s3.S3Exception noSuchUpload() {
        return S3Error.NO_SUCH_UPLOAD.exception();
    }
}
