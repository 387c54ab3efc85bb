package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AclJsonTest {
    @Test
    void shouldStoreAndReadBackEveryKindOfGrant() {
        Acl acl = new Acl(BOB_OWNER, List.of(new Grant(new Grantee.CanonicalUser(BOB_OWNER.id(), BOB_OWNER.displayName()),
                Permission.FULL_CONTROL), new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), null), Permission.READ_ACP),
                new Grant(Grantee.Group.ALL_USERS, Permission.READ), new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.WRITE),
                new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE_ACP)));
        assertEquals(acl, AclJson.read(AclJson.write(acl)));
        Acl anonymousOwner = new Acl(new Owner(ALICE_OWNER.id(), null), List.of());
        assertEquals(anonymousOwner, AclJson.read(AclJson.write(anonymousOwner)));
    }

    @Test
    void shouldWriteAStableDocument() {
        Acl acl = new Acl(new Owner("o", "name"), List.of(new Grant(Grantee.Group.ALL_USERS, Permission.READ)));
        assertEquals("{\"owner\":{\"id\":\"o\",\"displayName\":\"name\"},\"grants\":[{\"type\":\"Group\","
                + "\"uri\":\"http://acs.amazonaws.com/groups/global/AllUsers\",\"permission\":\"READ\"}]}", AclJson.write(acl));
    }

    @Test
    void shouldTreatAColumnThatDoesNotReadBackAsABug() {
        assertThrows(IllegalStateException.class, () -> AclJson.read("not json"));
        assertThrows(IllegalStateException.class, () -> AclJson.read("{\"grants\":[]}"));
        assertThrows(IllegalStateException.class, () -> AclJson.read("{\"owner\":{\"id\":\"o\"},\"grants\":[{\"type\":\"Email\","
                + "\"permission\":\"READ\"}]}"));
        assertThrows(IllegalStateException.class, () -> AclJson.read("{\"owner\":{\"id\":\"o\"},\"grants\":[{\"type\":\"Group\","
                + "\"uri\":\"x\",\"permission\":\"READ\"}]}"));
        assertThrows(IllegalStateException.class, () -> AclJson.read("{\"owner\":{\"id\":\"o\"},\"grants\":[{\"type\":\"Group\","
                + "\"uri\":\"http://acs.amazonaws.com/groups/global/AllUsers\",\"permission\":\"ALL\"}]}"));
    }
}
