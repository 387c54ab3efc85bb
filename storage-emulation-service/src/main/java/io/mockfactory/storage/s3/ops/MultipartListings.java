package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.MultipartUpload;
import io.mockfactory.storage.meta.UploadPart;
import io.mockfactory.storage.meta.Uploads;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** ListParts and ListMultipartUploads, and finding the upload a request names. */
@Singleton
public class MultipartListings {
    static final int MAX_LISTED = 1000;

    private final S3Context context;
    private final Uploads uploads;

    public MultipartListings(S3Context context, Uploads uploads) {
        this.context = context;
        this.uploads = uploads;
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
        MultipartChecksums.Choice checksums = MultipartChecksums.Choice.of(upload);
        Xml xml = Xml.document("ListPartsResult").element("Bucket", request.bucket()).element("Key", upload.key())
                .element("UploadId", upload.uploadId());
        BucketOperations.owner(xml, auth, "Initiator");
        BucketOperations.owner(xml, auth, "Owner");
        xml.element("StorageClass", "STANDARD").element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", shown.isEmpty() ? marker : shown.get(shown.size() - 1).partNumber())
                .element("MaxParts", maxParts).element("IsTruncated", truncated)
                .element("ChecksumAlgorithm", upload.checksumAlgorithm()).element("ChecksumType", upload.checksumType());
        for (UploadPart part : shown) {
            xml.open("Part").element("PartNumber", part.partNumber()).element("LastModified", Xml.timestamp(part.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(part.etag())).element("Size", part.size());
            // An upload without an algorithm lists none, whatever its parts were sent with, as S3 does
            if (checksums.algorithm() != null) {
                xml.element(checksums.algorithm().elementName(), part.checksum());
            }
            xml.close("Part");
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
                    .element("ChecksumAlgorithm", upload.checksumAlgorithm()).element("ChecksumType", upload.checksumType())
                    .close("Upload");
        }
        return S3Response.xml(xml.end("ListMultipartUploadsResult"));
    }

    /** The upload {@code ?uploadId=} names, of this key in this caller's bucket. */
    MultipartUpload upload(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            return uploads.find(connection, bucket.id(), key, request.param("uploadId"), false).orElseThrow(MultipartListings::noSuchUpload);
        }
    }

    static S3Exception noSuchUpload() {
        return S3Error.NO_SUCH_UPLOAD.exception();
    }

    static int limit(S3Request request, String name) {
        int value = intParam(request, name, MAX_LISTED);
        if (value < 0) {
            throw S3Error.INVALID_ARGUMENT.exception(name + " must not be negative").with("ArgumentName", name);
        }
        return Math.min(value, MAX_LISTED);
    }

    static int intParam(S3Request request, String name, int fallback) {
        return intValue(request.param(name), name, fallback);
    }

    /** A number in a query parameter or header; absent or blank is {@code fallback}. */
    static int intValue(String value, String name, int fallback) {
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
}
