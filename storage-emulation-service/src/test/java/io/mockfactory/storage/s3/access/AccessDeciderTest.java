package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessDecider.Reason.ACL;
import static io.mockfactory.storage.s3.access.AccessDecider.Reason.EXPLICIT_DENY;
import static io.mockfactory.storage.s3.access.AccessDecider.Reason.IMPLICIT_DENY;
import static io.mockfactory.storage.s3.access.AccessDecider.Reason.OWNER;
import static io.mockfactory.storage.s3.access.AccessDecider.Reason.POLICY;
import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE;
import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_ENV;
import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.ANONYMOUS;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_ENV;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_OWNER;
import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Alice owns the bucket "b"; Bob is another environment; ANONYMOUS is an unsigned request. */
class AccessDeciderTest {
    private static final Acl BUCKET_PRIVATE = Acl.privateTo(ALICE_OWNER);

    @Test
    void shouldAllowTheOwnerAndNoOneElseByDefault() {
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectAcl", "s3:PutObjectTagging")) {
            assertEquals(OWNER, reason(request(ALICE, action, "k").bucketAcl(BUCKET_PRIVATE).objectAcl(Acl.privateTo(ALICE_OWNER))));
            assertEquals(IMPLICIT_DENY, reason(request(BOB, action, "k").bucketAcl(BUCKET_PRIVATE).objectAcl(Acl.privateTo(ALICE_OWNER))));
            assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, action, "k").bucketAcl(BUCKET_PRIVATE)));
        }
        for (String action : List.of("s3:ListBucket", "s3:PutBucketPolicy", "s3:GetBucketAcl", "s3:DeleteBucket")) {
            assertEquals(OWNER, reason(request(ALICE, action, null)));
            assertEquals(IMPLICIT_DENY, reason(request(BOB, action, null)));
        }
        failsWith("AccessDenied", "Access Denied", () -> AccessDecider.require(request(BOB, "s3:GetObject", "k").build()));
        AccessDecider.require(request(ALICE, "s3:GetObject", "k").build());
    }

    @Test
    void shouldLetAnExplicitDenyStopEvenTheOwner() {
        BucketPolicy deny = policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(EXPLICIT_DENY, reason(request(ALICE, "s3:DeleteObject", "k").policy(deny)));
        assertEquals(OWNER, reason(request(ALICE, "s3:GetObject", "k").policy(deny)));
        BucketPolicy denyAcl = policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(EXPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").policy(denyAcl)
                .objectAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER))), "over an ACL grant too");
    }

    @Test
    void shouldAllowWhatThePolicyAllows() {
        BucketPolicy publicRead = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(POLICY, reason(request(ANONYMOUS, "s3:GetObject", "k").policy(publicRead)));
        assertEquals(POLICY, reason(request(BOB, "s3:GetObject", "k").policy(publicRead)));
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:PutObject", "k").policy(publicRead)));
        BucketPolicy bobLists = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + BOB.accountId() + "\"},\"Action\":"
                + "\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\"}");
        assertEquals(POLICY, reason(request(BOB, "s3:ListBucket", null).policy(bobLists)));
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:ListBucket", null).policy(bobLists)));
    }

    @Test
    void shouldGrantBucketActionsByTheBucketAcl() {
        Acl bucketAcl = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ),
                new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.WRITE),
                new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.READ_ACP)));
        assertEquals(ACL, reason(request(BOB, "s3:ListBucket", null).bucketAcl(bucketAcl)));
        assertEquals(ACL, reason(request(BOB, "s3:ListBucketVersions", null).bucketAcl(bucketAcl)));
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:ListBucket", null).bucketAcl(bucketAcl)), "not signed");
        assertEquals(ACL, reason(request(BOB, "s3:PutObject", "new").bucketAcl(bucketAcl)), "PutObject is the bucket's WRITE");
        assertEquals(ACL, reason(request(BOB, "s3:DeleteObject", "k").bucketAcl(bucketAcl)));
        assertEquals(ACL, reason(request(BOB, "s3:GetBucketAcl", null).bucketAcl(bucketAcl)));
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:PutBucketAcl", null).bucketAcl(bucketAcl)));
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:GetObject", "k").bucketAcl(bucketAcl)), "reading is the object's READ");
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:PutBucketPolicy", null)
                .bucketAcl(CannedAcl.PUBLIC_READ_WRITE.toAcl(ALICE_OWNER, ALICE_OWNER))), "no ACL grants configuration");
        Acl full = new Acl(ALICE_OWNER, List.of(new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.FULL_CONTROL)));
        assertEquals(ACL, reason(request(BOB, "s3:PutBucketAcl", null).bucketAcl(full)));
    }

    @Test
    void shouldGrantObjectActionsByTheObjectAcl() {
        Acl publicRead = CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER);
        assertEquals(ACL, reason(request(ANONYMOUS, "s3:GetObject", "k").objectAcl(publicRead)));
        assertEquals(ACL, reason(request(ANONYMOUS, "s3:GetObjectVersion", "k").objectAcl(publicRead)));
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObjectAcl", "k").objectAcl(publicRead)));
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObjectTagging", "k").objectAcl(publicRead)), "no ACL grants tags");
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").bucketAcl(publicRead)), "the bucket's ACL is not the object's");
        Acl acp = new Acl(ALICE_OWNER, List.of(new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.READ_ACP),
                new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.WRITE_ACP)));
        assertEquals(ACL, reason(request(BOB, "s3:GetObjectAcl", "k").objectAcl(acp)));
        assertEquals(ACL, reason(request(BOB, "s3:PutObjectVersionAcl", "k").objectAcl(acp)));
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:GetObject", "k").objectAcl(acp)));
    }

    @Test
    void shouldIgnorePublicAclGrantsWithIgnorePublicAcls() {
        Acl acl = new Acl(ALICE_OWNER, List.of(new Grant(Grantee.Group.ALL_USERS, Permission.READ),
                new Grant(new Grantee.CanonicalUser(BOB.canonicalId(), null), Permission.READ)));
        PublicAccessBlock ignore = new PublicAccessBlock(false, true, false, false);
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").objectAcl(acl).publicAccessBlock(ignore)));
        assertEquals(ACL, reason(request(BOB, "s3:GetObject", "k").objectAcl(acl).publicAccessBlock(ignore)), "a grant to Bob is not public");
        assertEquals(ACL, reason(request(ANONYMOUS, "s3:GetObject", "k").objectAcl(acl).publicAccessBlock(new PublicAccessBlock(true, false, true, true))),
                "the other settings do not change ACL evaluation");
    }

    @Test
    void shouldKeepAPublicPolicyToTheBucketOwnersAccountWithRestrictPublicBuckets() {
        PublicAccessBlock restrict = new PublicAccessBlock(false, false, false, true);
        BucketPolicy publicPolicy = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}",
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + BOB.accountId() + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").policy(publicPolicy).publicAccessBlock(restrict)));
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:PutObject", "k").policy(publicPolicy).publicAccessBlock(restrict)),
                "cross-account grants of a public policy are blocked too");
        assertEquals(OWNER, reason(request(ALICE, "s3:GetObject", "k").policy(publicPolicy).publicAccessBlock(restrict)));
        BucketPolicy accountPolicy = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + BOB.accountId() + "\"},\"Action\":"
                + "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(POLICY, reason(request(BOB, "s3:PutObject", "k").policy(accountPolicy).publicAccessBlock(restrict)),
                "a policy that is not public is not restricted");
        assertEquals(ACL, reason(request(ANONYMOUS, "s3:GetObject", "k").policy(publicPolicy).publicAccessBlock(restrict)
                .objectAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER))), "ACLs are IgnorePublicAcls' business");
    }

    @Test
    void shouldLetTheWriterOwnItsObjectUnderObjectWriter() {
        Acl bobsObject = Acl.privateTo(BOB_OWNER);
        AccessRequest.Builder base = request(BOB, "s3:GetObject", "k").objectOwner(BOB_ENV).objectAcl(bobsObject);
        assertEquals(OWNER, reason(base));
        assertEquals(OWNER, reason(request(BOB, "s3:PutObjectAcl", "k").objectOwner(BOB_ENV).objectAcl(bobsObject)));
        assertEquals(IMPLICIT_DENY, reason(request(ALICE, "s3:GetObject", "k").objectOwner(BOB_ENV).objectAcl(bobsObject)),
                "the bucket owner does not own another environment's object");
        assertEquals(ACL, reason(request(ALICE, "s3:GetObject", "k").objectOwner(BOB_ENV)
                .objectAcl(CannedAcl.BUCKET_OWNER_READ.toAcl(BOB_OWNER, ALICE_OWNER))));
        assertEquals(OWNER, reason(request(ALICE, "s3:DeleteObject", "k").objectOwner(BOB_ENV).objectAcl(bobsObject)),
                "but may delete any object of its bucket");
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:DeleteObject", "k").objectOwner(BOB_ENV).objectAcl(bobsObject)),
                "deleting is the bucket's WRITE, which Bob does not have");
        BucketPolicy publicRead = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").objectOwner(BOB_ENV).objectAcl(bobsObject).policy(publicRead)),
                "the bucket owner's policy does not grant another owner's object");
        assertEquals(POLICY, reason(request(ANONYMOUS, "s3:GetObject", "k").objectOwner(ALICE_ENV).policy(publicRead)));
    }

    @Test
    void shouldDisableAclsAndMakeTheBucketOwnerOwnEverythingUnderBucketOwnerEnforced() {
        AccessRequest.Builder bobReads = request(BOB, "s3:GetObject", "k").objectOwner(BOB_ENV).objectAcl(Acl.privateTo(BOB_OWNER))
                .ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertEquals(IMPLICIT_DENY, reason(bobReads), "the writer owns nothing");
        assertEquals(OWNER, reason(request(ALICE, "s3:GetObject", "k").objectOwner(BOB_ENV).objectAcl(Acl.privateTo(BOB_OWNER))
                .ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED)));
        assertEquals(IMPLICIT_DENY, reason(request(ANONYMOUS, "s3:GetObject", "k").objectAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER))
                .ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED)), "ACLs grant nothing");
        assertEquals(IMPLICIT_DENY, reason(request(BOB, "s3:ListBucket", null).bucketAcl(CannedAcl.AUTHENTICATED_READ.toAcl(ALICE_OWNER, ALICE_OWNER))
                .ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED)));
        BucketPolicy publicRead = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(POLICY, reason(request(ANONYMOUS, "s3:GetObject", "k").objectOwner(BOB_ENV).policy(publicRead)
                .ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED)), "the policy covers every object: the bucket owner owns them");
        assertEquals(ACL, reason(request(ANONYMOUS, "s3:GetObject", "k").objectAcl(CannedAcl.PUBLIC_READ.toAcl(ALICE_OWNER, ALICE_OWNER))
                .ownership(ObjectOwnership.BUCKET_OWNER_PREFERRED)), "ACLs still work under BucketOwnerPreferred");
    }

    @Test
    void shouldCheckConditionsAgainstTheRequestContext() {
        BucketPolicy tls = policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
        RequestContext http = RequestContext.builder().put("aws:SecureTransport", false).build();
        assertEquals(EXPLICIT_DENY, reason(request(ALICE, "s3:ListBucket", null).policy(tls).context(http)));
        assertEquals(OWNER, reason(request(ALICE, "s3:ListBucket", null).policy(tls)
                .context(RequestContext.builder().put("aws:SecureTransport", true).build())));
    }

    private static BucketPolicy policy(String... statements) {
        return BucketPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}", "b");
    }

    private static AccessRequest.Builder request(Principal principal, String action, String key) {
        return AccessRequest.builder(principal, action, "b", ALICE_ENV).key(key);
    }

    private static AccessDecider.Reason reason(AccessRequest.Builder request) {
        AccessDecider.Decision decision = AccessDecider.decide(request.build());
        assertEquals(decision.reason() == OWNER || decision.reason() == POLICY || decision.reason() == ACL, decision.allowed());
        return decision.reason();
    }
}
