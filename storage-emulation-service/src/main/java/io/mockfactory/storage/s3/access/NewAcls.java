package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;
import jakarta.inject.Singleton;

import java.util.function.Function;

/**
 * The ACL a write gives what it creates, from its {@code x-amz-acl} or {@code x-amz-grant-*} headers (a form upload's
 * {@code acl} field): checked against the bucket's public access block and ownership controls before any byte is
 * stored, and kept as JSON with the object (or bucket). Null when the request gives none: the owner's alone.
 */
@Singleton
public class NewAcls {
    private final BucketAccessCache buckets;

    public NewAcls(BucketAccessCache buckets) {
        this.buckets = buckets;
    }

    /** For PutObject, CopyObject, CreateMultipartUpload and POST Object into {@code bucket} of {@code environmentId}. */
    public String forObject(Function<String, String> header, String environmentId, String bucket) {
        AclRequest requested = AclRequest.read(header);
        if (requested.isEmpty()) {
            return null;
        }
        BucketAccess access = buckets.own(environmentId, bucket).orElseThrow(() ->
                S3Error.NO_SUCH_BUCKET.exception().with("BucketName", bucket));
        Acl acl = requested.toAcl(access.owner(), access.owner());
        access.effectivePublicAccessBlock().checkAcl(acl);
        access.effectiveOwnership().checkAcl(acl, access.owner());
        return AclJson.write(acl);
    }

    /** For CreateBucket: the new bucket's ACL under the ownership it is created with. */
    public String forBucket(Function<String, String> header, String environmentId, ObjectOwnership ownership) {
        AclRequest requested = AclRequest.read(header);
        if (requested.isEmpty()) {
            return null;
        }
        Owner owner = Identities.owner(environmentId);
        Acl acl = requested.toAcl(owner, owner);
        (ownership == null ? ObjectOwnership.OBJECT_WRITER : ownership).checkCreateBucketAcl(acl, owner);
        return AclJson.write(acl);
    }

    /** CreateBucket's {@code x-amz-object-ownership}, null when absent. */
    public static ObjectOwnership requestedOwnership(String header) {
        if (header == null) {
            return null;
        }
        return ObjectOwnership.named(header.strip()).orElseThrow(() -> S3Error.INVALID_ARGUMENT
                .exception("Invalid x-amz-object-ownership header: " + header.strip())
                .with("ArgumentName", "x-amz-object-ownership"));
    }

    public void invalidate(String environmentId, String bucket) {
        buckets.invalidate(environmentId, bucket);
    }
}
