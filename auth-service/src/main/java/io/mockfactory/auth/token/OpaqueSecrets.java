package io.mockfactory.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * High-entropy bearer secrets (refresh tokens, API keys) and their stored form. 256 random bits need no slow hash:
 * SHA-256 cannot be brute-forced back to them, and a fast hash keeps every authenticated request cheap.
 */
public final class OpaqueSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueSecrets() {
    }

    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
