package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;
import org.w3c.dom.Element;

import java.sql.Connection;
import java.util.function.UnaryOperator;

/** PutBucketVersioning, GetBucketVersioning and ListObjectVersions. */
@Singleton
public class VersioningOperations {
    private final S3Context context;
    private final ObjectRows objects;

    public VersioningOperations(S3Context context, ObjectRows objects) {
        this.context = context;
        this.objects = objects;
    }

    public S3Response put(S3Request request, Authenticated auth) throws Exception {
        Element root = Xml.parse(Bodies.read(request, auth));
        if (!"VersioningConfiguration".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        String mfaDelete = Xml.childText(root, "MfaDelete");
        if (mfaDelete != null && !mfaDelete.strip().equals("Disabled")) {
            if (!mfaDelete.strip().equals("Enabled")) {
                throw S3Error.MALFORMED_XML.exception();
            }
            throw S3Error.NOT_IMPLEMENTED.exception("MFA delete is out of MockFactory's scope: it has no MFA devices.");
        }
        String status = Xml.childText(root, "Status");
        if (status == null) {
            // S3 takes a configuration without Status (MfaDelete only) and leaves the state as it is
            context.bucket(auth.environmentId(), request.bucket());
            return S3Response.ok();
        }
        String value = status.strip();
        if (!value.equals("Enabled") && !value.equals("Suspended")) {
            throw S3Error.MALFORMED_XML.exception();
        }
        context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            ObjectWrites.lockBucket(tx, bucket.id());
            context.buckets().setVersioning(tx, bucket.id(), value);
            return null;
        });
        return S3Response.ok();
    }

    public S3Response get(S3Request request, Authenticated auth) throws Exception {
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
        return S3Response.xml(Xml.document("VersioningConfiguration").element("Status", bucket.versioning())
                .end("VersioningConfiguration"));
    }

    public S3Response list(S3Request request, Authenticated auth) throws Exception {
        String prefix = ListingOperations.orEmpty(request.param("prefix"));
        String delimiter = ListingOperations.emptyToNull(request.param("delimiter"));
        int maxKeys = ListingOperations.maxKeys(request);
        String keyMarker = ListingOperations.emptyToNull(request.param("key-marker"));
        String versionMarker = ListingOperations.emptyToNull(request.param("version-id-marker"));
        UnaryOperator<String> encode = ListingOperations.encoder(request);
        if (versionMarker != null && keyMarker == null) {
            throw S3Error.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.")
                    .with("ArgumentName", "version-id-marker").with("ArgumentValue", versionMarker);
        }
        Bucket bucket;
        VersionWalk.Page page;
        try (Connection connection = context.connection()) {
            bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            Long markerSeq = null;
            if (versionMarker != null) {
                String checked = VersionIds.requested(versionMarker);
                markerSeq = objects.seqOf(connection, bucket.id(), keyMarker, checked)
                        .orElseThrow(() -> VersionIds.invalid(versionMarker));
            }
            page = VersionWalk.walk(objects, connection, bucket.id(), prefix, delimiter, keyMarker, markerSeq, maxKeys);
        }
        Xml xml = Xml.document("ListVersionsResult")
                .element("Name", bucket.name())
                .element("Prefix", encode.apply(prefix))
                .element("KeyMarker", keyMarker == null ? "" : encode.apply(keyMarker))
                .element("VersionIdMarker", versionMarker == null ? "" : versionMarker)
                .element("NextKeyMarker", page.nextKey() == null ? null : encode.apply(page.nextKey()))
                .element("NextVersionIdMarker", page.nextVersionId())
                .element("MaxKeys", maxKeys)
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("EncodingType", request.param("encoding-type"))
                .element("IsTruncated", page.truncated());
        for (StoredObject version : page.versions()) {
            String element = version.deleteMarker() ? "DeleteMarker" : "Version";
            xml.open(element).element("Key", encode.apply(version.key())).element("VersionId", version.versionId())
                    .element("IsLatest", version.latest()).element("LastModified", Xml.timestamp(version.lastModified()));
            if (!version.deleteMarker()) {
                xml.element("ETag", ObjectHeaders.quoted(version.etag())).element("Size", version.size())
                        .element("StorageClass", "STANDARD").element("ChecksumAlgorithm", version.checksumAlgorithm())
                        .element("ChecksumType", ObjectChecksums.listedType(version));
            }
            BucketOperations.owner(xml, auth, "Owner");
            xml.close(element);
        }
        for (String common : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", encode.apply(common)).close("CommonPrefixes");
        }
        return S3Response.xml(xml.end("ListVersionsResult"));
    }
}
