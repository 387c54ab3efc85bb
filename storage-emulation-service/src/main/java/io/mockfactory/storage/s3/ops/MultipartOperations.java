package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.blob.BlobStore.StoredBlob;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.MultipartUpload;
import io.mockfactory.storage.meta.ObjectPart;
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
import io.mockfactory.storage.s3.ops.CompletionDocument.RequestedPart;
import io.mockfactory.storage.s3.ops.MultipartChecksums.Choice;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;
import io.mockfactory.storage.s3.payload.ChecksummedStream;
import io.mockfactory.storage.s3.payload.CompositeChecksum;
import io.mockfactory.storage.s3.payload.IncomingPayload;
import jakarta.inject.Singleton;

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
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload; ListParts and
 * ListMultipartUploads are {@link MultipartListings}, the checksum rules {@link MultipartChecksums}.
 */
@Singleton
public class MultipartOperations {
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_PART_NUMBER = 10_000;

    private final S3Context context;
    private final Uploads uploads;
    private final ObjectRows objects;
    private final ObjectWrites writes;
    private final NewAcls acls;
    private final ObjectOperations objectOperations;
    private final MultipartListings listings;
    private final SecureRandom random = new SecureRandom();

    public MultipartOperations(S3Context context, Uploads uploads, ObjectRows objects, ObjectWrites writes,
                               ObjectOperations objectOperations, MultipartListings listings, NewAcls acls) {
        this.writes = writes;
        this.acls = acls;
        this.context = context;
        this.uploads = uploads;
        this.objects = objects;
        this.objectOperations = objectOperations;
        this.listings = listings;
    }

    public S3Response create(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        Choice checksums = MultipartChecksums.forCreate(request);
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
        String algorithm = checksums.algorithm() == null ? null : checksums.algorithm().name();
        String type = checksums.type() == null ? null : checksums.type().name();
        byte[] id = new byte[24];
        random.nextBytes(id);
        String uploadId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        MultipartUpload upload = new MultipartUpload(uploadId, bucket.id(), key, Instant.now(), ObjectHeaders.contentType(request),
                ObjectHeaders.stored(request), ObjectHeaders.userMetadata(request), algorithm,
                TagSets.fromHeader(request.header("x-amz-tagging")),
                acls.forObject(request::header, auth.environmentId(), request.bucket()), type);
        context.transactions().inTransaction(tx -> {
            uploads.create(tx, upload);
            return null;
        });
        String document = Xml.document("InitiateMultipartUploadResult").element("Bucket", bucket.name())
                .element("Key", key).element("UploadId", uploadId).end("InitiateMultipartUploadResult");
        return S3Response.xml(document).header("x-amz-checksum-algorithm", algorithm).header(ChecksumType.HEADER, type);
    }

