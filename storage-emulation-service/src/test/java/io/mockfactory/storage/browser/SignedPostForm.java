package io.mockfactory.storage.browser;

import io.mockfactory.storage.s3.auth.SigV4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The fields of a browser upload form signed as AWS documents it (SigV4 POST policy), the way a web application's
 * back end hands them to its page: uploads under {@code uploads/}, a text Content-Type, 1–1024 bytes, answered 201.
 */
public final class SignedPostForm {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SignedPostForm() {
    }

    /** @return [name, value] pairs in form order, the file field left for the page to add last */
    public static List<List<String>> fields(String bucket, String key, String accessKeyId, String secret, boolean tampered) {
        Instant now = Instant.now();
        String credential = accessKeyId + "/" + DAY.format(now) + "/us-east-1/s3/aws4_request";
        String policy = """
                {"expiration":"%s","conditions":[{"bucket":"%s"},["starts-with","$key","uploads/"],
                {"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"%s"},{"x-amz-date":"%s"},
                {"success_action_status":"201"},["starts-with","$Content-Type","text/"],["content-length-range",1,1024]]}"""
                .formatted(DateTimeFormatter.ISO_INSTANT.format(now.plus(Duration.ofMinutes(5))), bucket, credential,
                        STAMP.format(now));
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        String signature = SigV4.signature(SigV4.signingKey(secret, DAY.format(now), "us-east-1", "s3"), encoded);
        List<List<String>> fields = new ArrayList<>();
        fields.add(List.of("key", key));
        fields.add(List.of("Content-Type", "text/plain"));
        fields.add(List.of("success_action_status", "201"));
        fields.add(List.of("x-amz-algorithm", "AWS4-HMAC-SHA256"));
        fields.add(List.of("x-amz-credential", credential));
        fields.add(List.of("x-amz-date", STAMP.format(now)));
        // A tampered form raises the size limit in the policy but keeps the signature of the original
        fields.add(List.of("policy", tampered ? Base64.getEncoder().encodeToString(policy.replace("1024", "1048576")
                .getBytes(StandardCharsets.UTF_8)) : encoded));
        fields.add(List.of("x-amz-signature", signature));
        return fields;
    }
}
