package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.mockfactory.storage.s3.post.FormReaderTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** POST policies: parsing, each condition S3 knows, and the errors S3 answers when one does not hold. */
class PostPolicyTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static PostPolicy policy(String conditions) {
        return PostPolicy.parse(base64("{\"expiration\": \"2025-03-01T13:00:00.000Z\", \"conditions\": [" + conditions + "]}"));
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The fields as the upload checks them: {@code bucket} always present, the rest in pairs. */
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", "photos");
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static S3Exception refusal(PostPolicy policy, Map<String, String> fields) {
        return assertThrows(S3Exception.class, () -> policy.check(fields, NOW));
    }

    @Test
    void shouldAcceptAFormEveryConditionHoldsForAndNamesEveryFieldOf() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"user/eric/\"], {\"acl\": \"public-read\"},"
                + " [\"eq\", \"$Content-Type\", \"image/jpeg\"], [\"starts-with\", \"$x-amz-meta-tag\", \"\"],"
                + " [\"content-length-range\", 1, 1048576], {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}");
        assertDoesNotThrow(() -> policy.check(fields("key", "user/eric/cat.jpg", "acl", "public-read", "content-type", "image/jpeg",
                "x-amz-meta-tag", "anything", "x-amz-algorithm", "AWS4-HMAC-SHA256",
                // Never named by conditions: the policy, the signatures, the V2 key id, x-ignore-*
                "policy", "e30=", "x-amz-signature", "ab", "signature", "cd", "awsaccesskeyid", "AKIA", "x-ignore-me", "x"), NOW));
    }

    @Test
    void shouldRefuseAFieldNotMatchingItsExactCondition() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"eq\", \"$key\", \"a.txt\"]");
        S3Exception refused = refusal(policy, fields("key", "b.txt"));
        assertEquals("AccessDenied", refused.error().code());
        assertEquals(403, refused.error().status());
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"a.txt\"]", refused.getMessage());
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"a.txt\"]",
                refusal(policy, fields()).getMessage(), "a field the condition names must be there");
        assertEquals("Invalid according to Policy: Policy Condition failed: {\"bucket\": \"photos\"}",
                refusal(policy, Map.of("bucket", "other", "key", "a.txt")).getMessage(), "the bucket posted to is checked");
    }

    @Test
    void shouldMatchPrefixesWithAnEmptyPrefixMatchingAnything() {
        PostPolicy prefix = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"user/\"]");
        assertDoesNotThrow(() -> prefix.check(fields("key", "user/x"), NOW));
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/\"]",
                refusal(prefix, fields("key", "other/user/x")).getMessage());
        assertCode("AccessDenied", () -> prefix.check(fields(), NOW), "no key at all");
        PostPolicy anything = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$success_action_redirect\", \"\"]");
        assertDoesNotThrow(() -> anything.check(fields("success_action_redirect", "https://example.com/done"), NOW));
        assertDoesNotThrow(() -> anything.check(fields(), NOW), "an empty prefix matches an absent field too");
    }

    @Test
    void shouldRequireEveryTypeOfAContentTypeListToMatchThePrefix() {
        PostPolicy images = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$Content-Type\", \"image/\"]");
        assertDoesNotThrow(() -> images.check(fields("content-type", "image/jpeg, image/png"), NOW));
        assertCode("AccessDenied", () -> images.check(fields("content-type", "image/jpeg,text/html"), NOW));
    }

    @Test
    void shouldTakeOnlyExactMatchesForTheBucketTheStatusAndSigningFields() {
        for (String field : new String[]{"bucket", "success_action_status", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                "x-amz-storage-class"}) {
            PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$" + field + "\", \"\"]");
            Map<String, String> fields = fields(field, field.equals("bucket") ? "photos" : "x");
            assertCode("AccessDenied", () -> policy.check(fields, NOW), field);
        }
        PostPolicy metadata = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$x-amz-meta-user\", \"ann\"]");
        assertDoesNotThrow(() -> metadata.check(fields("x-amz-meta-user", "anne"), NOW), "metadata takes prefixes");
    }

    @Test
    void shouldNameFieldsNoConditionCovers() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"\"]");
        S3Exception extra = refusal(policy, fields("key", "k", "acl", "public-read", "x-amz-meta-a", "1"));
        assertEquals("AccessDenied", extra.error().code());
        assertEquals("Invalid according to Policy: Extra input fields: acl, x-amz-meta-a", extra.getMessage());
        PostPolicy noBucket = policy("[\"starts-with\", \"$key\", \"\"]");
        assertEquals("Invalid according to Policy: Extra input fields: bucket", refusal(noBucket, fields("key", "k")).getMessage(),
                "the bucket must be named as S3 requires");
    }

    @Test
    void shouldMatchFieldNamesWhateverTheirCase() {
        PostPolicy policy = policy("{\"Bucket\": \"photos\"}, [\"EQ\", \"$KEY\", \"k\"], {\"X-Amz-Meta-Owner\": \"Ann\"}");
        assertDoesNotThrow(() -> policy.check(fields("key", "k", "x-amz-meta-owner", "Ann"), NOW));
        assertCode("AccessDenied", () -> policy.check(fields("key", "k", "x-amz-meta-owner", "ann"), NOW), "values are exact");
    }

    @Test
    void shouldRefuseAnExpiredPolicy() {
        PostPolicy policy = PostPolicy.parse(base64("{\"expiration\": \"2025-03-01T11:59:59Z\", \"conditions\": [{\"bucket\": \"photos\"}]}"));
        S3Exception expired = refusal(policy, fields());
        assertEquals("AccessDenied", expired.error().code());
        assertEquals("Invalid according to Policy: Policy expired.", expired.getMessage());
        PostPolicy offset = PostPolicy.parse(base64("{\"expiration\": \"2025-03-01T12:30:00+01:00\", \"conditions\": [{\"bucket\": \"photos\"}]}"));
        assertCode("AccessDenied", () -> offset.check(fields(), NOW), "11:30 UTC is past");
    }

    @Test
    void shouldBoundTheFileSizeByContentLengthRange() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"content-length-range\", 10, \"100\"]");
        assertEquals(100, policy.maxLength());
        assertDoesNotThrow(() -> policy.checkLength(10));
        assertDoesNotThrow(() -> policy.checkLength(100));
        S3Exception small = assertThrows(S3Exception.class, () -> policy.checkLength(9));
        assertEquals("EntityTooSmall", small.error().code());
        assertEquals(400, small.error().status());
        assertEquals(Map.of("ProposedSize", "9", "MinSizeAllowed", "10"), small.details());
        S3Exception large = assertThrows(S3Exception.class, () -> policy.checkLength(101));
        assertEquals("EntityTooLarge", large.error().code());
        assertEquals(Map.of("ProposedSize", "101", "MaxSizeAllowed", "100"), large.details());
        assertEquals(Long.MAX_VALUE, policy("{\"bucket\": \"photos\"}").maxLength(), "no range, no bound");
        assertDoesNotThrow(() -> policy.check(fields(), NOW), "the range names no field");
    }

    @Test
    void shouldReadDollarsEscapedAsS3Documents() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"eq\", \"$key\", \"price\\$5\"]");
        assertDoesNotThrow(() -> policy.check(fields("key", "price$5"), NOW));
    }

    @Test
    void shouldRefuseMalformedPolicies() {
        assertInvalid("Invalid Policy: Invalid JSON.", "not base64 at all!");
        assertInvalid("Invalid Policy: Invalid JSON.", base64("{\"expiration\": "));
        assertInvalid("Invalid Policy: Invalid JSON.", base64("[1, 2]"));
        assertInvalid("Invalid Policy: Invalid JSON.", base64("{\"expiration\": \"2025-03-01T13:00:00Z\", \"conditions\": [], "
                + "\"expiration\": \"2099-01-01T00:00:00Z\"}"));
        assertInvalid("Invalid Policy: Invalid JSON.", base64("{\"expiration\": \"2025-03-01T13:00:00Z\", \"conditions\": []} {}"));
        assertInvalid("Invalid Policy: Policy missing expiration.", base64("{\"conditions\": []}"));
        assertInvalid("Invalid Policy: Policy missing conditions.", base64("{\"expiration\": \"2025-03-01T13:00:00Z\"}"));
        assertInvalid("Invalid Policy: Invalid 'expiration' value: 'tomorrow'",
                base64("{\"expiration\": \"tomorrow\", \"conditions\": []}"));
        assertInvalid("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.",
                base64("{\"expiration\": \"2025-03-01T13:00:00Z\", \"conditions\": [{\"bucket\": \"a\", \"key\": \"b\"}]}"));
        assertInvalid("Invalid Policy: Invalid Simple-Condition: value must be a string.",
                base64("{\"expiration\": \"2025-03-01T13:00:00Z\", \"conditions\": [{\"success_action_status\": 201}]}"));
        for (String condition : new String[]{"[\"eq\", \"key\", \"a\"]", "[\"eq\", \"$key\"]", "[\"eq\", \"$key\", 5]",
                "[\"matches\", \"$key\", \"a\"]", "[\"content-length-range\", -1, 5]", "[\"content-length-range\", 5, 1]",
                "[\"content-length-range\", \"a\", 5]", "\"bucket\"", "[5, \"$key\", \"a\"]"}) {
            S3Exception refused = assertThrows(S3Exception.class, () -> policy(condition), condition);
            assertEquals("InvalidPolicyDocument", refused.error().code(), condition);
            assertEquals(400, refused.error().status());
        }
    }

    private static void assertInvalid(String message, String base64) {
        S3Exception refused = assertThrows(S3Exception.class, () -> PostPolicy.parse(base64), message);
        assertEquals("InvalidPolicyDocument", refused.error().code());
        assertEquals(message, refused.getMessage());
    }

    @Test
    void shouldReportAnOversizedFileWithoutAKnownSizeAsS3Does() {
        S3Exception unknown = PostPolicy.tooLarge(null, 5);
        assertNull(unknown.details().get("ProposedSize"));
        assertEquals("5", unknown.details().get("MaxSizeAllowed"));
    }
}
