package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE;
import static io.mockfactory.storage.s3.access.AccessFixtures.ALICE_ENV;
import static io.mockfactory.storage.s3.access.AccessFixtures.BOB_ENV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitiesTest {
    @Test
    void shouldDeriveStableAwsShapedIdentifiersFromTheEnvironment() {
        String account = Identities.accountId(ALICE_ENV);
        String canonical = Identities.canonicalId(ALICE_ENV);
        assertTrue(account.matches("\\d{12}"), account);
        assertTrue(canonical.matches("[0-9a-f]{64}"), canonical);
        assertEquals(account, Identities.accountId(ALICE_ENV), "the same every time: nothing is stored");
        assertEquals(canonical, Identities.canonicalId(ALICE_ENV));
        assertNotEquals(account, Identities.accountId(BOB_ENV));
        assertNotEquals(canonical, Identities.canonicalId(BOB_ENV));
        assertNotEquals(canonical, Identities.canonicalId("other"), "derived with its own prefix");
    }

    @Test
    void shouldPadSmallAccountNumbersToTwelveDigits() {
        // Whatever the digest, the account id keeps AWS's fixed width
        for (int i = 0; i < 500; i++) {
            assertEquals(12, Identities.accountId("env-" + i).length());
        }
    }

    @Test
    void shouldNameTheOwnerByCanonicalIdAndEnvironment() {
        Owner owner = Identities.owner(ALICE_ENV);
        assertEquals(Identities.canonicalId(ALICE_ENV), owner.id());
        assertEquals(ALICE_ENV, owner.displayName());
    }

    @Test
    void shouldDescribeSignedAndAnonymousPrincipals() {
        assertEquals(ALICE_ENV, ALICE.environmentId());
        assertEquals(Identities.accountId(ALICE_ENV), ALICE.accountId());
        assertEquals(Identities.canonicalId(ALICE_ENV), ALICE.canonicalId());
        assertEquals("arn:aws:iam::" + ALICE.accountId() + ":root", ALICE.arn());
        assertTrue(ALICE.isEnvironment(ALICE_ENV));
        assertFalse(ALICE.isEnvironment(BOB_ENV));
        assertFalse(ALICE.isAnonymous());
        assertTrue(Principal.ANONYMOUS.isAnonymous());
        assertFalse(Principal.ANONYMOUS.isEnvironment(null));
        assertNull(Principal.ANONYMOUS.arn());
    }
}
