package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** ListObjectsV2 and ListObjects (v1). */
@Singleton
public class ListingOperations {
    private static final int MAX_KEYS = 1000;

    private final S3Context context;
    private final ObjectRows objects;

    public ListingOperations(S3Context context, ObjectRows objects) {
        this.context = context;
        this.objects = objects;
    }

    public S3Response listV2(S3Request request, Authenticated auth) throws Exception {
        String prefix = orEmpty(request.param("prefix"));
        String delimiter = emptyToNull(request.param("delimiter"));
        int maxKeys = maxKeys(request);
        String token = request.param("continuation-token");
        String startAfter = emptyToNull(request.param("start-after"));
        String after = token != null ? decodeToken(token) : startAfter;
        boolean fetchOwner = "true".equalsIgnoreCase(request.param("fetch-owner"));
        UnaryOperator<String> encode = encoder(request);
        KeyWalk.Page page;
        Bucket bucket;
        try (Connection connection = context.connection()) {
            bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            page = KeyWalk.walk(objects, connection, bucket.id(), prefix, delimiter, after, maxKeys);
        }
        Xml xml = Xml.document("ListBucketResult")
                .element("Name", bucket.name())
                .element("Prefix", encode.apply(prefix))
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("MaxKeys", maxKeys)
                .element("EncodingType", request.param("encoding-type"))
                .element("KeyCount", page.count())
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? encodeToken(page.last()) : null)
                .element("StartAfter", startAfter == null ? null : encode.apply(startAfter));
        writeEntries(xml, page, encode, fetchOwner ? auth : null);
        return S3Response.xml(xml.end("ListBucketResult"));
    }

    public S3Response listV1(S3Request request, Authenticated auth) throws Exception {
        String prefix = orEmpty(request.param("prefix"));
        String delimiter = emptyToNull(request.param("delimiter"));
        int maxKeys = maxKeys(request);
        String marker = emptyToNull(request.param("marker"));
        UnaryOperator<String> encode = encoder(request);
        KeyWalk.Page page;
        Bucket bucket;
        try (Connection connection = context.connection()) {
            bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            page = KeyWalk.walk(objects, connection, bucket.id(), prefix, delimiter, marker, maxKeys);
        }
        Xml xml = Xml.document("ListBucketResult")
                .element("Name", bucket.name())
                .element("Prefix", encode.apply(prefix))
                .element("Marker", marker == null ? "" : encode.apply(marker))
                .element("NextMarker", page.truncated() && delimiter != null ? encode.apply(page.last()) : null)
                .element("MaxKeys", maxKeys)
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("EncodingType", request.param("encoding-type"))
                .element("IsTruncated", page.truncated());
        writeEntries(xml, page, encode, auth);
        return S3Response.xml(xml.end("ListBucketResult"));
    }

    private static void writeEntries(Xml xml, KeyWalk.Page page, UnaryOperator<String> encode, Authenticated owner) {
        for (StoredObject object : page.contents()) {
            xml.open("Contents")
                    .element("Key", encode.apply(object.key()))
                    .element("LastModified", Xml.timestamp(object.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(object.etag()))
                    .element("ChecksumAlgorithm", object.checksumAlgorithm())
                    .element("ChecksumType", ObjectChecksums.listedType(object))
                    .element("Size", object.size());
            if (owner != null) {
                BucketOperations.owner(xml, owner, "Owner");
            }
            xml.element("StorageClass", "STANDARD").close("Contents");
        }
        for (String common : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", encode.apply(common)).close("CommonPrefixes");
        }
    }

    static UnaryOperator<String> encoder(S3Request request) {
        String type = request.param("encoding-type");
        if (type == null) {
            return UnaryOperator.identity();
        }
        if (!"url".equals(type)) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type").with("ArgumentValue", type);
        }
        return value -> UriEncoding.encode(value, true);
    }

    static int maxKeys(S3Request request) {
        String value = request.param("max-keys");
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return Math.min(parsed, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Error.INVALID_ARGUMENT.exception("Provided max-keys not an integer or within integer range")
                    .with("ArgumentName", "max-keys").with("ArgumentValue", value);
        }
    }

    private static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens are ours (see encodeToken), so one that decodes to what no key holds (a NUL) was forged or mangled. */
    private static String decodeToken(String token) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            if (position.indexOf('\0') < 0) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw S3Error.INVALID_ARGUMENT.exception("The continuation token provided is incorrect")
                .with("ArgumentName", "continuation-token");
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
