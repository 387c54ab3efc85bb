package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;

import java.util.Optional;

/**
 * A single {@code Range: bytes=…} request resolved against an object's size, parsed strictly by RFC 9110 §14.1:
 * {@code bytes=} then {@code 1*DIGIT "-" [1*DIGIT]} or {@code "-" 1*DIGIT}, ASCII digits only. Anything else (a sign,
 * a space inside, an overflow, several ranges) is not a range S3 honours, and the whole object is sent instead.
 */
record ByteRange(long first, long last) {
    private static final String UNIT = "bytes=";
    private static final long NOT_DIGITS = -1;

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @return empty when there is no range to honour (absent, not bytes, several ranges, or syntactically invalid —
     * S3 then sends the whole object); throws InvalidRange when the range cannot be satisfied
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        // Only the field value's own surrounding whitespace is optional (RFC 9110 §5.5); the range unit is case-insensitive
        String value = header.strip();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return Optional.empty();
        }
        String spec = value.substring(UNIT.length());
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String firstText = spec.substring(0, dash);
        String lastText = spec.substring(dash + 1);
        if (firstText.isEmpty()) {
            long suffix = digits(lastText);
            return suffix == NOT_DIGITS ? Optional.empty() : suffix(suffix, size);
        }
        long first = digits(firstText);
        // "bytes=N-" runs to the end; a last position past the end is clamped to it (§14.1.2)
        long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
        if (first == NOT_DIGITS || last == NOT_DIGITS || last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** {@code bytes=-N}: the last N bytes; a zero-length suffix or an empty object leaves nothing to send (§14.1.3). */
    private static Optional<ByteRange> suffix(long suffix, long size) {
        if (suffix == 0 || size == 0) {
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
    }

    /** @return the value of {@code text} if it is 1*DIGIT (ASCII) and fits a long, else {@link #NOT_DIGITS} */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return NOT_DIGITS;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_DIGITS;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static RuntimeException unsatisfiable(long size) {
        return S3Error.INVALID_RANGE.exception().with("ActualObjectSize", String.valueOf(size))
                .withHeader("Content-Range", "bytes */" + size);
    }
}
