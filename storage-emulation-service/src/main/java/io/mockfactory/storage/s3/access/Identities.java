package io.mockfactory.storage.s3.access;

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

    private Identities() {
    }

    public static String accountId(String environmentId) {
        BigInteger digest = new BigInteger(1, sha256("mockfactory-account:" + environmentId));
        return String.format("%012d", digest.mod(ACCOUNT_SPACE));
    }

    public static String canonicalId(String environmentId) {
        return HexFormat.of().formatHex(sha256("mockfactory-canonical:" + environmentId));
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
