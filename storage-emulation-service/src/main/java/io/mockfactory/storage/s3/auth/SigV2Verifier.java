package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3's legacy signature (HMAC-SHA1), header ({@code Authorization: AWS id:signature}) and query-string form
 * ({@code AWSAccessKeyId, Expires, Signature}). Kept because boto3 still presigns S3 URLs this way by default and
 * S3 still accepts them; expiry and clock skew are enforced as for version 4.
 */
final class SigV2Verifier {
    private static final Duration SKEW = Duration.ofMinutes(15);
    /** The query parameters that are part of the signed resource. */
    private static final Set<String> SUB_RESOURCES = Set.of("acl", "cors", "delete", "lifecycle", "location", "logging",
            "notification", "partNumber", "policy", "requestPayment", "restore", "tagging", "torrent", "uploadId",
            "uploads", "versionId", "versioning", "versions", "website", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires");

    private final AccessKeyDirectory keys;
    private final Clock clock;

    SigV2Verifier(AccessKeyDirectory keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Authenticated verifyHeader(S3Request request, String authorization, String virtualHostBucket) {
        String credential = authorization.substring("AWS ".length()).strip();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            throw S3Error.INVALID_ARGUMENT.exception("Authorization header is invalid -- one and only one ':' is expected.");
        }
        String amzDate = request.header("x-amz-date");
        String date = amzDate != null ? amzDate : request.header("Date");
        Instant when = parseHttpDate(date);
        if (Duration.between(when, clock.instant()).abs().compareTo(SKEW) > 0) {
            throw S3Error.REQUEST_TIME_TOO_SKEWED.exception().with("RequestTime", date).with("ServerTime", clock.instant().toString());
        }
        return check(request, credential.substring(0, colon), credential.substring(colon + 1),
                amzDate != null ? "" : date, virtualHostBucket);
    }

    Authenticated verifyQuery(S3Request request, String virtualHostBucket) {
        String accessKeyId = request.param("AWSAccessKeyId");
        String signature = request.param("Signature");
        String expires = request.param("Expires");
        if (accessKeyId == null || signature == null || expires == null) {
            throw S3Error.ACCESS_DENIED.exception("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires.strip());
        } catch (NumberFormatException e) {
            throw S3Error.ACCESS_DENIED.exception("Invalid date (should be seconds since epoch): " + expires);
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() > expiresAt) {
            throw S3Error.ACCESS_DENIED.exception("Request has expired").with("Expires", Instant.ofEpochSecond(expiresAt).toString())
                    .with("ServerTime", now.toString());
        }
        return check(request, accessKeyId, signature, expires.strip(), virtualHostBucket);
    }

    private Authenticated check(S3Request request, String accessKeyId, String signature, String dateLine,
                                String virtualHostBucket) {
        AccessKeyDirectory.AccessKey key = keys.find(accessKeyId).orElseThrow(() ->
                S3Error.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", accessKeyId));
        if (!key.active()) {
            throw S3Error.ACCESS_DENIED.exception("The environment of this access key is stopped; start it to use its keys.");
        }
        String prefix = virtualHostBucket == null ? "" : "/" + virtualHostBucket;
        String rawPath = request.rawPath().isEmpty() ? "/" : request.rawPath();
        String stringToSign = stringToSign(request, dateLine, prefix + rawPath);
        if (!same(sign(key.secret(), stringToSign), signature)) {
            String decoded = stringToSign(request, dateLine, prefix + (request.path().isEmpty() ? "/" : request.path()));
            if (!same(sign(key.secret(), decoded), signature)) {
                throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception().with("AWSAccessKeyId", accessKeyId)
                        .with("StringToSign", stringToSign);
            }
        }
        return new Authenticated(key.environmentId(), key.accessKeyId(), PayloadMode.UNSIGNED, "UNSIGNED-PAYLOAD", null,
                null, null, null);
    }

    private static String stringToSign(S3Request request, String dateLine, String path) {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n')
                .append(orEmpty(request.header("Content-MD5"))).append('\n')
                .append(orEmpty(request.header("Content-Type"))).append('\n')
                .append(dateLine).append('\n');
        Map<String, List<String>> amzHeaders = new TreeMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-")) {
                amzHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue().strip());
            }
        }
        amzHeaders.forEach((name, values) -> out.append(name).append(':').append(String.join(",", values)).append('\n'));
        out.append(path);
        List<String> subResources = new ArrayList<>();
        for (Map.Entry<String, String> pair : request.queryPairs()) {
            if (SUB_RESOURCES.contains(pair.getKey())) {
                subResources.add(pair.getValue().isEmpty() ? pair.getKey() : pair.getKey() + "=" + pair.getValue());
            }
        }
        subResources.sort(String::compareTo);
        if (!subResources.isEmpty()) {
            out.append('?').append(String.join("&", subResources));
        }
        return out.toString();
    }

    private static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static Instant parseHttpDate(String date) {
        if (date == null) {
            throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        }
        try {
            return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
