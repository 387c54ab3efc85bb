package io.mockfactory.kit.secret;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Service passwords: generated with a CSPRNG, stored AES-256-GCM encrypted (random 96-bit nonce per value, the
 * environment and service bound in as associated data so a ciphertext cannot be moved to another row). The key is a
 * file; when none exists locally, one is made once, readable by this user only.
 */
@Singleton
public class CredentialVault {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialVault.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    public CredentialVault(@Value("${mockfactory.vault.key-file:/run/secrets/vault_key}") String keyFile) {
        this.key = new SecretKeySpec(loadOrCreate(Path.of(keyFile)), "AES");
    }

    /** 32 characters from an unambiguous alphabet: about 186 bits, and safe inside any URL or config file. */
    public String newPassword() {
        char[] password = new char[32];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }

    public byte[] encrypt(String plaintext, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String boundTo) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored credential does not decrypt with this key", e);
        }
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                byte[] decoded = Base64.getDecoder().decode(Files.readString(file).strip());
                if (decoded.length != 32) {
                    throw new IllegalStateException(file + " must hold a base64 256-bit key");
                }
                return decoded;
            }
            byte[] created = new byte[32];
            random.nextBytes(created);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(created));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.warn("No credential key at {}; created one. Mount a key file in a deployment.", file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the credential key " + file, e);
        }
    }
}
