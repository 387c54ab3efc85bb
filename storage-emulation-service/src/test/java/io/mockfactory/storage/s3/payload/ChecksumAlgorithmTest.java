package io.mockfactory.storage.s3.payload;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChecksumAlgorithmTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldMatchTheStandardCheckValues() {
        assertEquals(base64(0xCBF43926L, 4), compute(ChecksumAlgorithm.CRC32));
        assertEquals(base64(0xE3069283L, 4), compute(ChecksumAlgorithm.CRC32C));
        assertEquals(base64(0xAE8B14860A799888L, 8), compute(ChecksumAlgorithm.CRC64NVME));
        assertEquals("98O8HYCOBHMq32eZZczDTKeuNEE=", compute(ChecksumAlgorithm.SHA1));
        assertEquals("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=", compute(ChecksumAlgorithm.SHA256));
    }

    @Test
    void shouldReadTheNamesSdksSend() {
        assertEquals(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.fromName("crc64nvme").orElseThrow());
        assertEquals(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.fromHeader("x-amz-checksum-crc32c").orElseThrow());
        assertEquals("x-amz-checksum-sha256", ChecksumAlgorithm.SHA256.headerName());
    }

    private static String compute(ChecksumAlgorithm algorithm) {
        ChecksumAlgorithm.Running running = algorithm.start();
        running.update(CHECK, 0, 4);
        running.update(CHECK, 4, CHECK.length - 4);
        return running.base64();
    }

    private static String base64(long value, int bytes) {
        byte[] all = ByteBuffer.allocate(8).putLong(value).array();
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(all, 8 - bytes, 8));
    }
}
