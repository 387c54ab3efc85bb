package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.ObjectPart;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;
import io.mockfactory.storage.s3.payload.CompositeChecksum;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GetObjectAttributes ({@code GET /bucket/key?attributes}): what HeadObject and ListParts tell of an object, in one
 * document, as S3 gives it: the ETag without quotes, a composite checksum without its {@code -N}, and the parts listed
 * (paged with {@code x-amz-max-parts} and {@code x-amz-part-number-marker}) only for a COMPOSITE multipart object,
 * whose part checksums make its checksum; of any other multipart object only the count of its parts.
 */
@Singleton
public class AttributesOperations {
    private static final String HEADER = "x-amz-object-attributes";
    private static final Set<String> NAMES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");
    private static final int MAX_PARTS = 1000;

    private final S3Context context;
    private final ObjectRows objects;

    public AttributesOperations(S3Context context, ObjectRows objects) {
        this.context = context;
        this.objects = objects;
    }

    public S3Response get(S3Request request, Authenticated auth) throws Exception {
        Set<String> wanted = attributes(request);
        ObjectReads.Located located = ObjectReads.located(context, objects, auth, request);
        StoredObject object = located.object();
        int maxParts = Math.min(count(request, "x-amz-max-parts", MAX_PARTS), MAX_PARTS);
        int marker = count(request, "x-amz-part-number-marker", 0);
        Xml xml = Xml.document("GetObjectAttributesResponse");
        if (wanted.contains("ETag")) {
            xml.element("ETag", object.etag());
        }
        Optional<ChecksumAlgorithm> algorithm = ObjectChecksums.algorithm(object);
        Optional<ChecksumType> type = ObjectChecksums.type(object);
        if (wanted.contains("Checksum") && algorithm.isPresent()) {
            xml.open("Checksum").element(algorithm.get().elementName(), CompositeChecksum.withoutPartCount(object.checksum()))
                    .element("ChecksumType", type.orElseThrow().name()).close("Checksum");
        }
        if (wanted.contains("ObjectParts") && !object.parts().isEmpty()) {
            parts(xml, object.parts(), type.filter(t -> t == ChecksumType.COMPOSITE).flatMap(t -> algorithm), maxParts, marker);
        }
        if (wanted.contains("StorageClass")) {
            xml.element("StorageClass", "STANDARD");
        }
        if (wanted.contains("ObjectSize")) {
            xml.element("ObjectSize", object.size());
        }
        S3Response response = S3Response.xml(xml.end("GetObjectAttributesResponse"))
                .header("Last-Modified", ObjectHeaders.HTTP_DATE.format(object.lastModified()));
        return VersionIds.describe(response, located.bucket(), object.versionId());
    }

    /** @param composite the algorithm of a COMPOSITE object's part checksums; empty lists no parts, only their count */
    private static void parts(Xml xml, List<ObjectPart> parts, Optional<ChecksumAlgorithm> composite, int maxParts, int marker) {
        xml.open("ObjectParts").element("PartsCount", parts.size());
        if (composite.isPresent()) {
            List<ObjectPart> after = parts.stream().filter(part -> part.partNumber() > marker).toList();
            List<ObjectPart> shown = after.subList(0, Math.min(maxParts, after.size()));
            xml.element("PartNumberMarker", marker)
                    .element("NextPartNumberMarker", shown.isEmpty() ? marker : shown.get(shown.size() - 1).partNumber())
                    .element("MaxParts", maxParts).element("IsTruncated", shown.size() < after.size());
            for (ObjectPart part : shown) {
                xml.open("Part").element("PartNumber", part.partNumber()).element("Size", part.size())
                        .element(composite.get().elementName(), part.checksum()).close("Part");
            }
        }
        xml.close("ObjectParts");
    }

    /** The attributes asked for: one header of comma-separated names, or one header each (as some SDKs send them). */
    static Set<String> attributes(S3Request request) {
        Set<String> wanted = new HashSet<>();
        for (String header : request.headers().getAll(HEADER)) {
            for (String name : header.split(",")) {
                String attribute = name.strip();
                if (attribute.isEmpty()) {
                    continue;
                }
                if (!NAMES.contains(attribute)) {
                    throw S3Error.INVALID_ARGUMENT.exception("Invalid attribute name specified.").with("ArgumentName", HEADER)
                            .with("ArgumentValue", attribute);
                }
                wanted.add(attribute);
            }
        }
        if (wanted.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("The " + HEADER + " header specifying the attributes to be retrieved is"
                    + " either missing or empty");
        }
        return wanted;
    }

    private static int count(S3Request request, String header, int fallback) {
        int value = MultipartListings.intValue(request.header(header), header, fallback);
        if (value < 0) {
            throw S3Error.INVALID_ARGUMENT.exception("Argument " + header + " must be an integer between 0 and 2147483647")
                    .with("ArgumentName", header).with("ArgumentValue", request.header(header));
        }
        return value;
    }
}
