package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory.AccessKey;
import io.mockfactory.storage.s3.auth.SigV4;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static io.mockfactory.storage.s3.post.FormReaderTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The signature of a POST form, both versions, and how a form without one, or with a wrong one, is refused. */
class FormSignatureTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final AccessKey KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE", SECRET, "env_a", "us-east-1", true);
    private static final AccessKey STOPPED = new AccessKey("AKIASTOPPED000000000", SECRET, "env_b", "us-east-1", false);
    private static final AccessKeyDirectory KEYS = id -> Optional.ofNullable(Map.of(KEY.accessKeyId(), KEY,
            STOPPED.accessKeyId(), STOPPED).get(id));
    private static final String POLICY = "eyJleHBpcmF0aW9uIjogIjIwMzAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbXX0=";

    static PostForm form(Map<String, String> fields) throws IOException {
        MultipartBody body = MultipartBody.create().fields(fields);
        FormReader reader = new FormReader(new ByteArrayInputStream(body.file("f", "text/plain", new byte[0]).close()),
                "----MockFactoryFormBoundary7MA4YWxkTrZu0gW", PostUploads.MAX_PRE_DATA);
        return PostForm.read(reader);
    }

    private static String v4Signature(String secret, String policy) {
        return SigV4.signature(SigV4.signingKey(secret, "20250301", "eu-west-1", "s3"), policy);
    }

    private static Map<String, String> v4(String policy, String signature) {
        return MultipartBody.ordered("key", "k", "x-amz-algorithm", "AWS4-HMAC-SHA256",
                "x-amz-credential", KEY.accessKeyId() + "/20250301/eu-west-1/s3/aws4_request", "x-amz-date", "20250301T120000Z",
                "policy", policy, "x-amz-signature", signature);
    }

    @Test
    void shouldAcceptAVersion4SignatureOfThePolicyWithTheScopesSigningKey() throws Exception {
        assertEquals(KEY, FormSignature.verify(form(v4(POLICY, v4Signature(SECRET, POLICY))), KEYS));
        assertEquals(KEY, FormSignature.verify(form(v4(POLICY, v4Signature(SECRET, POLICY).toUpperCase())), KEYS),
                "hex in either case");
    }

    @Test
    void shouldRefuseAVersion4FormWhosePolicyOrSignatureWasChanged() {
        String signature = v4Signature(SECRET, POLICY);
        S3Exception tampered = assertThrows(S3Exception.class, () -> FormSignature.verify(form(v4(POLICY.replace('J', 'K'), signature)), KEYS));
        assertEquals("SignatureDoesNotMatch", tampered.error().code());
        assertEquals(403, tampered.error().status());
        assertEquals(KEY.accessKeyId(), tampered.details().get("AWSAccessKeyId"));
        assertCode("SignatureDoesNotMatch", () -> FormSignature.verify(form(v4(POLICY, v4Signature("another secret", POLICY))), KEYS));
        Map<String, String> otherDay = v4(POLICY, signature);
        otherDay.put("x-amz-credential", KEY.accessKeyId() + "/20250302/eu-west-1/s3/aws4_request");
        assertCode("SignatureDoesNotMatch", () -> FormSignature.verify(form(otherDay), KEYS), "the scope is part of the key");
    }

    @Test
    void shouldRefuseUnknownKeysAndKeysOfStoppedEnvironments() {
        Map<String, String> unknown = v4(POLICY, "00");
        unknown.put("x-amz-credential", "AKIANOSUCHKEY0000000/20250301/eu-west-1/s3/aws4_request");
        S3Exception refused = assertThrows(S3Exception.class, () -> FormSignature.verify(form(unknown), KEYS));
        assertEquals("InvalidAccessKeyId", refused.error().code());
        assertEquals("AKIANOSUCHKEY0000000", refused.details().get("AWSAccessKeyId"));
        Map<String, String> stopped = v4(POLICY, v4Signature(SECRET, POLICY));
        stopped.put("x-amz-credential", STOPPED.accessKeyId() + "/20250301/eu-west-1/s3/aws4_request");
        assertCode("AccessDenied", () -> FormSignature.verify(form(stopped), KEYS));
        Map<String, String> v2 = MultipartBody.ordered("AWSAccessKeyId", "AKIANOSUCHKEY0000000", "policy", POLICY, "signature", "x");
        assertCode("InvalidAccessKeyId", () -> FormSignature.verify(form(v2), KEYS));
    }

    @Test
    void shouldNameTheSigningFieldAFormLacks() throws Exception {
        for (Map.Entry<String, String> missing : Map.of("x-amz-algorithm", "X-Amz-Algorithm", "x-amz-credential", "X-Amz-Credential",
                "x-amz-date", "X-Amz-Date", "x-amz-signature", "X-Amz-Signature", "policy", "Policy").entrySet()) {
            Map<String, String> fields = v4(POLICY, "00");
            fields.remove(missing.getKey());
            PostForm form = form(fields);
            S3Exception refused = assertThrows(S3Exception.class, () -> FormSignature.verify(form, KEYS));
            assertEquals("InvalidArgument", refused.error().code());
            assertEquals("Bucket POST must contain a field named '" + missing.getValue()
                    + "'.  If it is specified, please check the order of the fields.", refused.getMessage());
            assertEquals(missing.getValue(), refused.details().get("ArgumentName"));
        }
        S3Exception noSignature = assertThrows(S3Exception.class, () -> FormSignature.verify(
                form(MultipartBody.ordered("AWSAccessKeyId", KEY.accessKeyId(), "policy", POLICY)), KEYS));
        assertEquals("Signature", noSignature.details().get("ArgumentName"));
        S3Exception noKeyId = assertThrows(S3Exception.class, () -> FormSignature.verify(
                form(MultipartBody.ordered("signature", "x", "policy", POLICY)), KEYS));
        assertEquals("AWSAccessKeyId", noKeyId.details().get("ArgumentName"));
    }

    @Test
    void shouldRefuseMalformedSigningFields() throws Exception {
        for (String credential : new String[]{"AKIAIOSFODNN7EXAMPLE/20250301/eu-west-1/s3", "AKIAIOSFODNN7EXAMPLE/2025/eu-west-1/s3/aws4_request",
                "AKIAIOSFODNN7EXAMPLE/20250301/eu-west-1/sqs/aws4_request", "/20250301/eu-west-1/s3/aws4_request"}) {
            Map<String, String> fields = v4(POLICY, v4Signature(SECRET, POLICY));
            fields.put("x-amz-credential", credential);
            PostForm form = form(fields);
            S3Exception refused = assertThrows(S3Exception.class, () -> FormSignature.verify(form, KEYS), credential);
            assertEquals("InvalidArgument", refused.error().code(), credential);
            assertEquals("x-amz-credential", refused.details().get("ArgumentName"));
        }
        Map<String, String> algorithm = v4(POLICY, v4Signature(SECRET, POLICY));
        algorithm.put("x-amz-algorithm", "AWS4-HMAC-SHA1");
        assertCode("InvalidArgument", () -> FormSignature.verify(form(algorithm), KEYS));
        Map<String, String> date = v4(POLICY, v4Signature(SECRET, POLICY));
        date.put("x-amz-date", "2025-03-01");
        assertCode("InvalidArgument", () -> FormSignature.verify(form(date), KEYS));
    }

    @Test
    void shouldAcceptALegacySignatureOfThePolicyWithTheSecret() throws Exception {
        String signature = FormSignature.hmacSha1(SECRET, POLICY);
        assertEquals(KEY, FormSignature.verify(form(MultipartBody.ordered("key", "k", "AWSAccessKeyId", KEY.accessKeyId(),
                "policy", POLICY, "signature", signature)), KEYS));
        assertCode("SignatureDoesNotMatch", () -> FormSignature.verify(form(MultipartBody.ordered("AWSAccessKeyId",
                KEY.accessKeyId(), "policy", POLICY + "=", "signature", signature)), KEYS));
        assertCode("SignatureDoesNotMatch", () -> FormSignature.verify(form(MultipartBody.ordered("AWSAccessKeyId",
                KEY.accessKeyId(), "policy", POLICY, "signature", FormSignature.hmacSha1("wrong", POLICY))), KEYS));
    }

    @Test
    void shouldRefuseUnsignedFormsAsAnonymousWrites() {
        S3Exception anonymous = assertThrows(S3Exception.class, () -> FormSignature.verify(form(Map.of("key", "k")), KEYS));
        assertEquals("AccessDenied", anonymous.error().code());
        assertCode("AccessDenied", () -> FormSignature.verify(form(Map.of("key", "k", "policy", POLICY)), KEYS),
                "a policy nobody signed");
    }
}
