package io.mockfactory.storage.s3.access;

import java.util.List;
import java.util.Objects;

/**
 * The access control list of a bucket or an object: its owner and grants, as S3 stores them. Build one from a request
 * with {@link AclRequest}, from a stored column with {@link AclJson}; answer GetBucketAcl/GetObjectAcl with {@link AclXml}.
 */
public record Acl(Owner owner, List<Grant> grants) {
    /** AWS caps an ACL at 100 grants. */
    public static final int MAX_GRANTS = 100;

    public Acl {
        Objects.requireNonNull(owner, "owner");
        grants = List.copyOf(grants);
    }

    /** The ACL of a new resource without any ACL asked for ("private"): the owner has FULL_CONTROL. */
    public static Acl privateTo(Owner owner) {
        return new Acl(owner, List.of(new Grant(new Grantee.CanonicalUser(owner.id(), owner.displayName()), Permission.FULL_CONTROL)));
    }

    /** Whether some grant gives this principal this permission (FULL_CONTROL implies every permission). */
    public boolean permits(Principal principal, Permission wanted) {
        for (Grant grant : grants) {
            if (grant.permission().implies(wanted) && grant.grantee().includes(principal)) {
                return true;
            }
        }
        return false;
    }

    /** AWS's "public": a grant to AllUsers or AuthenticatedUsers, whatever the permission. */
    public boolean isPublic() {
        return grants.stream().anyMatch(Grant::isPublic);
    }

    /** This ACL as IgnorePublicAcls makes S3 read it: without its public grants. */
    public Acl withoutPublicGrants() {
        return new Acl(owner, grants.stream().filter(grant -> !grant.isPublic()).toList());
    }

    /**
     * Whether this ACL is one that a bucket with ACLs disabled (BucketOwnerEnforced) still accepts: every grant gives
     * FULL_CONTROL to the bucket owner, as "private" on a bucket and "bucket-owner-full-control" on an object do.
     */
    public boolean onlyBucketOwnerFullControl(Owner bucketOwner) {
        for (Grant grant : grants) {
            if (grant.permission() != Permission.FULL_CONTROL
                    || !(grant.grantee() instanceof Grantee.CanonicalUser user) || !user.id().equals(bucketOwner.id())) {
                return false;
            }
        }
        return true;
    }
}
