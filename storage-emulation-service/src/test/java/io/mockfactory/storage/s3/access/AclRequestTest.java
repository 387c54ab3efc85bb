package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static io.mockfactory.storage.s3.access.AccessFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclRequestTest {
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    @Test
    void shouldMakeANewResourcePrivateWithoutAclHeaders() {
        AclRequest request = AclRequest.read(headers());
        assertTrue(request.isEmpty());
        assertEquals(Acl.privateTo(ALICE_OWNER), request.toAcl(ALICE_OWNER, ALICE_OWNER));
    }

    @Test
    void shouldApplyACannedAcl() {
        AclRequest request = AclRequest.read(headers("x-amz-acl", "public-read"));
        assertEquals(CannedAcl.PUBLIC_READ, request.canned().orElseThrow());
        assertFalse(request.hasGrantHeaders());
        assertEquals(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER), request.toAcl(ALICE_OWNER, ALICE_OWNER));
        assertEquals(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(BOB_OWNER, ALICE_OWNER),
                AclRequest.read(headers("x-amz-acl", "bucket-owner-full-control")).toAcl(BOB_OWNER, ALICE_OWNER));
    }

    @Test
    void shouldGrantExactlyWhatTheGrantHeadersSay() {
        AclRequest request = AclRequest.read(headers(
                "x-amz-grant-read", "uri=\"" + ALL_USERS + "\", id=\"" + BOB_OWNER.id() + "\"",
                "x-amz-grant-write-acp", "id=" + ALICE_OWNER.id(),
                "x-amz-grant-full-control", " id=\"" + BOB_OWNER.id().toUpperCase() + "\" ",
                "x-amz-grant-write", "uri=\"http://acs.amazonaws.com/groups/s3/LogDelivery\"",
                "x-amz-grant-read-acp", "uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\""));
        assertTrue(request.hasGrantHeaders());
        Acl acl = request.toAcl(ALICE_OWNER, ALICE_OWNER);
        Grantee.CanonicalUser bob = new Grantee.CanonicalUser(BOB_OWNER.id(), null);
        assertEquals(List.of(new Grant(Grantee.Group.ALL_USERS, Permission.READ), new Grant(bob, Permission.READ),
                new Grant(Grantee.Group.LOG_DELIVERY, Permission.WRITE),
                new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ_ACP),
                new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), ALICE_OWNER.displayName()), Permission.WRITE_ACP),
                new Grant(bob, Permission.FULL_CONTROL)), acl.grants(), "no FULL_CONTROL is added for the owner");
        assertEquals(ALICE_OWNER, acl.owner());
    }

    @Test
    void shouldRefuseCannedAndHeaderGrantsTogether() {
        failsWith("InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed",
                () -> AclRequest.read(headers("x-amz-acl", "private", "x-amz-grant-read", "uri=\"" + ALL_USERS + "\"")));
    }

    @Test
    void shouldAnswerS3sErrorsForGranteesItCannotRead() {
        failsWith("InvalidArgument", null, () -> AclRequest.read(headers("x-amz-acl", "world-readable")));
        S3Exception format = failsWith("InvalidArgument", "Argument format not recognized",
                () -> AclRequest.read(headers("x-amz-grant-read", "user=\"bob\"")));
        assertEquals("x-amz-grant-read", format.details().get("ArgumentName"));
        assertEquals("user=\"bob\"", format.details().get("ArgumentValue"));
        failsWith("InvalidArgument", "Argument format not recognized", () -> AclRequest.read(headers("x-amz-grant-write", "everyone")));
        failsWith("InvalidArgument", "Argument format not recognized",
                () -> AclRequest.read(headers("x-amz-grant-write", "uri=\"" + ALL_USERS + "\",")));
        S3Exception uri = failsWith("InvalidArgument", "Invalid group uri",
                () -> AclRequest.read(headers("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/Nobody\"")));
        assertEquals("uri", uri.details().get("ArgumentName"));
        S3Exception id = failsWith("InvalidArgument", "Invalid id", () -> AclRequest.read(headers("x-amz-grant-read", "id=\"12345\"")));
        assertEquals("id", id.details().get("ArgumentName"));
        failsWith("UnresolvableGrantByEmailAddress", null,
                () -> AclRequest.read(headers("x-amz-grant-full-control", "emailAddress=\"a@example.com\"")));
    }

    @Test
    void shouldTakePutAclsAclFromHeadersOrBodyButNotBoth() {
        byte[] body = utf8(AclXml.render(CannedAcl.AUTHENTICATED_READ.toAcl(ALICE_OWNER, ALICE_OWNER)));
        assertEquals(CannedAcl.AUTHENTICATED_READ.toAcl(ALICE_OWNER, ALICE_OWNER),
                AclRequest.forPutAcl(headers(), body, ALICE_OWNER, ALICE_OWNER));
        assertEquals(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER),
                AclRequest.forPutAcl(headers("x-amz-acl", "public-read"), new byte[0], ALICE_OWNER, ALICE_OWNER));
        assertEquals(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER),
                AclRequest.forPutAcl(headers("x-amz-acl", "public-read"), null, ALICE_OWNER, ALICE_OWNER));
        failsWith("UnexpectedContent", "This request does not support content",
                () -> AclRequest.forPutAcl(headers("x-amz-acl", "public-read"), body, ALICE_OWNER, ALICE_OWNER));
        S3Exception missing = failsWith("MissingSecurityHeader", "Your request was missing a required header",
                () -> AclRequest.forPutAcl(headers(), new byte[0], ALICE_OWNER, ALICE_OWNER));
        assertEquals("x-amz-acl", missing.details().get("MissingHeaderName"));
        failsWith("MalformedACLError", null, () -> AclRequest.forPutAcl(headers(), utf8("<x/>"), ALICE_OWNER, ALICE_OWNER));
    }

    private static java.util.function.Function<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }
}