    public S3Response uploadPart(S3Request request, Authenticated auth) throws Exception {
        int partNumber = partNumber(request);
        MultipartUpload upload = listings.upload(request, auth);
        Choice checksums = Choice.of(upload);
        IncomingPayload payload = IncomingPayload.open(request, auth, MultipartChecksums.computedForPart(checksums));
        MultipartChecksums.checkDeclared(checksums, payload.declaredAlgorithm());
        context.quota().precheck(auth.environmentId(), payload.declaredLength());
        StoredBlob blob = context.blobs().put(S3Context.namespace(auth.environmentId()), payload);
        IncomingPayload.Received received;
        try {
            received = payload.verify();
        } catch (RuntimeException e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        // Kept only in the upload's algorithm: an upload without one lists and compares no part checksums
        String checksum = checksums.algorithm() == null ? null : received.checksum();
        storePart(auth, upload, new UploadPart(partNumber, blob.id(), received.size(), received.md5Hex(), checksum, Instant.now()));
        S3Response response = S3Response.ok().header("ETag", ObjectHeaders.quoted(received.md5Hex()));
        if (received.checksumAlgorithm() != null) {
            response.header(received.checksumAlgorithm().headerName(), received.checksum());
        }
        return response;
    }

    public S3Response uploadPartCopy(S3Request request, Authenticated auth) throws Exception {
        int partNumber = partNumber(request);
        MultipartUpload upload = listings.upload(request, auth);
        ChecksumAlgorithm algorithm = Choice.of(upload).algorithm();
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
        ObjectOperations.Copied copied = objectOperations.copyBlob(auth, original, first, length, algorithm);
        UploadPart part = new UploadPart(partNumber, copied.blob().id(), copied.blob().size(), copied.md5Hex(),
                copied.checksum(), Instant.now());
        storePart(auth, upload, part);
        Xml xml = Xml.document("CopyPartResult").element("LastModified", Xml.timestamp(part.lastModified()))
                .element("ETag", ObjectHeaders.quoted(part.etag()));
        if (algorithm != null) {
            xml.element(algorithm.elementName(), part.checksum());
        }
        return S3Response.xml(xml.end("CopyPartResult"));
    }

    private void storePart(Authenticated auth, MultipartUpload upload, UploadPart part) throws Exception {
        try {
            context.transactions().inTransaction(tx -> {
                uploads.find(tx, upload.bucketId(), upload.key(), upload.uploadId(), true).orElseThrow(MultipartListings::noSuchUpload);
                // A part counts against the quota from its upload; completing turns parts into an object, no more
                Uploads.Replaced replaced = uploads.putPart(tx, upload.uploadId(), part);
                context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), replaced.blob().stream().toList());
                context.quota().require(tx, auth.environmentId(), part.size() - replaced.size());
                return null;
            });
        } catch (Exception e) {
            context.discard(auth.environmentId(), part.blobId());
            throw e;
        }
    }

    /**
     * A FULL_OBJECT checksum (the upload's CRC, or S3's default CRC64NVME) is taken of the bytes as they are
     * concatenated into the object: the complete streams every byte once anyway, so this needs no CRC combination
     * arithmetic, covers parts that were stored without a checksum, and is of what was really stored. A COMPOSITE one
     * is made of the parts' checksums alone.
     */
    public S3Response complete(S3Request request, Authenticated auth) throws Exception {
        MultipartUpload upload = listings.upload(request, auth);
        Choice checksums = Choice.of(upload);
        Optional<MultipartChecksums.Expected> expected = MultipartChecksums.completeHeaders(request, checksums);
        List<RequestedPart> requested = CompletionDocument.parts(Bodies.readCompletion(request, auth));
        List<UploadPart> parts = chosenParts(upload, checksums, expected, requested);
        String namespace = S3Context.namespace(auth.environmentId());
        MessageDigest etagDigest = MessageDigest.getInstance("MD5");
        long size = 0;
        for (UploadPart part : parts) {
            etagDigest.update(HexFormat.of().parseHex(part.etag()));
            size += part.size();
        }
        String etag = HexFormat.of().formatHex(etagDigest.digest()) + "-" + parts.size();
        ChecksumAlgorithm algorithm = checksums.objectAlgorithm();
        ChecksumType type = checksums.objectType();
        InputStream bytes = concatenation(context.blobs(), namespace, parts);
        ChecksummedStream whole = type == ChecksumType.FULL_OBJECT ? new ChecksummedStream(bytes, algorithm) : null;
        StoredBlob blob = context.blobs().put(namespace, whole == null ? bytes : whole);
        String checksum;
        try {
            if (blob.size() != size) {
                throw S3Error.INTERNAL_ERROR.exception("The parts changed while the upload was being completed; retry.");
            }
            checksum = whole == null ? CompositeChecksum.of(algorithm, parts.stream().map(UploadPart::checksum).toList())
                    : whole.base64();
            MultipartChecksums.checkFullObject(checksums, expected, checksum);
        } catch (RuntimeException e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        List<ObjectPart> objectParts = parts.stream().map(part -> new ObjectPart(part.partNumber(), part.size(), part.etag(),
                checksums.algorithm() == null ? null : part.checksum())).toList();
        StoredObject object = new StoredObject(upload.bucketId(), upload.key(), blob.id(), size, etag, Instant.now(),
                upload.contentType(), upload.headers(), upload.userMetadata(), null, null)
                .withTags(upload.tags()).withAcl(upload.acl())
                .withChecksum(algorithm.name(), checksum, type.name()).withParts(objectParts, type.name());
        ObjectOperations.Committed committed;
        try {
            committed = context.transactions().inTransaction(tx -> {
                ObjectWrites.lockKey(tx, upload.bucketId(), upload.key());
                Bucket bucket = context.buckets().byId(tx, upload.bucketId()).orElseThrow(MultipartListings::noSuchUpload);
                uploads.find(tx, upload.bucketId(), upload.key(), upload.uploadId(), true).orElseThrow(MultipartListings::noSuchUpload);
                Preconditions.checkWrite(request, objects.findForUpdate(tx, upload.bucketId(), upload.key()).orElse(null));
                context.doomedBlobs().doom(tx, namespace, uploads.delete(tx, upload.uploadId()));
                ObjectWrites.Written written = writes.put(tx, bucket, object, namespace);
                return new ObjectOperations.Committed(bucket, written.versionId());
            });
        } catch (Exception e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        String document = Xml.document("CompleteMultipartUploadResult")
                .element("Location", "/" + request.bucket() + "/" + upload.key())
                .element("Bucket", request.bucket()).element("Key", upload.key())
                .element("ETag", ObjectHeaders.quoted(etag)).element(algorithm.elementName(), checksum)
                .element("ChecksumType", type.name()).end("CompleteMultipartUploadResult");
        return VersionIds.describe(S3Response.xml(document), committed.bucket(), committed.versionId());
    }

    public S3Response abort(S3Request request, Authenticated auth) throws Exception {
        MultipartUpload upload = listings.upload(request, auth);
        context.transactions().inTransaction(tx -> {
            context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), uploads.delete(tx, upload.uploadId()));
            return null;
        });
        return S3Response.noContent();
    }

    public S3Response listParts(S3Request request, Authenticated auth) throws Exception {
        return listings.listParts(request, auth);
    }

    public S3Response listUploads(S3Request request, Authenticated auth) throws Exception {
        return listings.listUploads(request, auth);
    }

    /**
     * The uploaded parts the document names, in its order. With an algorithm S3 wants the part numbers to run from 1
     * without gaps; a part whose checksum is not the stored one is InvalidPart, said after the object's composite
     * checksum (computed from the checksums the document gives) was found right.
     */
    private List<UploadPart> chosenParts(MultipartUpload upload, Choice checksums, Optional<MultipartChecksums.Expected> expected,
                                         List<RequestedPart> requested) throws Exception {
        Map<Integer, UploadPart> stored;
        try (Connection connection = context.connection()) {
            stored = uploads.parts(connection, upload.uploadId(), 0, MAX_PART_NUMBER).stream()
                    .collect(Collectors.toMap(UploadPart::partNumber, Function.identity()));
        }
        List<UploadPart> chosen = new ArrayList<>();
        List<String> sentChecksums = new ArrayList<>();
        RequestedPart wrongChecksum = null;
        int previous = 0;
        for (int i = 0; i < requested.size(); i++) {
            RequestedPart wanted = requested.get(i);
            if (wanted.number() <= previous || (checksums.algorithm() != null && wanted.number() != i + 1)) {
                throw S3Error.INVALID_PART_ORDER.exception();
            }
            previous = wanted.number();
            UploadPart part = stored.get(wanted.number());
            if (part == null || !part.etag().equals(wanted.etag())) {
                throw invalidPart(upload, wanted);
            }
            if (!MultipartChecksums.checkPart(checksums, wanted.number(), wanted.checksum(), part.checksum())
                    && wrongChecksum == null) {
                wrongChecksum = wanted;
            }
            wanted.checksum().ifPresent(sent -> sentChecksums.add(sent.value()));
            if (i < requested.size() - 1 && part.size() < MIN_PART_SIZE) {
                throw S3Error.ENTITY_TOO_SMALL.exception().with("ProposedSize", String.valueOf(part.size()))
                        .with("MinSizeAllowed", String.valueOf(MIN_PART_SIZE)).with("PartNumber", String.valueOf(part.partNumber()))
                        .with("ETag", part.etag());
            }
            chosen.add(part);
        }
        MultipartChecksums.checkComposite(checksums, expected, sentChecksums);
        if (wrongChecksum != null) {
            throw invalidPart(upload, wrongChecksum);
        }
        return chosen;
    }

    private static io.mockfactory.storage.s3.S3Exception invalidPart(MultipartUpload upload, RequestedPart part) {
        return S3Error.INVALID_PART.exception().with("UploadId", upload.uploadId())
                .with("PartNumber", String.valueOf(part.number())).with("ETag", part.etag());
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
        int number = MultipartListings.intParam(request, "partNumber", -1);
        if (number < 1 || number > MAX_PART_NUMBER) {
            throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", request.param("partNumber"));
        }
        return number;
    }
}
