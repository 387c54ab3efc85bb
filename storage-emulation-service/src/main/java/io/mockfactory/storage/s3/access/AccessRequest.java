package io.mockfactory.storage.s3.access;

import java.util.Objects;

/**
 * Everything {@link AccessDecider} needs to decide one IAM action on one resource. Build it with {@link #builder};
 * leave out what the bucket does not have (policy, ACLs, public access block, ownership controls).
 *
 * @param objectOwnerEnvironmentId the environment that owns the object (its writer, under ObjectWriter or
 *                                 BucketOwnerPreferred); null when the bucket owner owns it or there is no object
 * @param key                      the object key, null for an action on the bucket
 * @param ownership                null when the bucket has no ownership controls (S3 then acts as ObjectWriter)
 */
public record AccessRequest(Principal principal, String action, String bucket, String key, String bucketOwnerEnvironmentId,
                            String objectOwnerEnvironmentId, RequestContext context, BucketPolicy policy, Acl bucketAcl,
                            Acl objectAcl, PublicAccessBlock publicAccessBlock, ObjectOwnership ownership) {
    public AccessRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(bucketOwnerEnvironmentId, "bucketOwnerEnvironmentId");
        context = context == null ? RequestContext.EMPTY : context;
        publicAccessBlock = publicAccessBlock == null ? PublicAccessBlock.NONE : publicAccessBlock;
        ownership = ownership == null ? ObjectOwnership.OBJECT_WRITER : ownership;
    }

    /**
     * @param action an IAM action, "s3:GetObject" (from {@link IamActions})
     */
    public static Builder builder(Principal principal, String action, String bucket, String bucketOwnerEnvironmentId) {
        return new Builder(principal, action, bucket, bucketOwnerEnvironmentId);
    }

    public static final class Builder {
        private final Principal principal;
        private final String action;
        private final String bucket;
        private final String bucketOwner;
        private String key;
        private String objectOwner;
        private RequestContext context;
        private BucketPolicy policy;
        private Acl bucketAcl;
        private Acl objectAcl;
        private PublicAccessBlock publicAccessBlock;
        private ObjectOwnership ownership;

        private Builder(Principal principal, String action, String bucket, String bucketOwner) {
            this.principal = principal;
            this.action = action;
            this.bucket = bucket;
            this.bucketOwner = bucketOwner;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder objectOwner(String environmentId) {
            this.objectOwner = environmentId;
            return this;
        }

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        public Builder policy(BucketPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder bucketAcl(Acl acl) {
            this.bucketAcl = acl;
            return this;
        }

        public Builder objectAcl(Acl acl) {
            this.objectAcl = acl;
            return this;
        }

        public Builder publicAccessBlock(PublicAccessBlock block) {
            this.publicAccessBlock = block;
            return this;
        }

        public Builder ownership(ObjectOwnership ownership) {
            this.ownership = ownership;
            return this;
        }

        public AccessRequest build() {
            return new AccessRequest(principal, action, bucket, key, bucketOwner, objectOwner, context, policy, bucketAcl,
                    objectAcl, publicAccessBlock, ownership);
        }
    }
}
