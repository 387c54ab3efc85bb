package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.access.RequestAuthorizer;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;
import org.w3c.dom.Element;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** DeleteObject and DeleteObjects, with or without version ids: removing a version, or adding a delete marker. */
@Singleton
public class DeleteOperations {
    private static final int MAX_DELETE_KEYS = 1000;

    private final S3Context context;
    private final ObjectWrites writes;
    private final RequestAuthorizer authorizer;

    public DeleteOperations(S3Context context, ObjectWrites writes, RequestAuthorizer authorizer) {
        this.context = context;
        this.writes = writes;
        this.authorizer = authorizer;
    }

    public S3Response delete(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        String versionId = VersionIds.requested(request.param("versionId"));
        ObjectWrites.Deleted deleted = context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            return deleteOne(tx, auth, bucket, key, versionId);
        });
        S3Response response = S3Response.noContent();
        if (deleted.versionId() != null) {
            response.header(VersionIds.HEADER, deleted.versionId());
        }
        if (deleted.deleteMarker()) {
            response.header(VersionIds.DELETE_MARKER, "true");
        }
        return response;
    }

    private ObjectWrites.Deleted deleteOne(Connection tx, Authenticated auth, Bucket bucket, String key, String versionId)
            throws Exception {
        ObjectWrites.Deleted deleted = versionId == null ? writes.delete(tx, bucket, key)
                : writes.deleteVersion(tx, bucket, key, versionId);
        context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), deleted.unreachable());
        return deleted;
    }

    private record Requested(String key, String versionId) {
    }

    private record Outcome(Requested requested, ObjectWrites.Deleted deleted, S3Exception error) {
    }

    public S3Response deleteMany(S3Request request, Authenticated auth) throws Exception {
        Element root = Xml.parse(Bodies.read(request, auth));
        if (!"Delete".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(Xml.childText(root, "Quiet")).strip());
        List<Requested> requested = new ArrayList<>();
        for (Element entry : Xml.children(root, "Object")) {
            String key = Xml.childText(entry, "Key");
            if (key == null) {
                throw S3Error.MALFORMED_XML.exception();
            }
            requested.add(new Requested(key, Xml.childText(entry, "VersionId")));
        }
        if (requested.isEmpty() || requested.size() > MAX_DELETE_KEYS) {
            throw S3Error.MALFORMED_XML.exception("A delete request names between 1 and 1000 keys.");
        }
        List<Outcome> outcomes = context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            List<Outcome> results = new ArrayList<>();
            // In key order: two requests deleting the same keys take their locks in the same order, never a deadlock
            for (Requested one : requested.stream().sorted(java.util.Comparator.comparing(Requested::key)
                    .thenComparing(r -> String.valueOf(r.versionId()))).toList()) {
                try {
                    String key = ObjectKeys.checked(one.key());
                    String versionId = VersionIds.requested(one.versionId());
                    // Each key is a DeleteObject of its own to a bucket policy: one refused key refuses only itself
                    if (!authorizer.mayDelete(request, auth, key, versionId)) {
                        throw S3Error.ACCESS_DENIED.exception();
                    }
                    results.add(new Outcome(one, deleteOne(tx, auth, bucket, key, versionId), null));
                } catch (S3Exception e) {
                    results.add(new Outcome(one, null, e));
                }
            }
            return results;
        });
        Xml xml = Xml.document("DeleteResult");
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null && !quiet) {
                ObjectWrites.Deleted deleted = outcome.deleted();
                xml.open("Deleted").element("Key", outcome.requested().key())
                        .element("VersionId", outcome.requested().versionId());
                if (deleted.deleteMarker()) {
                    xml.element("DeleteMarker", true).element("DeleteMarkerVersionId",
                            outcome.requested().versionId() == null ? deleted.versionId() : outcome.requested().versionId());
                }
                xml.close("Deleted");
            }
        }
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null) {
                xml.open("Error").element("Key", outcome.requested().key())
                        .element("VersionId", outcome.requested().versionId())
                        .element("Code", outcome.error().error().code())
                        .element("Message", outcome.error().getMessage()).close("Error");
            }
        }
        return S3Response.xml(xml.end("DeleteResult"));
    }
}
