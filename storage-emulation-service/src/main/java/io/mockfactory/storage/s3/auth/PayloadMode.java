package io.mockfactory.storage.s3.auth;

/** What {@code x-amz-content-sha256} says about the body, and so how it must be read and checked. */
public enum PayloadMode {
    /** The header is the body's SHA-256, verified as it streams. */
    SIGNED,
    UNSIGNED,
    /** aws-chunked with a signature per chunk. */
    STREAMING_SIGNED,
    /** aws-chunked with signed chunks and a signed trailer (checksums). */
    STREAMING_SIGNED_TRAILER,
    /** aws-chunked, no signatures, checksums in the trailer (what current SDKs send over plain HTTP by default). */
    STREAMING_UNSIGNED_TRAILER;

    public static PayloadMode of(String header) {
        if (header == null || "UNSIGNED-PAYLOAD".equals(header)) {
            return UNSIGNED;
        }
        return switch (header) {
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            default -> SIGNED;
        };
    }

    public boolean chunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    public boolean signedChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }
}
