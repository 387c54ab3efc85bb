package io.mockfactory.storage.s3.access;

import java.util.Optional;

/**
 * A bucket as access control sees it: who owns it, and its parsed policy, ACL, public access block and ownership
 * controls (null where the bucket has none).
 */
public record BucketAccess(long bucketId, String environmentId, String name, BucketPolicy policy, Acl acl,
                           PublicAccessBlock publicAccessBlock, ObjectOwnership ownership) {

    public Owner owner() {
        return Identities.owner(environmentId);
    }

    /** The ACL S3 evaluates: the stored one, else the owner's FULL_CONTROL alone. */
    public Acl effectiveAcl() {
        return acl == null ? Acl.privateTo(owner()) : acl;
    }

    public ObjectOwnership effectiveOwnership() {
        return Optional.ofNullable(ownership).orElse(ObjectOwnership.OBJECT_WRITER);
    }

    public PublicAccessBlock effectivePublicAccessBlock() {
        return publicAccessBlock == null ? PublicAccessBlock.NONE : publicAccessBlock;
    }

    /** The owner's own requests need no evaluation unless a policy could deny them. */
    public boolean ownerNeedsNoCheck(Principal principal) {
        return policy == null && principal.isEnvironment(environmentId);
    }
}
