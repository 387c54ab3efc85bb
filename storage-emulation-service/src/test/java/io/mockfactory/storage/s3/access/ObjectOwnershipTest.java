package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static io.mockfactory.storage.s3.access.AccessFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectOwnershipTest {
    @Test
    void shouldReadAndRenderOwnershipControls() {
        for (ObjectOwnership ownership : ObjectOwnership.values()) {
            assertEquals(ownership, ObjectOwnership.parseControls(utf8(ownership.controlsXml())));
            assertEquals(ownership, ObjectOwnership.named(ownership.awsName()).orElseThrow());
        }
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>",
                ObjectOwnership.BUCKET_OWNER_ENFORCED.controlsXml());
        assertEquals(ObjectOwnership.OBJECT_WRITER, ObjectOwnership.parseControls(utf8(
                "<OwnershipControls><Rule>\n<ObjectOwnership> ObjectWriter </ObjectOwnership>\n</Rule></OwnershipControls>")));
        assertFalse(ObjectOwnership.named("bucketownerenforced").isPresent());
    }

    @Test
    void shouldRefuseAnythingButExactlyOneKnownRule() {
        for (String body : List.of("", "<OwnershipControls/>", "<Other><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></Other>",
                "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule>"
                        + "<Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule></OwnershipControls>",
                "<OwnershipControls><Rule><ObjectOwnership>Everyone</ObjectOwnership></Rule></OwnershipControls>",
                "<OwnershipControls><Rule/></OwnershipControls>",
                "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership><ObjectOwnership>ObjectWriter"
                        + "</ObjectOwnership></Rule></OwnershipControls>")) {
            failsWith("MalformedXML", null, () -> ObjectOwnership.parseControls(utf8(body)));
        }
    }

    @Test
    void shouldAcceptOnlyTheBucketOwnersFullControlWhenAclsAreDisabled() {
        ObjectOwnership enforced = ObjectOwnership.BUCKET_OWNER_ENFORCED;
        assertFalse(enforced.aclsEnabled());
        enforced.checkAcl(Acl.privateTo(ALICE_OWNER), ALICE_OWNER);
        enforced.checkAcl(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(ALICE_OWNER, ALICE_OWNER), ALICE_OWNER);
        failsWith("AccessControlListNotSupported", "The bucket does not allow ACLs",
                () -> enforced.checkAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER), ALICE_OWNER));
        failsWith("AccessControlListNotSupported", "The bucket does not allow ACLs",
                () -> enforced.checkAcl(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(BOB_OWNER, ALICE_OWNER), ALICE_OWNER));
        failsWith("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                () -> enforced.checkCreateBucketAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER), ALICE_OWNER));
        enforced.checkCreateBucketAcl(Acl.privateTo(ALICE_OWNER), ALICE_OWNER);
        for (ObjectOwnership enabled : List.of(ObjectOwnership.OBJECT_WRITER, ObjectOwnership.BUCKET_OWNER_PREFERRED)) {
            assertTrue(enabled.aclsEnabled());
            enabled.checkAcl(CannedAcl.PUBLIC_READ_WRITE.toAcl(BOB_OWNER, ALICE_OWNER), ALICE_OWNER);
            enabled.checkCreateBucketAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER), ALICE_OWNER);
        }
    }

    @Test
    void shouldAnswerTheBucketOwnersFullControlForAnAclWhenAclsAreDisabled() {
        Acl stored = CannedAcl.PUBLIC_READ.toAcl(BOB_OWNER, ALICE_OWNER);
        assertEquals(Acl.privateTo(ALICE_OWNER), ObjectOwnership.BUCKET_OWNER_ENFORCED.effectiveAcl(stored, ALICE_OWNER));
        assertEquals(stored, ObjectOwnership.OBJECT_WRITER.effectiveAcl(stored, ALICE_OWNER));
    }
}
