package io.mockfactory.billing.payments;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's webhook signature scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, where each v1
 * is HMAC-SHA256 of {@code "<t>.<raw body>"} under an endpoint secret. The request is genuine when some v1 matches
 * some current secret (several of each exist while a secret is rolled) and t is within the tolerance of now.
 */
public final class StripeSignature {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a request was refused; never carries the payload. */
    public enum Refusal { MALFORMED, STALE, MISMATCH }

    private final List<byte[]> secrets;
    private final Clock clock;

    public StripeSignature(List<String> secrets, Clock clock) {
        this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
        this.clock = clock;
    }

    /** @return empty when the signature is genuine and fresh, else why not */
    public Optional<Refusal> check(String header, String payload) {
        if (header == null || payload == null) {
            return Optional.of(Refusal.MALFORMED);
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            try {
                if (key.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                return Optional.of(Refusal.MALFORMED);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of(Refusal.MALFORMED);
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            return Optional.of(Refusal.STALE);
        }
        byte[] signed = (timestamp + "." + payload).getBytes(StandardCharsets.UTF_8);
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, signed);
            for (byte[] signature : signatures) {
                // Constant time: a mismatch tells an attacker nothing about how much of it was right
                if (MessageDigest.isEqual(expected, signature)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Refusal.MISMATCH);
    }

    /** The header Stripe would send for this payload at this time under this secret (for tests and the stand-in). */
    public static String header(String secret, long timestamp, String payload) {
        byte[] signature = hmac(secret.getBytes(StandardCharsets.UTF_8), (timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
