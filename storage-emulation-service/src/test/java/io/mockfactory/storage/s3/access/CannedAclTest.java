package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each canned ACL expands to the grants AWS's "Canned ACL" table gives it. */
class CannedAclTest {
    private static final Grant ALICE_FULL = new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), ALICE_OWNER.displayName()),
            Permission.FULL_CONTROL);

    @Test
    void shouldExpandEachCannedAclOfABucket() {
        assertEquals(List.of(ALICE_FULL), grants(CannedAcl.PRIVATE));
        assertEquals(List.of(ALICE_FULL, new Grant(Grantee.Group.ALL_USERS, Permission.READ)), grants(CannedAcl.PUBLIC_READ));
        assertEquals(List.of(ALICE_FULL, new Grant(Grantee.Group.ALL_USERS, Permission.READ),
                new Grant(Grantee.Group.ALL_USERS, Permission.WRITE)), grants(CannedAcl.PUBLIC_READ_WRITE));
        assertEquals(List.of(ALICE_FULL, new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ)),
                grants(CannedAcl.AUTHENTICATED_READ));
        assertEquals(List.of(ALICE_FULL, new Grant(new Grantee.CanonicalUser(
                "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c", "za-team"), Permission.READ)),
                grants(CannedAcl.AWS_EXEC_READ));
        assertEquals(List.of(ALICE_FULL, new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE),
                new Grant(Grantee.Group.LOG_DELIVERY, Permission.READ_ACP)), grants(CannedAcl.LOG_DELIVERY_WRITE));
        // On a bucket the bucket-owner-* ACLs are the owner's own FULL_CONTROL: S3 ignores them there
        assertEquals(List.of(ALICE_FULL), grants(CannedAcl.BUCKET_OWNER_READ));
        assertEquals(List.of(ALICE_FULL), grants(CannedAcl.BUCKET_OWNER_FULL_CONTROL));
    }

    @Test
    void shouldGiveTheBucketOwnerAccessToAnotherEnvironmentsObject() {
        Grant bobFull = new Grant(new Grantee.CanonicalUser(BOB_OWNER.id(), BOB_OWNER.displayName()), Permission.FULL_CONTROL);
        Acl read = CannedAcl.BUCKET_OWNER_READ.toAcl(BOB_OWNER, ALICE_OWNER);
        assertEquals(BOB_OWNER, read.owner());
        assertEquals(List.of(bobFull, new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), ALICE_OWNER.displayName()),
                Permission.READ)), read.grants());
        assertEquals(List.of(bobFull, ALICE_FULL), CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(BOB_OWNER, ALICE_OWNER).grants());
    }

    @Test
    void shouldReadExactlyTheHeaderValuesS3Knows() {
        for (CannedAcl canned : CannedAcl.values()) {
            assertEquals(canned, CannedAcl.parse(canned.header()));
        }
        var e = failsWith("InvalidArgument", null, () -> CannedAcl.parse("Public-Read"));
        assertEquals("x-amz-acl", e.details().get("ArgumentName"));
        assertEquals("Public-Read", e.details().get("ArgumentValue"));
        failsWith("InvalidArgument", null, () -> CannedAcl.parse("public"));
        failsWith("InvalidArgument", null, () -> CannedAcl.parse(""));
    }

    private static List<Grant> grants(CannedAcl canned) {
        Acl acl = canned.toAcl(ALICE_OWNER, ALICE_OWNER);
        assertEquals(ALICE_OWNER, acl.owner());
        return acl.grants();
    }
}
