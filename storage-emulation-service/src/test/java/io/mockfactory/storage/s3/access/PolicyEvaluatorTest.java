package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE;
import static io.mockfactory.storage.s3.access.AccessFixtures.ANONYMOUS;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB;
import static io.mockfactory.storage.s3.access.PolicyEvaluator.Decision.ALLOW;
import static io.mockfactory.storage.s3.access.PolicyEvaluator.Decision.DENY;
import static io.mockfactory.storage.s3.access.PolicyEvaluator.Decision.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bucket policies from AWS's "Examples of Amazon S3 bucket policies", evaluated for MockFactory's principals. */
class PolicyEvaluatorTest {
    private static final String BUCKET = "doc-example-bucket";
    private static final String ARN = "arn:aws:s3:::" + BUCKET;

    @Test
    void shouldGrantAnonymousReadWithThePublicReadPolicy() {
        BucketPolicy policy = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":[\"" + ARN + "/*\"]}]}");
        assertEquals(ALLOW, decide(policy, ANONYMOUS, "s3:GetObject", "photos/cat.jpg"));
        assertEquals(ALLOW, decide(policy, BOB, "s3:GetObjectVersion", "photos/cat.jpg"));
        assertEquals(ALLOW, decide(policy, ANONYMOUS, "S3:GETOBJECT", ""), "actions compare case-insensitively; the empty key is an object");
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:PutObject", "photos/cat.jpg"));
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:GetObjectAcl", "photos/cat.jpg"));
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:ListBucket", null), "the bucket itself is not one of its objects");
        assertEquals(NONE, PolicyEvaluator.evaluate(policy, ANONYMOUS, "s3:GetObject", "other-bucket", "k", RequestContext.EMPTY));
        assertEquals(NONE, PolicyEvaluator.evaluate(null, ANONYMOUS, "s3:GetObject", BUCKET, "k", RequestContext.EMPTY));
    }

    @Test
    void shouldDenyRequestsWithoutSecureTransport() {
        BucketPolicy policy = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"RestrictToTLSRequestsOnly\","
                + "\"Action\":\"s3:*\",\"Effect\":\"Deny\",\"Resource\":[\"" + ARN + "\",\"" + ARN + "/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}},\"Principal\":\"*\"}]}");
        RequestContext http = RequestContext.builder().put("aws:SecureTransport", false).build();
        RequestContext https = RequestContext.builder().put("aws:securetransport", "TRUE").build();
        assertEquals(DENY, decide(policy, ALICE, "s3:GetObject", "k", http), "even the owner: Deny is explicit");
        assertEquals(DENY, decide(policy, ANONYMOUS, "s3:ListBucket", null, http));
        assertEquals(NONE, decide(policy, ALICE, "s3:GetObject", "k", https));
        assertEquals(NONE, decide(policy, ALICE, "s3:GetObject", "k", RequestContext.EMPTY), "a missing key does not equal false");
    }

    @Test
    void shouldLimitAccessToAnAllowListOfAddresses() {
        BucketPolicy deny = parse("{\"Version\":\"2012-10-17\",\"Id\":\"S3PolicyId1\",\"Statement\":[{\"Sid\":\"IPAllow\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"" + ARN + "\",\"" + ARN + "/*\"],"
                + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"2001:DB8:1234:5678::/64\"]}}}]}");
        assertEquals(NONE, decide(deny, ALICE, "s3:PutObject", "k", ip("192.0.2.17")));
        assertEquals(NONE, decide(deny, ALICE, "s3:PutObject", "k", ip("2001:db8:1234:5678:aaaa::1")));
        assertEquals(NONE, decide(deny, ALICE, "s3:PutObject", "k", ip("::ffff:192.0.2.200")), "an IPv4 client on a dual-stack socket");
        assertEquals(DENY, decide(deny, ALICE, "s3:PutObject", "k", ip("198.51.100.1")));
        assertEquals(DENY, decide(deny, ALICE, "s3:PutObject", "k", ip("2001:db8:1234:5679::1")));
        assertEquals(DENY, decide(deny, ALICE, "s3:PutObject", "k", RequestContext.EMPTY), "NotIpAddress holds without an address");

        BucketPolicy allow = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\","
                + "\"2001:DB8:1234:5678::/64\"]},\"NotIpAddress\":{\"aws:SourceIp\":[\"192.0.2.188/32\","
                + "\"2001:DB8:1234:5678:ABCD::/80\"]}}}]}");
        assertEquals(ALLOW, decide(allow, ANONYMOUS, "s3:GetObject", "k", ip("192.0.2.1")));
        assertEquals(NONE, decide(allow, ANONYMOUS, "s3:GetObject", "k", ip("192.0.2.188")), "both operators must hold");
        assertEquals(ALLOW, decide(allow, ANONYMOUS, "s3:GetObject", "k", ip("2001:db8:1234:5678::1")));
        assertEquals(NONE, decide(allow, ANONYMOUS, "s3:GetObject", "k", ip("2001:db8:1234:5678:abcd::1")));
        assertEquals(NONE, decide(allow, ANONYMOUS, "s3:GetObject", "k", RequestContext.EMPTY));
    }

    @Test
    void shouldGrantAnotherAccountUploadsThatGiveTheBucketOwnerFullControl() {
        BucketPolicy policy = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountUpload\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + BOB.accountId() + ":root\"},\"Action\":[\"s3:PutObject\",\"s3:PutObjectAcl\"],"
                + "\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}");
        RequestContext full = RequestContext.builder().put("s3:x-amz-acl", "bucket-owner-full-control").build();
        RequestContext publicRead = RequestContext.builder().put("s3:x-amz-acl", "public-read").build();
        assertEquals(ALLOW, decide(policy, BOB, "s3:PutObject", "uploads/a", full));
        assertEquals(NONE, decide(policy, BOB, "s3:PutObject", "uploads/a", publicRead));
        assertEquals(NONE, decide(policy, BOB, "s3:PutObject", "uploads/a", RequestContext.EMPTY));
        assertEquals(NONE, decide(policy, ALICE, "s3:PutObject", "uploads/a", full), "another account");
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:PutObject", "uploads/a", full));
    }

    @Test
    void shouldNameAnAccountByEachOfItsForms() {
        for (String aws : List.of(BOB.accountId(), "arn:aws:iam::" + BOB.accountId() + ":root",
                "arn:aws:iam::" + BOB.accountId() + ":user/team/bob", "arn:aws:iam::" + BOB.accountId() + ":role/reader",
                "arn:aws:sts::" + BOB.accountId() + ":assumed-role/reader/session", "arn:aws-cn:iam::" + BOB.accountId() + ":root",
                BOB.accessKeyId())) {
            BucketPolicy policy = parse(allowGet("{\"AWS\":\"" + aws + "\"}"));
            assertEquals(ALLOW, decide(policy, BOB, "s3:GetObject", "k"), aws);
            assertEquals(NONE, decide(policy, ALICE, "s3:GetObject", "k"), aws);
            assertEquals(NONE, decide(policy, ANONYMOUS, "s3:GetObject", "k"), aws);
        }
        assertEquals(ALLOW, decide(parse(allowGet("{\"CanonicalUser\":\"" + BOB.canonicalId() + "\"}")), BOB, "s3:GetObject", "k"));
        assertEquals(NONE, decide(parse(allowGet("{\"AWS\":\"AKIAOTHERKEY00000000\"}")), BOB, "s3:GetObject", "k"),
                "another key of no environment here");
        assertEquals(NONE, decide(parse(allowGet("{\"AWS\":\"arn:aws:iam::" + BOB.accountId() + ":group/g\"}")), BOB, "s3:GetObject", "k"));
        assertEquals(NONE, decide(parse(allowGet("{\"Service\":\"cloudfront.amazonaws.com\"}")), BOB, "s3:GetObject", "k"));
        assertEquals(NONE, decide(parse(allowGet("{\"CanonicalUser\":\"*\"}")), BOB, "s3:GetObject", "k"));
        BucketPolicy either = parse(allowGet("{\"AWS\":[\"" + ALICE.accountId() + "\",\"*\"]}"));
        assertEquals(ALLOW, decide(either, ANONYMOUS, "s3:GetObject", "k"), "\"*\" in the list is everyone");
    }

    @Test
    void shouldRestrictListingToAPrefix() {
        BucketPolicy policy = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowListingOfUserFolder\","
                + "\"Action\":[\"s3:ListBucket\"],\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + BOB.accountId() + "\"},"
                + "\"Resource\":[\"" + ARN + "\"],\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"home/bob/*\",\"home/bob\"]}}}]}");
        assertEquals(ALLOW, decide(policy, BOB, "s3:ListBucket", null, prefix("home/bob/photos/")));
        assertEquals(ALLOW, decide(policy, BOB, "s3:ListBucket", null, prefix("home/bob")));
        assertEquals(NONE, decide(policy, BOB, "s3:ListBucket", null, prefix("home/alice/")));
        assertEquals(NONE, decide(policy, BOB, "s3:ListBucket", null, prefix("Home/bob/")), "StringLike is case-sensitive");
        assertEquals(NONE, decide(policy, BOB, "s3:ListBucket", null, RequestContext.EMPTY), "listing everything is not allowed");
        assertEquals(NONE, decide(policy, BOB, "s3:ListBucketVersions", null, prefix("home/bob/")));
    }

    @Test
    void shouldDenyEveryoneButOneAccountWithNotPrincipal() {
        BucketPolicy policy = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + ARN + "/*\"},{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::"
                + ALICE.accountId() + ":root\"]},\"Action\":\"s3:*\",\"Resource\":[\"" + ARN + "\",\"" + ARN + "/*\"]}]}");
        assertEquals(ALLOW, decide(policy, ALICE, "s3:GetObject", "k"));
        assertEquals(DENY, decide(policy, BOB, "s3:GetObject", "k"));
        assertEquals(DENY, decide(policy, ANONYMOUS, "s3:GetObject", "k"));
        assertEquals(DENY, decide(policy, BOB, "s3:ListBucket", null));
        assertEquals(NONE, decide(policy, ALICE, "s3:ListBucket", null));
    }

    @Test
    void shouldRequireEncryptionWithANegatedOperatorAndNull() {
        BucketPolicy policy = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"" + ARN + "/*\"},{\"Sid\":\"DenyWrongEncryption\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"s3:x-amz-server-side-encryption\":[\"AES256\",\"aws:kms\"]}}}]}");
        assertEquals(ALLOW, decide(policy, BOB, "s3:PutObject", "k", sse("AES256")));
        assertEquals(ALLOW, decide(policy, BOB, "s3:PutObject", "k", sse("aws:kms")));
        assertEquals(DENY, decide(policy, BOB, "s3:PutObject", "k", sse("none")));
        assertEquals(DENY, decide(policy, BOB, "s3:PutObject", "k", RequestContext.EMPTY), "a negated operator holds for a missing key");

        BucketPolicy required = parse("{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"}}}]}");
        assertEquals(NONE, decide(required, BOB, "s3:PutObject", "k", sse("AES256")));
        assertEquals(DENY, decide(required, BOB, "s3:PutObject", "k", RequestContext.EMPTY));
    }

    @Test
    void shouldAllowByRefererAndTime() {
        BucketPolicy policy = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"StringLike\":{\"aws:Referer\":[\"https://www.example.com/*\","
                + "\"https://example.com/*\"]},\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}}]}");
        RequestContext.Builder base = RequestContext.builder().put("aws:Referer", "https://example.com/page");
        assertEquals(ALLOW, decide(policy, ANONYMOUS, "s3:GetObject", "k", base.time(Instant.parse("2029-12-31T23:59:59Z")).build()));
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:GetObject", "k", RequestContext.builder()
                .put("aws:Referer", "https://example.com/page").time(Instant.parse("2030-01-01T00:00:00Z")).build()));
        assertEquals(NONE, decide(policy, ANONYMOUS, "s3:GetObject", "k", RequestContext.builder()
                .put("aws:Referer", "https://evil.example/").time(Instant.parse("2029-01-01T00:00:00Z")).build()));
    }

    @Test
    void shouldLetAnExplicitDenyWinInAnyOrder() {
        String allow = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:DeleteObject\"],\"Resource\":\"" + ARN + "/*\"}";
        String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"" + ARN + "/*\"}";
        for (String statements : List.of(allow + "," + deny, deny + "," + allow, allow + "," + deny + "," + allow)) {
            BucketPolicy policy = parse("{\"Statement\":[" + statements + "]}");
            assertEquals(DENY, decide(policy, ALICE, "s3:DeleteObject", "k"));
            assertEquals(ALLOW, decide(policy, ALICE, "s3:GetObject", "k"));
            assertEquals(NONE, decide(policy, ALICE, "s3:PutObject", "k"));
        }
    }

    @Test
    void shouldMatchActionsAndResourcesWithWildcards() {
        BucketPolicy readOnly = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:Get*\","
                + "\"Resource\":\"" + ARN + "/photos/*.jpg\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":[\"s3:Get*\","
                + "\"s3:List*\"],\"NotResource\":\"" + ARN + "/uploads/*\"}]}");
        assertEquals(ALLOW, decide(readOnly, BOB, "s3:GetObject", "photos/2024/cat.jpg"));
        assertEquals(ALLOW, decide(readOnly, BOB, "s3:GetObjectTagging", "photos/cat.jpg"));
        assertEquals(NONE, decide(readOnly, BOB, "s3:GetObject", "photos/cat.JPG"), "resources compare case-sensitively");
        assertEquals(NONE, decide(readOnly, BOB, "s3:GetObject", "videos/cat.jpg"));
        assertEquals(DENY, decide(readOnly, BOB, "s3:PutObject", "photos/cat.jpg"), "not a Get or List, not under uploads/");
        assertEquals(NONE, decide(readOnly, BOB, "s3:PutObject", "uploads/cat.jpg"));
        assertEquals(DENY, decide(readOnly, BOB, "s3:DeleteBucket", null));
        assertEquals(NONE, decide(readOnly, BOB, "s3:ListBucket", null));

        BucketPolicy single = parse(allowGet("\"*\"").replace(ARN + "/*", ARN + "/log-?"));
        assertEquals(ALLOW, decide(single, BOB, "s3:GetObject", "log-1"));
        assertEquals(ALLOW, decide(single, BOB, "s3:GetObject", "log-\uD83D\uDE00"), "? is one character, not one UTF-16 unit");
        assertEquals(NONE, decide(single, BOB, "s3:GetObject", "log-12"));
        assertEquals(NONE, decide(single, BOB, "s3:GetObject", "log-"));
        BucketPolicy literal = parse(allowGet("\"*\"").replace(ARN + "/*", ARN + "/${*}"));
        assertEquals(ALLOW, decide(literal, BOB, "s3:GetObject", "*"));
        assertEquals(NONE, decide(literal, BOB, "s3:GetObject", "a"), "${*} is a literal star");
        BucketPolicy partition = parse(allowGet("\"*\"").replace("arn:aws:s3", "arn:aws-cn:s3"));
        assertEquals(ALLOW, decide(partition, BOB, "s3:GetObject", "k"));
    }

    @Test
    void shouldMatchManyWildcardsQuickly() {
        BucketPolicy policy = parse(allowGet("\"*\"").replace(ARN + "/*", ARN + "/" + "*a".repeat(40) + "b"));
        long start = System.nanoTime();
        assertEquals(NONE, decide(policy, BOB, "s3:GetObject", "a".repeat(1000)));
        assertEquals(ALLOW, decide(policy, BOB, "s3:GetObject", "a".repeat(1000) + "b"));
        assertEquals(true, System.nanoTime() - start < 2_000_000_000L, "no exponential backtracking");
    }

    @Test
    void shouldDescribeThePrincipalInTheContext() {
        BucketPolicy account = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"" + ARN + "/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + BOB.accountId() + "\"}}}]}");
        assertEquals(ALLOW, decide(account, BOB, "s3:GetObject", "k", RequestContext.builder().principal(BOB).build()));
        assertEquals(NONE, decide(account, ALICE, "s3:GetObject", "k", RequestContext.builder().principal(ALICE).build()));
        assertEquals(NONE, decide(account, ANONYMOUS, "s3:GetObject", "k", RequestContext.builder().principal(ANONYMOUS).build()));
        RequestContext anonymous = RequestContext.builder().principal(ANONYMOUS).build();
        assertEquals(List.of("Anonymous"), anonymous.values("aws:principaltype"));
        assertEquals(List.of(), anonymous.values("aws:PrincipalAccount"));
        RequestContext bob = RequestContext.builder().principal(BOB).time(Instant.parse("2024-05-06T07:08:09.5Z")).build();
        assertEquals(List.of("Account"), bob.values("aws:PrincipalType"));
        assertEquals(List.of(BOB.arn()), bob.values("aws:PrincipalArn"));
        assertEquals(List.of("2024-05-06T07:08:09Z"), bob.values("aws:CurrentTime"));
        assertEquals(List.of("1714979289"), bob.values("aws:EpochTime"));
    }

    private static String allowGet(String principal) {
        return "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"s3:GetObject\",\"Resource\":\"" + ARN + "/*\"}]}";
    }

    private static RequestContext ip(String address) {
        return RequestContext.builder().put("aws:SourceIp", address).build();
    }

    private static RequestContext prefix(String prefix) {
        return RequestContext.builder().put("s3:prefix", prefix).build();
    }

    private static RequestContext sse(String value) {
        return RequestContext.builder().put("s3:x-amz-server-side-encryption", value).build();
    }

    private static BucketPolicy parse(String text) {
        return BucketPolicy.parse(text, BUCKET);
    }

    private static PolicyEvaluator.Decision decide(BucketPolicy policy, Principal principal, String action, String key) {
        return decide(policy, principal, action, key, RequestContext.EMPTY);
    }

    private static PolicyEvaluator.Decision decide(BucketPolicy policy, Principal principal, String action, String key, RequestContext context) {
        return PolicyEvaluator.evaluate(policy, principal, action, BUCKET, key, context);
    }
}
