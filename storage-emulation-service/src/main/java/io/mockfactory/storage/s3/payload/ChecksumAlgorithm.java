package io.mockfactory.storage.s3.payload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 accepts ({@code x-amz-checksum-*}), each computed as the body streams. */
public enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.strip().toUpperCase(Locale.ROOT).replace("-", "");
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normalized)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public static Optional<ChecksumAlgorithm> fromHeader(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")) {
            return Optional.empty();
        }
        return fromName(header.substring("x-amz-checksum-".length()));
    }

    public Running start() {
        return switch (this) {
            case CRC32 -> new Crc(new CRC32(), 4);
            case CRC32C -> new Crc(new CRC32C(), 4);
            case CRC64NVME -> new Crc(new Crc64Nvme(), 8);
            case SHA1 -> new Digest("SHA-1");
            case SHA256 -> new Digest("SHA-256");
        };
    }

    /** A checksum being computed. */
    public interface Running {
        void update(byte[] data, int offset, int length);

        /** @return the value as S3 writes it: base64 of the big-endian bytes */
        String base64();
    }

    private record Crc(Checksum checksum, int bytes) implements Running {
        @Override
        public void update(byte[] data, int offset, int length) {
            checksum.update(data, offset, length);
        }

        @Override
        public String base64() {
            ByteBuffer value = ByteBuffer.allocate(8).putLong(checksum.getValue());
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(value.array(), 8 - bytes, 8));
        }
    }

    private static final class Digest implements Running {
        private final MessageDigest digest;

        Digest(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(digest.digest());
        }
    }
}
