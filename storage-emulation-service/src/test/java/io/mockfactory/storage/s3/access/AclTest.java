package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE;
import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.ANONYMOUS;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclTest {
    private static final Grantee.CanonicalUser BOB_USER = new Grantee.CanonicalUser(BOB_OWNER.id(), null);

    @Test
    void shouldLetFullControlImplyEveryPermission() {
        Acl acl = Acl.privateTo(ALICE_OWNER);
        for (Permission permission : Permission.values()) {
            assertTrue(acl.permits(ALICE, permission), permission.name());
            assertFalse(acl.permits(BOB, permission), permission.name());
            assertFalse(acl.permits(ANONYMOUS, permission), permission.name());
        }
    }

    @Test
    void shouldGrantOnlyTheNamedPermission() {
        Acl acl = new Acl(ALICE_OWNER, List.of(new Grant(BOB_USER, Permission.READ)));
        assertTrue(acl.permits(BOB, Permission.READ));
        assertFalse(acl.permits(BOB, Permission.WRITE));
        assertFalse(acl.permits(BOB, Permission.READ_ACP));
        assertFalse(acl.permits(BOB, Permission.FULL_CONTROL), "READ does not imply FULL_CONTROL");
        assertFalse(acl.permits(ALICE, Permission.READ), "the owner is not granted by being the owner: the decider does that");
    }

    @Test
    void shouldCountAnonymousInAllUsersAndAnySignedCallerInAuthenticatedUsers() {
        Acl all = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.ALL_USERS, Permission.READ)));
        assertTrue(all.permits(ANONYMOUS, Permission.READ));
        assertTrue(all.permits(BOB, Permission.READ));
        Acl authenticated = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.WRITE)));
        assertFalse(authenticated.permits(ANONYMOUS, Permission.WRITE));
        assertTrue(authenticated.permits(BOB, Permission.WRITE), "any environment, not only the owner's");
        Acl logs = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.LOG_DELIVERY, Permission.FULL_CONTROL)));
        assertFalse(logs.permits(ANONYMOUS, Permission.WRITE));
        assertFalse(logs.permits(BOB, Permission.WRITE));
    }

    @Test
    void shouldCallGrantsToAllUsersOrAuthenticatedUsersPublic() {
        assertFalse(Acl.privateTo(ALICE_OWNER).isPublic());
        assertTrue(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER).isPublic());
        assertTrue(CannedAcl.AUTHENTICATED_READ.toAcl(ALICE_OWNER, ALICE_OWNER).isPublic());
        assertFalse(CannedAcl.LOG_DELIVERY_WRITE.toAcl(ALICE_OWNER, ALICE_OWNER).isPublic());
        assertFalse(new Acl(ALICE_OWNER, List.of(new Grant(BOB_USER, Permission.FULL_CONTROL))).isPublic());
    }

    @Test
    void shouldDropOnlyPublicGrantsForIgnorePublicAcls() {
        Acl acl = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.ALL_USERS, Permission.READ),
                new Grant(BOB_USER, Permission.READ), new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.WRITE),
                new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE)));
        assertEquals(List.of(new Grant(BOB_USER, Permission.READ), new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE)),
                acl.withoutPublicGrants().grants());
        assertEquals(ALICE_OWNER, acl.withoutPublicGrants().owner());
    }

    @Test
    void shouldRecogniseAclsThatOnlyGiveTheBucketOwnerFullControl() {
        assertTrue(Acl.privateTo(ALICE_OWNER).onlyBucketOwnerFullControl(ALICE_OWNER));
        assertTrue(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(ALICE_OWNER, ALICE_OWNER).onlyBucketOwnerFullControl(ALICE_OWNER));
        assertTrue(new Acl(BOB_OWNER, List.of()).onlyBucketOwnerFullControl(ALICE_OWNER), "no grants at all gives nothing away");
        assertFalse(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(BOB_OWNER, ALICE_OWNER).onlyBucketOwnerFullControl(ALICE_OWNER),
                "the writer keeps FULL_CONTROL too");
        assertFalse(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER).onlyBucketOwnerFullControl(ALICE_OWNER));
        assertFalse(new Acl(ALICE_OWNER, List.of(new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), null), Permission.READ)))
                .onlyBucketOwnerFullControl(ALICE_OWNER));
    }
}
