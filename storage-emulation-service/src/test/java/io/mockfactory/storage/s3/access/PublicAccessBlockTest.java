package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static io.mockfactory.storage.s3.access.AccessFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicAccessBlockTest {
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    @Test
    void shouldReadTheConfigurationWithMissingSettingsFalse() {
        assertEquals(new PublicAccessBlock(true, false, true, false), parse("<PublicAccessBlockConfiguration" + NS
                + "><BlockPublicAcls>true</BlockPublicAcls><BlockPublicPolicy> TRUE </BlockPublicPolicy></PublicAccessBlockConfiguration>"));
        assertEquals(PublicAccessBlock.NONE, parse("<PublicAccessBlockConfiguration><IgnorePublicAcls>false</IgnorePublicAcls>"
                + "</PublicAccessBlockConfiguration>"));
        assertEquals(PublicAccessBlock.ALL, parse(PublicAccessBlock.ALL.toXml()));
    }

    @Test
    void shouldRenderEverySetting() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PublicAccessBlockConfiguration" + NS + ">"
                + "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
                + "<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                + "</PublicAccessBlockConfiguration>", new PublicAccessBlock(true, false, false, true).toXml());
    }

    @Test
    void shouldRefuseConfigurationsS3Refuses() {
        failsWith("InvalidRequest", "Must specify at least one configuration.", () -> parse("<PublicAccessBlockConfiguration" + NS + "/>"));
        for (String body : List.of("", "not xml", "<Other><BlockPublicAcls>true</BlockPublicAcls></Other>",
                "<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>",
                "<PublicAccessBlockConfiguration><BlockPublicAcls/></PublicAccessBlockConfiguration>",
                "<PublicAccessBlockConfiguration><BlockEverything>true</BlockEverything></PublicAccessBlockConfiguration>",
                "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><BlockPublicAcls>false</BlockPublicAcls>"
                        + "</PublicAccessBlockConfiguration>",
                "<PublicAccessBlockConfiguration>true</PublicAccessBlockConfiguration>")) {
            failsWith("MalformedXML", null, () -> parse(body));
        }
    }

    @Test
    void shouldRefusePublicAclsAndPoliciesWhenTheyArePut() {
        Acl publicAcl = CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER);
        Acl privateAcl = Acl.privateTo(ALICE_OWNER);
        BucketPolicy publicPolicy = BucketPolicy.parse(BucketPolicyTest.document(BucketPolicyTest.statement("")), "b");
        BucketPolicy accountPolicy = BucketPolicy.parse(BucketPolicyTest.document(BucketPolicyTest.statement("")
                .replace("\"*\"", "{\"AWS\":\"111122223333\"}")), "b");
        PublicAccessBlock acls = new PublicAccessBlock(true, false, false, false);
        failsWith("AccessDenied", "Access Denied", () -> acls.checkAcl(publicAcl));
        failsWith("AccessDenied", "Access Denied", () -> acls.checkAcl(CannedAcl.AUTHENTICATED_READ.toAcl(ALICE_OWNER, ALICE_OWNER)));
        acls.checkAcl(privateAcl);
        acls.checkAcl(CannedAcl.LOG_DELIVERY_WRITE.toAcl(ALICE_OWNER, ALICE_OWNER));
        acls.checkPolicy(publicPolicy);
        PublicAccessBlock policies = new PublicAccessBlock(false, true, true, true);
        failsWith("AccessDenied", "Access Denied", () -> policies.checkPolicy(publicPolicy));
        policies.checkPolicy(accountPolicy);
        policies.checkAcl(publicAcl);
        PublicAccessBlock.NONE.checkAcl(publicAcl);
        PublicAccessBlock.NONE.checkPolicy(publicPolicy);
    }

    private static PublicAccessBlock parse(String body) {
        return PublicAccessBlock.parse(utf8(body));
    }
}
