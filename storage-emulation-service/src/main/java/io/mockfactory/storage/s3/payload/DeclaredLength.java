package io.mockfactory.storage.s3.payload;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.auth.PayloadMode;

/**
 * The size an upload says its content has, read in one place: {@code x-amz-decoded-content-length} for an
 * aws-chunked body (its Content-Length counts the chunk framing too), {@code Content-Length} otherwise. A size that
 * can never be accepted is refused from the headers alone, before a byte of the body is read.
 */
public final class DeclaredLength {
    /** S3's largest single PutObject and UploadPart. */
    public static final long MAX_UPLOAD = 5L * 1024 * 1024 * 1024;
    static final long UNDECLARED = -1;

    private DeclaredLength() {
    }

    /** @return the declared content size, or {@link #UNDECLARED}; throws EntityTooLarge when it exceeds {@link #MAX_UPLOAD} */
    static long ofUpload(S3Request request, PayloadMode mode) {
        String name = mode.chunked() ? "x-amz-decoded-content-length" : "Content-Length";
        long declared = parse(request.header(name), name);
        if (declared > MAX_UPLOAD) {
            throw S3Error.ENTITY_TOO_LARGE.exception().with("ProposedSize", String.valueOf(declared))
                    .with("MaxSizeAllowed", String.valueOf(MAX_UPLOAD));
        }
        return declared;
    }

    /** Digits only ({@link Long#parseLong} would also take a sign, and "-5" passed for undeclared); too many is too large. */
    private static long parse(String value, String name) {
        if (value == null) {
            return UNDECLARED;
        }
        String digits = value.strip();
        if (digits.isEmpty()) {
            throw notANumber(name);
        }
        long parsed = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw notANumber(name);
            }
            parsed = parsed > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : parsed * 10 + digit;
        }
        return parsed;
    }

    private static RuntimeException notANumber(String name) {
        return S3Error.INVALID_ARGUMENT.exception(name + " must be a non-negative number.").with("ArgumentName", name);
    }
}
