package io.mockfactory.kit.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialVaultTest {

    @Test
    void shouldRoundTripAndBindEachCiphertextToItsRow(@TempDir Path dir) {
        CredentialVault vault = new CredentialVault(dir.resolve("key").toString());
        String password = vault.newPassword();
        byte[] sealed = vault.encrypt(password, "env_a/redis");

        assertEquals(password, vault.decrypt(sealed, "env_a/redis"));
        assertThrows(IllegalStateException.class, () -> vault.decrypt(sealed, "env_b/redis"), "moved to another row");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> vault.decrypt(sealed, "env_a/redis"), "tampered");
    }

    @Test
    void shouldKeepTheKeyAcrossRestartsAndNeverRepeatANonce(@TempDir Path dir) {
        CredentialVault first = new CredentialVault(dir.resolve("key").toString());
        byte[] one = first.encrypt("same", "env_a/redis");
        byte[] two = first.encrypt("same", "env_a/redis");
        assertNotEquals(new String(one), new String(two), "a fresh nonce per value");
        assertEquals("same", new CredentialVault(dir.resolve("key").toString()).decrypt(one, "env_a/redis"));
    }

    @Test
    void shouldGenerateLongUnambiguousPasswords(@TempDir Path dir) {
        String password = new CredentialVault(dir.resolve("key").toString()).newPassword();
        assertEquals(32, password.length());
        assertTrue(password.matches("[A-HJ-NP-Za-km-z2-9]+"), password);
    }
}
