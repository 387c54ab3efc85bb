package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory.AccessKey;
import io.mockfactory.storage.s3.auth.SigV4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The signature of a POST form: over the base64 policy string exactly as sent, with the SigV4 signing key of the
 * credential's scope ({@code x-amz-signature}, hex) or, in the legacy form, HMAC-SHA1 with the secret
 * ({@code signature}, base64). Keys are refused as the header verifiers refuse them: unknown, or of a stopped
 * environment. The policy's own checks come after this, so a tampered policy is a signature mismatch.
 */
final class FormSignature {
    private static final List<String> V4_FIELDS = List.of("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature");
    private static final List<String> V2_FIELDS = List.of("awsaccesskeyid", "signature");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private FormSignature() {
    }

    /** @return the key that signed the form */
    static AccessKey verify(PostForm form, AccessKeyDirectory keys) {
        boolean v4 = V4_FIELDS.stream().anyMatch(form::has);
        boolean v2 = !v4 && V2_FIELDS.stream().anyMatch(form::has);
        if (!v4 && !v2) {
            if (form.has("policy")) {
                throw S3Error.ACCESS_DENIED.exception();
            }
            // An unsigned form would be an anonymous write: form uploads must be signed here (the README says so)
            throw S3Error.ACCESS_DENIED.exception("Anonymous requests are not allowed; sign the form's policy with an access key.");
        }
        for (String field : v4 ? V4_FIELDS : V2_FIELDS) {
            require(form, field);
        }
        require(form, "policy");
        return v4 ? verifyV4(form, keys) : verifyV2(form, keys);
    }

    private static AccessKey verifyV4(PostForm form, AccessKeyDirectory keys) {
        if (!SigV4.ALGORITHM.equals(form.get("x-amz-algorithm").strip())) {
            throw S3Error.INVALID_ARGUMENT.exception("The x-amz-algorithm field must be AWS4-HMAC-SHA256.")
                    .with("ArgumentName", "x-amz-algorithm").with("ArgumentValue", form.get("x-amz-algorithm"));
        }
        String credential = form.get("x-amz-credential").strip();
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !scope[1].matches("[0-9]{8}") || scope[2].isEmpty()
                || !"s3".equals(scope[3]) || !"aws4_request".equals(scope[4])) {
            throw S3Error.INVALID_ARGUMENT.exception("The x-amz-credential field is malformed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/s3/aws4_request\".").with("ArgumentName", "x-amz-credential")
                    .with("ArgumentValue", credential);
        }
        String amzDate = form.get("x-amz-date").strip();
        try {
            LocalDateTime.parse(amzDate, AMZ_DATE);
        } catch (DateTimeParseException e) {
            throw S3Error.INVALID_ARGUMENT.exception("The x-amz-date field must be in the form yyyyMMdd'T'HHmmss'Z'.")
                    .with("ArgumentName", "x-amz-date").with("ArgumentValue", amzDate);
        }
        AccessKey key = find(keys, scope[0]);
        String policy = form.get("policy");
        byte[] signingKey = SigV4.signingKey(key.secret(), scope[1], scope[2], scope[3]);
        String given = form.get("x-amz-signature").strip().toLowerCase(Locale.ROOT);
        if (!SigV4.same(SigV4.signature(signingKey, policy), given)) {
            throw mismatch(key, policy);
        }
        return key;
    }

    private static AccessKey verifyV2(PostForm form, AccessKeyDirectory keys) {
        AccessKey key = find(keys, form.get("awsaccesskeyid").strip());
        String policy = form.get("policy");
        byte[] expected = hmacSha1(key.secret(), policy).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, form.get("signature").strip().getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch(key, policy);
        }
        return key;
    }

    private static AccessKey find(AccessKeyDirectory keys, String accessKeyId) {
        AccessKey key = keys.find(accessKeyId).orElseThrow(() ->
                S3Error.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", accessKeyId));
        if (!key.active()) {
            throw S3Error.ACCESS_DENIED.exception("The environment of this access key is stopped; start it to use its keys.");
        }
        return key;
    }

    /** S3 names the field as a header would be named: {@code X-Amz-Signature}, {@code AWSAccessKeyId}, {@code Policy}. */
    private static void require(PostForm form, String field) {
        if (form.has(field)) {
            return;
        }
        String named = switch (field) {
            case "awsaccesskeyid" -> "AWSAccessKeyId";
            case "signature" -> "Signature";
            case "policy" -> "Policy";
            default -> headerCase(field);
        };
        throw missingField(named);
    }

    static S3Exception missingField(String named) {
        return S3Error.INVALID_ARGUMENT.exception("Bucket POST must contain a field named '" + named
                + "'.  If it is specified, please check the order of the fields.")
                .with("ArgumentName", named).with("ArgumentValue", "");
    }

    private static String headerCase(String field) {
        StringBuilder out = new StringBuilder(field.length());
        boolean upper = true;
        for (char c : field.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    /** What the client is told: the string it should have signed (the policy), never what was expected. */
    private static S3Exception mismatch(AccessKey key, String policy) {
        return S3Error.SIGNATURE_DOES_NOT_MATCH.exception().with("AWSAccessKeyId", key.accessKeyId())
                .with("StringToSign", policy);
    }

    static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
