package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a request's SigV4 signature as S3 does: from the Authorization header or the query of a presigned URL,
 * within a 15 minute clock-skew window, presigned URLs only until they expire.
 */
final class SigV4Verifier {
    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final AccessKeyDirectory keys;
    private final Clock clock;

    SigV4Verifier(AccessKeyDirectory keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Authenticated verifyHeader(S3Request request, String authorization) {
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw S3Error.INVALID_REQUEST.exception(
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The authorization header is malformed; it must name Credential, SignedHeaders and Signature.");
        }
        String amzDate = requestDate(request);
        Instant when = parseAmzDate(amzDate, S3Error.ACCESS_DENIED);
        checkSkew(when);
        String payloadHash = request.header("x-amz-content-sha256");
        if (payloadHash == null) {
            throw S3Error.INVALID_REQUEST.exception("Missing required header for this request: x-amz-content-sha256");
        }
        return check(request, credential, signedHeaders, signature, amzDate, payloadHash, null);
    }

    Authenticated verifyPresigned(S3Request request) {
        if (!SigV4.ALGORITHM.equals(request.param("X-Amz-Algorithm"))) {
            throw S3Error.INVALID_REQUEST.exception("X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
        }
        String credential = request.param("X-Amz-Credential");
        String signedHeaders = request.param("X-Amz-SignedHeaders");
        String signature = request.param("X-Amz-Signature");
        String amzDate = request.param("X-Amz-Date");
        String expires = request.param("X-Amz-Expires");
        if (credential == null || signedHeaders == null || signature == null || amzDate == null || expires == null) {
            throw S3Error.ACCESS_DENIED.exception("Query-string authentication requires the X-Amz-Algorithm, "
                    + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        Instant signedAt = parseAmzDate(amzDate, S3Error.ACCESS_DENIED);
        long lifetime;
        try {
            lifetime = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw S3Error.ACCESS_DENIED.exception("X-Amz-Expires should be a number");
        }
        if (lifetime < 1 || lifetime > MAX_PRESIGNED_SECONDS) {
            throw S3Error.ACCESS_DENIED.exception("X-Amz-Expires must be between 1 and 604800 seconds");
        }
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw S3Error.REQUEST_TIME_TOO_SKEWED.exception().with("RequestTime", amzDate).with("ServerTime", now.toString());
        }
        if (now.isAfter(signedAt.plusSeconds(lifetime))) {
            throw S3Error.ACCESS_DENIED.exception("Request has expired")
                    .with("X-Amz-Expires", expires)
                    .with("Expires", signedAt.plusSeconds(lifetime).toString())
                    .with("ServerTime", now.toString());
        }
        String payloadHash = request.param("X-Amz-Content-Sha256") != null ? request.param("X-Amz-Content-Sha256") : "UNSIGNED-PAYLOAD";
        return check(request, credential, signedHeaders, signature, amzDate, payloadHash, "X-Amz-Signature");
    }

    private Authenticated check(S3Request request, String credential, String signedHeaderList, String signature,
                                String amzDate, String payloadHash, String omitParam) {
        String[] scopeParts = credential.split("/");
        if (scopeParts.length != 5 || !"aws4_request".equals(scopeParts[4])) {
            throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The Credential must be <access key>/<date>/<region>/s3/aws4_request.");
        }
        if (!"s3".equals(scopeParts[3])) {
            throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("The credential scope must name the service s3.");
        }
        AccessKeyDirectory.AccessKey key = keys.find(scopeParts[0]).orElseThrow(() ->
                S3Error.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", scopeParts[0]));
        if (!key.active()) {
            throw S3Error.ACCESS_DENIED.exception("The environment of this access key is stopped; start it to use its keys.");
        }
        List<String> signedHeaders = Arrays.asList(signedHeaderList.toLowerCase(java.util.Locale.ROOT).split(";"));
        if (!signedHeaders.contains("host")) {
            throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("SignedHeaders must include host.");
        }
        String scope = String.join("/", scopeParts[1], scopeParts[2], scopeParts[3], scopeParts[4]);
        byte[] signingKey = SigningKeys.of(key.accessKeyId(), key.secret(), scopeParts[1], scopeParts[2], scopeParts[3]);
        String canonical = CanonicalRequest.of(request, CanonicalRequest.reencodedPath(request), signedHeaders, payloadHash, omitParam);
        String stringToSign = stringToSign(amzDate, scope, canonical);
        if (!SigV4.same(SigV4.signature(signingKey, stringToSign), signature)) {
            // Some clients sign the path exactly as they sent it, with characters left unencoded
            String rawCanonical = CanonicalRequest.of(request, CanonicalRequest.rawPath(request), signedHeaders, payloadHash, omitParam);
            String rawStringToSign = stringToSign(amzDate, scope, rawCanonical);
            if (!SigV4.same(SigV4.signature(signingKey, rawStringToSign), signature)) {
                throw mismatch(key.accessKeyId(), stringToSign, canonical);
            }
        }
        return new Authenticated(key.environmentId(), key.accessKeyId(), PayloadMode.of(payloadHash), payloadHash,
                signingKey, amzDate, scope, signature);
    }

    private static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + SigV4.sha256Hex(canonicalRequest);
    }

    private static S3Exception mismatch(String accessKeyId, String stringToSign, String canonical) {
        return S3Error.SIGNATURE_DOES_NOT_MATCH.exception()
                .with("AWSAccessKeyId", accessKeyId)
                .with("StringToSign", stringToSign)
                .with("CanonicalRequest", canonical);
    }

    private void checkSkew(Instant when) {
        Instant now = clock.instant();
        if (Duration.between(when, now).abs().compareTo(SKEW) > 0) {
            throw S3Error.REQUEST_TIME_TOO_SKEWED.exception()
                    .with("RequestTime", when.toString()).with("ServerTime", now.toString())
                    .with("MaxAllowedSkewMilliseconds", String.valueOf(SKEW.toMillis()));
        }
    }

    private static String requestDate(S3Request request) {
        String amzDate = request.header("x-amz-date");
        if (amzDate != null) {
            return amzDate.strip();
        }
        String date = request.header("Date");
        if (date == null) {
            throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        }
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .withZoneSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        }
    }

    private static Instant parseAmzDate(String amzDate, S3Error onError) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw onError.exception("The date " + amzDate + " is not in the form yyyyMMdd'T'HHmmss'Z'.");
        }
    }
}
