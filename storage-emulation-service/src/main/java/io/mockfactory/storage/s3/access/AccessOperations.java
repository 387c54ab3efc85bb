package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.BucketSettings;
import io.mockfactory.storage.meta.BucketSettings.Setting;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.ops.ObjectReads;
import io.mockfactory.storage.s3.ops.S3Context;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The access sub-resources: bucket and object ACLs, the bucket policy and its status, the public access block and
 * the ownership controls. Each change is checked against what the bucket's other settings allow (BlockPublicAcls,
 * BlockPublicPolicy, BucketOwnerEnforced) and seen at once by this instance's access checks.
 */
@Singleton
public class AccessOperations {
    private static final int MAX_DOCUMENT = 64 * 1024;

    private final S3Context context;
    private final BucketSettings settings;
    private final BucketAccessCache cache;
    private final ObjectRows objects;
    private final ObjectWrites writes;

    public AccessOperations(S3Context context, BucketSettings settings, BucketAccessCache cache, ObjectRows objects,
                            ObjectWrites writes) {
        this.context = context;
        this.settings = settings;
        this.cache = cache;
        this.objects = objects;
        this.writes = writes;
    }

    public S3Response putBucketAcl(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        Acl acl = AclRequest.forPutAcl(request::header, request.readSmallBody(MAX_DOCUMENT), bucket.owner(), bucket.owner());
        bucket.effectivePublicAccessBlock().checkAcl(acl);
        bucket.effectiveOwnership().checkAcl(acl, bucket.owner());
        return set(auth, bucket, Setting.ACL, AclJson.write(acl), S3Response.ok());
    }

    public S3Response getBucketAcl(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        return S3Response.xml(AclXml.render(bucket.effectiveOwnership().effectiveAcl(bucket.effectiveAcl(), bucket.owner())));
    }

    public S3Response putObjectAcl(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        Acl acl = AclRequest.forPutAcl(request::header, request.readSmallBody(MAX_DOCUMENT), bucket.owner(), bucket.owner());
        bucket.effectivePublicAccessBlock().checkAcl(acl);
        bucket.effectiveOwnership().checkAcl(acl, bucket.owner());
        String versionId = ObjectReads.versionId(request);
        StoredObject object = context.transactions().inTransaction(tx -> {
            StoredObject found = ObjectReads.existing(objects, tx, bucket.bucketId(), request.key(), versionId);
            writes.setAcl(tx, bucket.bucketId(), request.key(), found.versionId(), AclJson.write(acl));
            return found;
        });
        return ObjectReads.describeVersion(S3Response.ok(), bucketOf(auth, request), object.versionId());
    }

    public S3Response getObjectAcl(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        StoredObject object;
        try (Connection connection = context.connection()) {
            object = ObjectReads.existing(objects, connection, bucket.bucketId(), request.key(), ObjectReads.versionId(request));
        }
        Acl stored = object.acl() == null ? Acl.privateTo(bucket.owner()) : AclJson.read(object.acl());
        return ObjectReads.describeVersion(S3Response.xml(AclXml.render(bucket.effectiveOwnership().effectiveAcl(stored,
                bucket.owner()))), bucketOf(auth, request), object.versionId());
    }

    public S3Response putPolicy(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        byte[] body = request.readSmallBody(BucketPolicy.MAX_BYTES + 1);
        BucketPolicy policy = BucketPolicy.parse(body, bucket.name());
        bucket.effectivePublicAccessBlock().checkPolicy(policy);
        return set(auth, bucket, Setting.POLICY, policy.text(), S3Response.noContent());
    }

    public S3Response getPolicy(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        if (bucket.policy() == null) {
            throw S3Error.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", bucket.name());
        }
        return S3Response.json(bucket.policy().text());
    }

    public S3Response getPolicyStatus(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        if (bucket.policy() == null) {
            throw S3Error.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", bucket.name());
        }
        return S3Response.xml(PublicPolicy.statusXml(bucket.policy()));
    }

    public S3Response putPublicAccessBlock(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        PublicAccessBlock block = PublicAccessBlock.parse(request.readSmallBody(MAX_DOCUMENT));
        return set(auth, bucket, Setting.PUBLIC_ACCESS_BLOCK, BucketAccessCache.writeBlock(block), S3Response.ok());
    }

    public S3Response getPublicAccessBlock(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        return S3Response.xml(present(bucket.publicAccessBlock(), () -> S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION
                .exception().with("BucketName", bucket.name())).toXml());
    }

    public S3Response putOwnership(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        ObjectOwnership ownership = ObjectOwnership.parseControls(request.readSmallBody(MAX_DOCUMENT));
        return set(auth, bucket, Setting.OWNERSHIP, ownership.awsName(), S3Response.ok());
    }

    public S3Response getOwnership(S3Request request, Authenticated auth) throws Exception {
        BucketAccess bucket = access(auth, request);
        return S3Response.xml(present(bucket.ownership(), () -> S3Error.OWNERSHIP_CONTROLS_NOT_FOUND.exception()
                .with("BucketName", bucket.name())).controlsXml());
    }

    /** DeleteBucketPolicy, DeletePublicAccessBlock and DeleteBucketOwnershipControls. */
    public S3Response delete(S3Request request, Authenticated auth, Setting setting) throws Exception {
        return set(auth, access(auth, request), setting, null, S3Response.noContent());
    }

    private S3Response set(Authenticated auth, BucketAccess bucket, Setting setting, String value, S3Response answer)
            throws Exception {
        context.transactions().inTransaction(tx -> {
            settings.set(tx, bucket.bucketId(), setting, value);
            return null;
        });
        cache.invalidate(bucket.environmentId(), bucket.name());
        return answer;
    }

    /** The bucket, read afresh (not from the cache), as a configuration request must see it. */
    private BucketAccess access(Authenticated auth, S3Request request) {
        cache.invalidate(auth.environmentId(), request.bucket());
        return cache.own(auth.environmentId(), request.bucket()).orElseThrow(() ->
                S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket()));
    }

    private Bucket bucketOf(Authenticated auth, S3Request request) throws Exception {
        return context.bucket(auth.environmentId(), request.bucket());
    }

    private static <T> T present(T value, Supplier<S3Exception> missing) {
        if (value == null) {
            throw missing.get();
        }
        return value;
    }
}
