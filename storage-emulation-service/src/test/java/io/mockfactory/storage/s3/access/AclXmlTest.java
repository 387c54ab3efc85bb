package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static io.mockfactory.storage.s3.access.AccessFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AclXmlTest {
    private static final String MALFORMED = "The XML you provided was not well-formed or did not validate against our published schema";
    private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    @Test
    void shouldRenderTheDocumentAsS3Does() {
        Acl acl = new Acl(ALICE_OWNER, List.of(
                new Grant(new Grantee.CanonicalUser(ALICE_OWNER.id(), ALICE_OWNER.displayName()), Permission.FULL_CONTROL),
                new Grant(new Grantee.CanonicalUser(BOB_OWNER.id(), null), Permission.READ_ACP),
                new Grant(Grantee.Group.ALL_USERS, Permission.READ)));
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>" + ALICE_OWNER.id() + "</ID><DisplayName>env-alice</DisplayName></Owner>"
                + "<AccessControlList>"
                + "<Grant><Grantee " + XSI + " xsi:type=\"CanonicalUser\"><ID>" + ALICE_OWNER.id()
                + "</ID><DisplayName>env-alice</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee " + XSI + " xsi:type=\"CanonicalUser\"><ID>" + BOB_OWNER.id()
                + "</ID></Grantee><Permission>READ_ACP</Permission></Grant>"
                + "<Grant><Grantee " + XSI + " xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>"
                + "</Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>";
        assertEquals(expected, AclXml.render(acl));
    }

    @Test
    void shouldReadBackWhatItRenders() {
        for (CannedAcl canned : CannedAcl.values()) {
            Acl acl = canned.toAcl(BOB_OWNER, ALICE_OWNER);
            assertEquals(acl, AclXml.parse(utf8(AclXml.render(acl)), BOB_OWNER, ALICE_OWNER), canned.header());
        }
        Acl empty = new Acl(ALICE_OWNER, List.of());
        assertEquals(empty, AclXml.parse(utf8(AclXml.render(empty)), ALICE_OWNER, ALICE_OWNER), "an empty list is valid");
    }

    @Test
    void shouldReadWhatTheAwsSdkSends() {
        // The SDK's form: namespace on the root, xsi declared on each Grantee, no DisplayName, white space between
        String body = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
                + "  <AccessControlList>\n"
                + "    <Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + BOB_OWNER.id().toUpperCase() + "</ID></Grantee><Permission>WRITE</Permission></Grant>\n"
                + "    <Grant><Grantee xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:type=\"Group\">"
                + "<URI> http://acs.amazonaws.com/groups/s3/LogDelivery </URI></Grantee><Permission>READ_ACP</Permission></Grant>\n"
                + "  </AccessControlList>\n"
                + "  <Owner><ID>" + ALICE_OWNER.id() + "</ID><DisplayName>ignored</DisplayName></Owner>\n"
                + "</AccessControlPolicy>";
        Acl acl = AclXml.parse(utf8(body), ALICE_OWNER, ALICE_OWNER);
        assertEquals(ALICE_OWNER, acl.owner(), "the owner is the resource's, not what the document calls it");
        assertEquals(List.of(new Grant(new Grantee.CanonicalUser(BOB_OWNER.id(), null), Permission.WRITE),
                new Grant(Grantee.Group.LOG_DELIVERY, Permission.READ_ACP)), acl.grants());
    }

    @Test
    void shouldGiveKnownOwnersTheirDisplayNames() {
        Acl acl = AclXml.parse(utf8(policy(ALICE_OWNER.id(), grant("CanonicalUser", "<ID>" + BOB_OWNER.id() + "</ID>", "READ"))),
                ALICE_OWNER, BOB_OWNER);
        assertEquals(new Grantee.CanonicalUser(BOB_OWNER.id(), BOB_OWNER.displayName()), acl.grants().get(0).grantee());
    }

    @Test
    void shouldAnswerAccessDeniedToADocumentNamingAnotherOwner() {
        failsWith("AccessDenied", "Access Denied", () -> AclXml.parse(utf8(policy(BOB_OWNER.id(), "")), ALICE_OWNER, ALICE_OWNER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<AccessControlPolicy>", "<Other/>",
            "<AccessControlPolicy><AccessControlList/></AccessControlPolicy>",
            "<AccessControlPolicy><Owner/><AccessControlList/></AccessControlPolicy>",
            "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner></AccessControlPolicy>",
            "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList/><AccessControlList/></AccessControlPolicy>",
            "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList>text</AccessControlList></AccessControlPolicy>",
            "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList><Other/></AccessControlList></AccessControlPolicy>"})
    void shouldRefuseDocumentsThatAreNotAnAccessControlPolicy(String body) {
        failsWith("MalformedACLError", MALFORMED, () -> AclXml.parse(utf8(body.replace("OWNER", ALICE_OWNER.id())), ALICE_OWNER, ALICE_OWNER));
    }

    @Test
    void shouldRefuseGrantsS3CannotRead() {
        String id = "<ID>" + BOB_OWNER.id() + "</ID>";
        malformed(grant("CanonicalUser", id, "READ_WRITE"));
        malformed(grant("CanonicalUser", id, "read"));
        malformed(grant("CanonicalUser", id, ""));
        malformed(grant("Someone", id, "READ"));
        malformed(grant("CanonicalUser", "", "READ"));
        malformed(grant("Group", "", "READ"));
        malformed("<Grant><Grantee>" + id + "</Grantee><Permission>READ</Permission></Grant>");
        malformed("<Grant><Permission>READ</Permission></Grant>");
        malformed("<Grant><Grantee " + XSI + " xsi:type=\"CanonicalUser\">" + id + "</Grantee></Grant>");
        malformed(grant("CanonicalUser", id, "READ") .replace("</Grant>", "<Permission>WRITE</Permission></Grant>"));
        malformed(grant("CanonicalUser", id, "READ").repeat(Acl.MAX_GRANTS + 1));
    }

    @Test
    void shouldAnswerS3sErrorsForGranteesItDoesNotKnow() {
        S3Exception id = failsWith("InvalidArgument", "Invalid id", () -> parseGrant(grant("CanonicalUser", "<ID>abc</ID>", "READ")));
        assertEquals("CanonicalUser/ID", id.details().get("ArgumentName"));
        assertEquals("abc", id.details().get("ArgumentValue"));
        S3Exception uri = failsWith("InvalidArgument", "Invalid group uri",
                () -> parseGrant(grant("Group", "<URI>http://acs.amazonaws.com/groups/global/Everyone</URI>", "READ")));
        assertEquals("Group/URI", uri.details().get("ArgumentName"));
        S3Exception email = failsWith("UnresolvableGrantByEmailAddress",
                "The email address you provided does not match any account on record.",
                () -> parseGrant(grant("AmazonCustomerByEmail", "<EmailAddress>a@example.com</EmailAddress>", "READ")));
        assertEquals("a@example.com", email.details().get("EmailAddress"));
    }

    @Test
    void shouldNotResolveExternalEntities() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<AccessControlPolicy><Owner><ID>&x;</ID></Owner><AccessControlList/></AccessControlPolicy>";
        failsWith("MalformedACLError", MALFORMED, () -> AclXml.parse(utf8(body), ALICE_OWNER, ALICE_OWNER));
    }

    private static void malformed(String grants) {
        failsWith("MalformedACLError", MALFORMED, () -> parseGrant(grants));
    }

    private static Acl parseGrant(String grants) {
        return AclXml.parse(utf8(policy(ALICE_OWNER.id(), grants)), ALICE_OWNER, ALICE_OWNER);
    }

    private static String grant(String type, String content, String permission) {
        return "<Grant><Grantee " + XSI + " xsi:type=\"" + type + "\">" + content + "</Grantee><Permission>" + permission
                + "</Permission></Grant>";
    }

    private static String policy(String ownerId, String grants) {
        return "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>" + ownerId
                + "</ID></Owner><AccessControlList>" + grants + "</AccessControlList></AccessControlPolicy>";
    }
}
