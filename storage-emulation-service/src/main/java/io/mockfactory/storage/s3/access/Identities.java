package io.mockfactory.storage.s3.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The AWS identifiers of a MockFactory environment, which S3 treats as one AWS account: a 12-digit account id and a
 * 64-hex canonical user id, both derived from the environment id so they are stable without being stored anywhere.
 */
public final class Identities {
    private static final BigInteger ACCOUNT_SPACE = BigInteger.TEN.pow(12);
    /** Two SHA-256s per request otherwise (the access checks name the caller and the owner on every request). */
    private static final Cache<String, String> DERIVED = Caffeine.newBuilder().maximumSize(50_000).build();

    private Identities() {
    }

    public static String accountId(String environmentId) {
        return DERIVED.get("account:" + environmentId, key -> String.format("%012d",
                new BigInteger(1, sha256("mockfactory-account:" + environmentId)).mod(ACCOUNT_SPACE)));
    }

    public static String canonicalId(String environmentId) {
        return DERIVED.get("canonical:" + environmentId, key ->
                HexFormat.of().formatHex(sha256("mockfactory-canonical:" + environmentId)));
    }

    /** The owner S3 names in ACLs and listings: the canonical id, with the environment id as its display name. */
    public static Owner owner(String environmentId) {
        return new Owner(canonicalId(environmentId), environmentId);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
