package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;

import java.util.Optional;

/** A single {@code Range: bytes=…} request resolved against an object's size. */
record ByteRange(long first, long last) {

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
        String value = header.strip();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return Optional.empty();
        }
        String spec = value.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String start = spec.substring(0, dash).strip();
            String end = spec.substring(dash + 1).strip();
            if (start.isEmpty()) {
                if (end.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(end);
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (!end.isEmpty() && Long.parseLong(end) < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static RuntimeException unsatisfiable(long size) {
        return S3Error.INVALID_RANGE.exception().with("ActualObjectSize", String.valueOf(size))
                .withHeader("Content-Range", "bytes */" + size);
    }
}
