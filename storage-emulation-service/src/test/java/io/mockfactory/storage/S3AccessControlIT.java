package io.mockfactory.storage;

import io.mockfactory.storage.s3.access.Identities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACLs, bucket policies, the public access block and ownership controls as S3 evaluates them, through the AWS SDK v2:
 * anonymous callers get exactly what is granted, another environment's key is another AWS account (both ways), and
 * the environment's own key stays the owner (unless its own policy explicitly denies it).
 */
class S3AccessControlIT {
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static StorageHarness storage;
    private static StorageHarness.S3Keys ownerKeys;
    private static StorageHarness.S3Keys otherKeys;
    private static S3Client owner;
    private static S3Client other;
    private static S3Client anonymous;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness();
        ownerKeys = storage.newEnvironment();
        otherKeys = storage.newEnvironment();
        owner = storage.client(ownerKeys).build();
        other = storage.client(otherKeys).build();
        anonymous = S3Client.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).forcePathStyle(true).build();
    }

    @AfterAll
    static void stop() {
        owner.close();
        other.close();
        anonymous.close();
        storage.close();
    }

    private static String bucket(String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        owner.createBucket(b -> b.bucket(bucket));
        owner.putObject(p -> p.bucket(bucket).key("private/secret.txt"), RequestBody.fromString("secret"));
        return bucket;
    }

    private static void denied(Executable attempt) {
        S3Exception refused = assertThrows(S3Exception.class, attempt);
        assertEquals(403, refused.statusCode());
        assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
    }

    @Test
    void shouldDenyAnonymousAndOtherAccountsEverythingByDefault() {
        String bucket = bucket("private");
        denied(() -> anonymous.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        denied(() -> anonymous.listObjectsV2(l -> l.bucket(bucket)));
        denied(() -> anonymous.putObject(p -> p.bucket(bucket).key("dropped"), RequestBody.fromString("x")));
        denied(() -> anonymous.listBuckets());
        denied(() -> other.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        denied(() -> other.deleteObject(d -> d.bucket(bucket).key("private/secret.txt")));
        denied(() -> other.getBucketAcl(a -> a.bucket(bucket)));
        assertFalse(other.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
        assertEquals("secret", owner.getObjectAsBytes(g -> g.bucket(bucket).key("private/secret.txt")).asUtf8String());
        // A name no environment has is still NoSuchBucket
        assertEquals(404, assertThrows(S3Exception.class, () -> anonymous.listObjectsV2(l -> l.bucket("none-" + bucket))).statusCode());
    }

    @Test
    void shouldServePublicReadObjectsAndListPublicBuckets() {
        String bucket = bucket("acl");
        owner.putObject(p -> p.bucket(bucket).key("public/logo.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("logo"));
        assertEquals("logo", anonymous.getObjectAsBytes(g -> g.bucket(bucket).key("public/logo.txt")).asUtf8String());
        assertEquals("logo", other.getObjectAsBytes(g -> g.bucket(bucket).key("public/logo.txt")).asUtf8String());
        denied(() -> anonymous.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        denied(() -> anonymous.listObjectsV2(l -> l.bucket(bucket)));

        List<Grant> grants = owner.getObjectAcl(a -> a.bucket(bucket).key("public/logo.txt")).grants();
        assertTrue(grants.stream().anyMatch(g -> g.grantee().type() == Type.GROUP && ALL_USERS.equals(g.grantee().uri())
                && g.permission() == Permission.READ), grants.toString());
        assertEquals(Identities.canonicalId(ownerKeys.environmentId()),
                owner.getObjectAcl(a -> a.bucket(bucket).key("public/logo.txt")).owner().id());

        owner.putBucketAcl(a -> a.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertEquals(2, anonymous.listObjectsV2(l -> l.bucket(bucket)).keyCount(), "a public-read bucket lists to anyone");
        denied(() -> anonymous.putObject(p -> p.bucket(bucket).key("dropped"), RequestBody.fromString("x")));

        owner.putBucketAcl(a -> a.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        anonymous.putObject(p -> p.bucket(bucket).key("dropped"), RequestBody.fromString("from anyone"));
        assertEquals("from anyone", owner.getObjectAsBytes(g -> g.bucket(bucket).key("dropped")).asUtf8String(),
                "what anyone writes lands in the owner's bucket");

        owner.putObjectAcl(a -> a.bucket(bucket).key("public/logo.txt").acl(ObjectCannedACL.PRIVATE));
        denied(() -> anonymous.getObject(g -> g.bucket(bucket).key("public/logo.txt")));
    }

    @Test
    void shouldEvaluateBucketPoliciesWithWildcardsConditionsAndExplicitDeny() {
        String bucket = bucket("policy");
        owner.putObject(p -> p.bucket(bucket).key("public/a.txt"), RequestBody.fromString("a"));
        String policy = """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"PublicPrefix","Effect":"Allow","Principal":"*","Action":"s3:Get*",
                   "Resource":"arn:aws:s3:::%1$s/public/*","Condition":{"IpAddress":{"aws:SourceIp":["127.0.0.0/8","::1/128"]}}},
                  {"Sid":"OtherReadsAll","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%2$s:root"},
                   "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]},
                  {"Sid":"OtherWritesInbox","Effect":"Allow","Principal":{"AWS":"%3$s"},"Action":"s3:PutObject",
                   "Resource":"arn:aws:s3:::%1$s/inbox/*"},
                  {"Sid":"NobodyDeletesPublic","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject",
                   "Resource":"arn:aws:s3:::%1$s/public/*"}]}"""
                .formatted(bucket, Identities.accountId(otherKeys.environmentId()), otherKeys.accessKeyId());
        owner.putBucketPolicy(p -> p.bucket(bucket).policy(policy));
        assertEquals(policy, owner.getBucketPolicy(p -> p.bucket(bucket)).policy(), "the policy comes back as it was put");
        assertTrue(owner.getBucketPolicyStatus(p -> p.bucket(bucket)).policyStatus().isPublic() == false,
                "a grant to * limited to a fixed address range is not public");

        assertEquals("a", anonymous.getObjectAsBytes(g -> g.bucket(bucket).key("public/a.txt")).asUtf8String());
        denied(() -> anonymous.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        assertEquals("secret", other.getObjectAsBytes(g -> g.bucket(bucket).key("private/secret.txt")).asUtf8String());
        assertEquals(2, other.listObjectsV2(l -> l.bucket(bucket)).keyCount());
        other.putObject(p -> p.bucket(bucket).key("inbox/report.csv"), RequestBody.fromString("from the other account"));
        denied(() -> other.putObject(p -> p.bucket(bucket).key("elsewhere.csv"), RequestBody.fromString("x")));
        assertEquals("from the other account", owner.getObjectAsBytes(g -> g.bucket(bucket).key("inbox/report.csv")).asUtf8String());

        // An explicit Deny wins over everything, the owner included
        denied(() -> owner.deleteObject(d -> d.bucket(bucket).key("public/a.txt")));
        var bulk = owner.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(
                o -> o.key("public/a.txt"), o -> o.key("inbox/report.csv"))));
        assertEquals(List.of("inbox/report.csv"), bulk.deleted().stream().map(r -> r.key()).toList());
        assertEquals("AccessDenied", bulk.errors().get(0).code(), "each key of a DeleteObjects is decided on its own");

        owner.deleteBucketPolicy(p -> p.bucket(bucket));
        denied(() -> other.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        assertEquals(404, assertThrows(S3Exception.class, () -> owner.getBucketPolicy(p -> p.bucket(bucket))).statusCode());
    }

    @Test
    void shouldGrantTheOtherWayRoundToo() {
        String theirs = "theirs-" + Long.toHexString(System.nanoTime());
        other.createBucket(b -> b.bucket(theirs));
        other.putObject(p -> p.bucket(theirs).key("shared.txt"), RequestBody.fromString("shared"));
        denied(() -> owner.getObject(g -> g.bucket(theirs).key("shared.txt")));
        other.putObjectAcl(a -> a.bucket(theirs).key("shared.txt").grantRead("id=\"" + Identities.canonicalId(ownerKeys.environmentId()) + "\""));
        assertEquals("shared", owner.getObjectAsBytes(g -> g.bucket(theirs).key("shared.txt")).asUtf8String(),
                "a grant to the owner's canonical id lets it read that object");
        denied(() -> anonymous.getObject(g -> g.bucket(theirs).key("shared.txt")));
    }

    @Test
    void shouldValidatePoliciesAndHonourThePublicAccessBlock() {
        String bucket = bucket("guarded");
        S3Exception notJson = assertThrows(S3Exception.class, () -> owner.putBucketPolicy(p -> p.bucket(bucket).policy("nope")));
        assertEquals("MalformedPolicy", notJson.awsErrorDetails().errorCode());
        S3Exception otherResource = assertThrows(S3Exception.class, () -> owner.putBucketPolicy(p -> p.bucket(bucket).policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::someone-else/*\"}]}")));
        assertEquals("MalformedPolicy", otherResource.awsErrorDetails().errorCode());

        owner.putPublicAccessBlock(p -> p.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .blockPublicPolicy(true)));
        assertTrue(owner.getPublicAccessBlock(p -> p.bucket(bucket)).publicAccessBlockConfiguration().blockPublicAcls());
        denied(() -> owner.putObjectAcl(a -> a.bucket(bucket).key("private/secret.txt").acl(ObjectCannedACL.PUBLIC_READ)));
        denied(() -> owner.putObject(p -> p.bucket(bucket).key("p.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        String publicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        denied(() -> owner.putBucketPolicy(p -> p.bucket(bucket).policy(publicPolicy)));

        owner.putPublicAccessBlock(p -> p.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)
                .ignorePublicAcls(true)));
        owner.putBucketPolicy(p -> p.bucket(bucket).policy(publicPolicy));
        assertTrue(owner.getBucketPolicyStatus(p -> p.bucket(bucket)).policyStatus().isPublic());
        denied(() -> anonymous.getObject(g -> g.bucket(bucket).key("private/secret.txt")));
        owner.deletePublicAccessBlock(p -> p.bucket(bucket));
        assertEquals("secret", anonymous.getObjectAsBytes(g -> g.bucket(bucket).key("private/secret.txt")).asUtf8String(),
                "without RestrictPublicBuckets the public policy lets anyone read");
        assertEquals(404, assertThrows(S3Exception.class, () -> owner.getPublicAccessBlock(p -> p.bucket(bucket))).statusCode());
    }

    @Test
    void shouldDisableAclsWhenTheBucketOwnerIsEnforced() {
        String bucket = "enforced-" + Long.toHexString(System.nanoTime());
        owner.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, owner.getBucketOwnershipControls(o -> o.bucket(bucket))
                .ownershipControls().rules().get(0).objectOwnership());
        S3Exception refused = assertThrows(S3Exception.class, () -> owner.putObject(p -> p.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        assertEquals("AccessControlListNotSupported", refused.awsErrorDetails().errorCode());
        owner.putObject(p -> p.bucket(bucket).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("x"));
        owner.deleteBucketOwnershipControls(o -> o.bucket(bucket));
        assertEquals(404, assertThrows(S3Exception.class, () -> owner.getBucketOwnershipControls(o -> o.bucket(bucket))).statusCode());
        owner.putObjectAcl(a -> a.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ));
        assertEquals("x", anonymous.getObjectAsBytes(g -> g.bucket(bucket).key("k")).asUtf8String());
    }

    @Test
    void shouldKeepPolicyConfigurationToTheOwnerWhateverThePolicyGrants() {
        String bucket = bucket("lax");
        owner.putBucketPolicy(p -> p.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::"
                + bucket + "/*\"]}]}"));
        assertEquals("secret", anonymous.getObjectAsBytes(g -> g.bucket(bucket).key("private/secret.txt")).asUtf8String());
        for (Executable attempt : List.<Executable>of(() -> anonymous.deleteBucketPolicy(p -> p.bucket(bucket)),
                () -> other.putBucketPolicy(p -> p.bucket(bucket).policy("{}")),
                () -> other.deletePublicAccessBlock(p -> p.bucket(bucket)),
                () -> anonymous.getBucketPolicy(p -> p.bucket(bucket)))) {
            assertEquals(405, assertThrows(S3Exception.class, attempt).statusCode(), "only the owner's account");
        }
        assertTrue(owner.getBucketPolicy(p -> p.bucket(bucket)).policy().contains("s3:*"));
        S3Exception overrides = assertThrows(S3Exception.class, () -> anonymous.getObject(g -> g.bucket(bucket)
                .key("private/secret.txt").responseContentType("text/html")));
        assertEquals("InvalidRequest", overrides.awsErrorDetails().errorCode(), "no response-* overrides for anonymous GETs");
        denied(() -> other.getObject(g -> g.bucket(bucket).key("private/secret.txt")
                .expectedBucketOwner(Identities.accountId(otherKeys.environmentId()))));
    }

    @Test
    void shouldApplyTheOwnersDenyToCopiesAndFormUploadsToo() throws Exception {
        String source = bucket("guarded-source");
        String target = bucket("plain-target");
        owner.putBucketPolicy(p -> p.bucket(source).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + source + "/private/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::"
                + source + "/uploads/*\"}]}"));
        denied(() -> owner.copyObject(c -> c.sourceBucket(source).sourceKey("private/secret.txt").destinationBucket(target)
                .destinationKey("leaked.txt")));
        java.net.http.HttpResponse<String> form = postForm(source, "uploads/note.txt");
        assertEquals(403, form.statusCode(), form.body());
        assertTrue(form.body().contains("AccessDenied"), form.body());
        assertEquals(201, postForm(target, "uploads/note.txt").statusCode(), "where no policy denies it, the form lands");
    }

    @Test
    void shouldHideAStoppedEnvironmentsPublicBuckets() throws Exception {
        StorageHarness.S3Keys stopping = storage.newEnvironment();
        String bucket = "stopping-" + Long.toHexString(System.nanoTime());
        try (S3Client theirs = storage.client(stopping).build()) {
            theirs.createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        }
        assertEquals(0, anonymous.listObjectsV2(l -> l.bucket(bucket)).keyCount());
        storage.send(stopping.environmentId(), stopping.userId(), new io.mockfactory.events.command.StopEnvironment("test"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                anonymous.listObjectsV2(l -> l.bucket(bucket));
            } catch (S3Exception e) {
                assertEquals(404, e.statusCode(), "a stopped environment's bucket is nobody's to reach");
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the stopped environment's bucket stayed reachable");
            Thread.sleep(200);
        }
    }

    /** A SigV4-signed browser form (the page's back end signs it) POSTed with a text file. */
    private static java.net.http.HttpResponse<String> postForm(String bucket, String key) throws Exception {
        io.mockfactory.storage.s3.post.MultipartBody body = io.mockfactory.storage.s3.post.MultipartBody.create();
        for (List<String> field : io.mockfactory.storage.browser.SignedPostForm.fields(bucket, key, ownerKeys.accessKeyId(),
                ownerKeys.secretAccessKey(), false)) {
            body.field(field.get(0), field.get(1));
        }
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(storage.endpoint() + "/" + bucket)).header("Content-Type", body.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.file("note.txt", "text/plain",
                        "a note".getBytes()).close())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
