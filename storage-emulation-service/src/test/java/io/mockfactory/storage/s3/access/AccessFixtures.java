package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Environments, principals and assertions the access tests share. */
final class AccessFixtures {
    static final String ALICE_ENV = "env-alice";
    static final String BOB_ENV = "env-bob";
    static final Principal ALICE = Principal.of(ALICE_ENV, "AKIAALICE00000000001");
    static final Principal BOB = Principal.of(BOB_ENV, "AKIABOB0000000000001");
    static final Principal ANONYMOUS = Principal.ANONYMOUS;
    static final Owner ALICE_OWNER = Identities.owner(ALICE_ENV);
    static final Owner BOB_OWNER = Identities.owner(BOB_ENV);

    private AccessFixtures() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The S3 error the call fails with; asserts its code and message. */
    static S3Exception failsWith(String code, String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(code, e.error().code(), "code");
        if (message != null) {
            assertEquals(message, e.getMessage(), "message");
        }
        return e;
    }
}
