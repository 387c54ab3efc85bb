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
    CRC32(4), CRC32C(4), CRC64NVME(8), SHA1(20), SHA256(32);

    private final int length;

    ChecksumAlgorithm(int length) {
        this.length = length;
    }

    public String headerName() {
        return "x-amz-checksum-" + lowerName();
    }

    /** As S3 names it in its messages ("The upload was created using a crc32 checksum"). */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The XML element of the value: ChecksumCRC32, ChecksumSHA256, … */
    public String elementName() {
        return "Checksum" + name();
    }

    /** A CRC can be taken of the whole object however it was cut into parts (S3's FULL_OBJECT type); a digest cannot. */
    public boolean isCrc() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /**
     * The raw bytes of a value as S3 writes it, or null if it is not one: canonical base64 of exactly this algorithm's
     * length. Java's decoder would also take other padding bits ("y/Q5Jh==" for "y/Q5Jg=="), which S3 calls invalid.
     */
    public byte[] decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(value);
            return raw.length == length && Base64.getEncoder().encodeToString(raw).equals(value) ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The checksum of {@code data} in S3's form. */
    public String of(byte[] data) {
        Running running = start();
        running.update(data, 0, data.length);
        return running.base64();
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
