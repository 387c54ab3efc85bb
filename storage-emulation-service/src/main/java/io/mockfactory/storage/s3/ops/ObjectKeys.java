package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;

import java.nio.charset.StandardCharsets;

/**
 * Object keys are names, never paths: they are stored as metadata and the bytes live under generated blob ids, so a
 * key like {@code ../../etc/passwd} is an ordinary name inside its bucket. Only S3's own limits apply.
 */
public final class ObjectKeys {
    private static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    public static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw S3Error.INVALID_ARGUMENT.exception("An object key must not be empty.");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Error.KEY_TOO_LONG.exception().with("Size", String.valueOf(key.getBytes(StandardCharsets.UTF_8).length))
                    .with("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES));
        }
        if (key.indexOf('\0') >= 0 || key.indexOf('\uFFFD') >= 0) {
            throw S3Error.INVALID_ARGUMENT.exception("An object key must be valid UTF-8 without NUL characters.");
        }
        return key;
    }
}
