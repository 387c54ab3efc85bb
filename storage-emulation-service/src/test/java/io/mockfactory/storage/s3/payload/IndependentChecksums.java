package io.mockfactory.storage.s3.payload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * S3's checksum algorithms computed without any of the service's code (the JDK's CRCs and digests, a bitwise
 * CRC-64/NVME), so tests compare the service's values with an independent computation.
 */
public final class IndependentChecksums {
    private IndependentChecksums() {
    }

    /** @param algorithm S3's name: CRC32, CRC32C, SHA1, SHA256 or CRC64NVME */
    public static byte[] of(String algorithm, byte[] data) {
        try {
            return switch (algorithm) {
                case "CRC32" -> crc(new CRC32(), data);
                case "CRC32C" -> crc(new CRC32C(), data);
                case "SHA1" -> MessageDigest.getInstance("SHA-1").digest(data);
                case "SHA256" -> MessageDigest.getInstance("SHA-256").digest(data);
                case "CRC64NVME" -> ByteBuffer.allocate(8).putLong(bitwiseCrc64Nvme(data)).array();
                default -> throw new IllegalArgumentException(algorithm);
            };
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3's COMPOSITE checksum of parts given as base64: the algorithm over their raw concatenation, then "-N". */
    public static String composite(String algorithm, java.util.List<String> partChecksums) {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        partChecksums.forEach(part -> raw.writeBytes(java.util.Base64.getDecoder().decode(part)));
        return java.util.Base64.getEncoder().encodeToString(of(algorithm, raw.toByteArray())) + "-" + partChecksums.size();
    }

    /** Reproducible test content. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] crc(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        return Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(checksum.getValue()).array(), 4, 8);
    }

    /** CRC-64/NVME bit by bit: reflected polynomial 0x9A6C9329AC4BC9B5, all ones in and out. */
    public static long bitwiseCrc64Nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xffL;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }
}
