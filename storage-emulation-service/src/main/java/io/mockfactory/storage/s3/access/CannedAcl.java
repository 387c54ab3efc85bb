package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;

import java.util.ArrayList;
import java.util.List;

/** S3's canned ACLs (the x-amz-acl header), each expanding to the grants AWS documents for it. */
public enum CannedAcl {
    PRIVATE("private"), PUBLIC_READ("public-read"), PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"), AWS_EXEC_READ("aws-exec-read"), BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"), LOG_DELIVERY_WRITE("log-delivery-write");

    /** The canonical user aws-exec-read grants READ to: Amazon EC2, which reads AMI bundles. */
    static final Grantee.CanonicalUser EC2 =
            new Grantee.CanonicalUser("6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c", "za-team");

    private final String header;

    CannedAcl(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** @throws io.mockfactory.storage.s3.S3Exception InvalidArgument for a name S3 does not know (names are case-sensitive) */
    public static CannedAcl parse(String value) {
        for (CannedAcl canned : values()) {
            if (canned.header.equals(value)) {
                return canned;
            }
        }
        throw S3Error.INVALID_ARGUMENT.exception().with("ArgumentName", "x-amz-acl").with("ArgumentValue", value);
    }

    /**
     * The ACL this canned ACL gives a resource.
     *
     * @param owner       the resource's owner: the bucket's for a bucket, the writer's for an object
     * @param bucketOwner the owner of the bucket the object is in (the owner itself for a bucket): the bucket-owner-*
     *                    ACLs grant it, and S3 ignores them on buckets, where they are the owner's own grant
     */
    public Acl toAcl(Owner owner, Owner bucketOwner) {
        List<Grant> grants = new ArrayList<>(Acl.privateTo(owner).grants());
        switch (this) {
            case PRIVATE -> {
            }
            case PUBLIC_READ -> grants.add(new Grant(Grantee.Group.ALL_USERS, Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new Grant(Grantee.Group.ALL_USERS, Permission.READ));
                grants.add(new Grant(Grantee.Group.ALL_USERS, Permission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ));
            case AWS_EXEC_READ -> grants.add(new Grant(EC2, Permission.READ));
            case BUCKET_OWNER_READ -> addBucketOwner(grants, owner, bucketOwner, Permission.READ);
            case BUCKET_OWNER_FULL_CONTROL -> addBucketOwner(grants, owner, bucketOwner, Permission.FULL_CONTROL);
            case LOG_DELIVERY_WRITE -> {
                grants.add(new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE));
                grants.add(new Grant(Grantee.Group.LOG_DELIVERY, Permission.READ_ACP));
            }
        }
        return new Acl(owner, grants);
    }

    private static void addBucketOwner(List<Grant> grants, Owner owner, Owner bucketOwner, Permission permission) {
        if (bucketOwner != null && !bucketOwner.id().equals(owner.id())) {
            grants.add(new Grant(new Grantee.CanonicalUser(bucketOwner.id(), bucketOwner.displayName()), permission));
        }
    }
}
