package io.mockfactory.storage.s3.payload;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COMPOSITE and FULL_OBJECT multipart checksums against values computed here independently (java.util.zip,
 * MessageDigest, a bitwise CRC-64/NVME) and against values S3 itself returned (captured by the s3-tests suite,
 * LocalStack's AWS-validated snapshots and floci's wire captures).
 */
class MultipartChecksumMathTest {
    /** 5 MiB + 1 of 'a', twice, then 10 of 'a': LocalStack's recorded S3 run. */
    private static final byte[] BIG_A = repeat('a', 5 * 1024 * 1024 + 1);
    private static final byte[] TEN_A = repeat('a', 10);
    /** 5 MiB of 'A', then "tail": the s3-tests vectors. */
    private static final byte[] FIVE_MIB_A = repeat('A', 5 * 1024 * 1024);
    private static final byte[] TAIL = "tail".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldMakeTheCompositeOfThePartChecksumsAsComputedIndependently() throws Exception {
        Random random = new Random(7);
        List<byte[]> parts = new ArrayList<>();
        for (int size : new int[] {70_000, 1, 0, 123_457}) {
            byte[] part = new byte[size];
            random.nextBytes(part);
            parts.add(part);
        }
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.SHA1,
                ChecksumAlgorithm.SHA256)) {
            ByteArrayOutputStream rawPartChecksums = new ByteArrayOutputStream();
            List<String> partChecksums = new ArrayList<>();
            for (byte[] part : parts) {
                byte[] raw = independently(algorithm, part);
                rawPartChecksums.write(raw);
                partChecksums.add(Base64.getEncoder().encodeToString(raw));
            }
            String expected = Base64.getEncoder().encodeToString(independently(algorithm, rawPartChecksums.toByteArray())) + "-4";
            assertEquals(expected, CompositeChecksum.of(algorithm, partChecksums), algorithm.name());
        }
    }

    @Test
    void shouldGiveTheCompositeValuesS3Returned() {
        assertEquals("5FRUiw==-3", CompositeChecksum.of(ChecksumAlgorithm.CRC32, List.of("NRU+Sw==", "NRU+Sw==", "TBHN8A==")));
        assertEquals("ar6UVw==-2", CompositeChecksum.of(ChecksumAlgorithm.CRC32, List.of("JRTCyQ==", "fDe0XQ==")));
        assertEquals("9nmlxg==-2", CompositeChecksum.of(ChecksumAlgorithm.CRC32C, List.of("MDaLrw==", "B21LrQ==")));
        assertEquals("l89BPfYtRdlTXZSsCsWMB0Elnjg=-2", CompositeChecksum.of(ChecksumAlgorithm.SHA1,
                List.of("iIaTCGbm+vdVjNqIMF2S0T7ibMk=", "+/XyoodbO7Zbjjsj5swB1YyjBEc=")));
        assertEquals("2kYaKgwMh4G97NB7sxufv13cvQqUqNgjK75WsW6s16Q=-2", CompositeChecksum.of(ChecksumAlgorithm.SHA256,
                List.of("275VF5loJr1YYawit0XSHREhkFXYkkPKGuoK0x9VKxI=", "DGL4du8d6oMN6fMsL0tG3W101Q0ViW4J71ovzUrH4dc=")));
        assertEquals("rVWtNbadtsaKXJAcgWPWjifHzJaXde/iV4jaJAOdivc=-3", CompositeChecksum.of(ChecksumAlgorithm.SHA256,
                List.of("lcKa6Boe7a167tUCN5C4OaFygGSYD8MBnBARTrdL+1w=", "gHjhbUT4oo2tSCtSZJdlKi+jeNXJT+VImqdPXsXvkOc=",
                        "4l9PQ3zOPZ0oGFvknFX+J4zZwE4WMzO+l3r8XrbWOeM=")));
        // ... and the part checksums themselves are those of the parts' bytes
        assertEquals("NRU+Sw==", ChecksumAlgorithm.CRC32.of(BIG_A));
        assertEquals("TBHN8A==", ChecksumAlgorithm.CRC32.of(TEN_A));
        assertEquals("275VF5loJr1YYawit0XSHREhkFXYkkPKGuoK0x9VKxI=", ChecksumAlgorithm.SHA256.of(FIVE_MIB_A));
        assertEquals("B21LrQ==", ChecksumAlgorithm.CRC32C.of(TAIL));
    }

    @Test
    void shouldTakeTheFullObjectChecksumOfTheConcatenatedParts() throws IOException {
        byte[][] parts = {BIG_A, BIG_A, TEN_A};
        assertEquals("qSEQSA==", fullObject(ChecksumAlgorithm.CRC32, parts));
        assertEquals("eTdAQA==", fullObject(ChecksumAlgorithm.CRC32C, parts));
        assertEquals("ZMNX55lZurA=", fullObject(ChecksumAlgorithm.CRC64NVME, parts));
        assertEquals("gPNU7Q==", fullObject(ChecksumAlgorithm.CRC32, FIVE_MIB_A, TAIL));
        assertEquals("LZbOwA==", fullObject(ChecksumAlgorithm.CRC32C, FIVE_MIB_A, TAIL));
        assertEquals("UpfGsWmSCEg=", fullObject(ChecksumAlgorithm.CRC64NVME, FIVE_MIB_A, TAIL));

        Random random = new Random(11);
        byte[] first = new byte[300_001];
        byte[] second = new byte[77];
        random.nextBytes(first);
        random.nextBytes(second);
        byte[] all = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)) {
            assertEquals(Base64.getEncoder().encodeToString(independently(algorithm, all)), fullObject(algorithm, first, second),
                    algorithm.name());
        }
    }

    @Test
    void shouldTakeCrc64NvmeEightBytesAtATimeAsABitwiseCrcDoes() {
        Random random = new Random(3);
        byte[] data = new byte[4099];
        random.nextBytes(data);
        for (int offset : new int[] {0, 1, 7, 8, 13}) {
            for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 1000, data.length - 13}) {
                Crc64Nvme crc = new Crc64Nvme();
                // in two updates, so the eight-byte steps start off any alignment
                int half = length / 3;
                crc.update(data, offset, half);
                crc.update(data, offset + half, length - half);
                assertEquals(bitwiseCrc64Nvme(Arrays.copyOfRange(data, offset, offset + length)), crc.getValue(),
                        "offset " + offset + ", length " + length);
            }
        }
    }

    @Test
    void shouldReadCompositeValuesAsClientsSendThem() {
        String value = "ar6UVw==";
        assertEquals("ar6UVw==-2", CompositeChecksum.normalized(ChecksumAlgorithm.CRC32, value, 2).orElseThrow());
        assertEquals("ar6UVw==-3", CompositeChecksum.normalized(ChecksumAlgorithm.CRC32, value + "-3", 2).orElseThrow(),
                "a wrong count is a mismatch, not an invalid value");
        assertTrue(CompositeChecksum.normalized(ChecksumAlgorithm.CRC32, value + "-a", 2).isEmpty());
        assertTrue(CompositeChecksum.normalized(ChecksumAlgorithm.CRC32, value + "--3", 2).isEmpty());
        assertTrue(CompositeChecksum.normalized(ChecksumAlgorithm.CRC32, value + "-", 2).isEmpty());
        assertTrue(CompositeChecksum.normalized(ChecksumAlgorithm.SHA256, value, 2).isEmpty(), "a CRC32 is no SHA256");
        assertEquals("ar6UVw==", CompositeChecksum.withoutPartCount("ar6UVw==-2"));
        assertEquals("ar6UVw==", CompositeChecksum.withoutPartCount("ar6UVw=="));
    }

    @Test
    void shouldTakeOnlyCanonicalBase64OfTheRightLength() {
        assertEquals(4, ChecksumAlgorithm.CRC32.decode("y/Q5Jg==").length);
        assertNull(ChecksumAlgorithm.CRC32.decode("y/Q5Jh=="), "other padding bits: S3 calls it invalid");
        assertNull(ChecksumAlgorithm.CRC32.decode("invalid_checksum"));
        assertNull(ChecksumAlgorithm.CRC32.decode("AAAAAAAAAAA="), "8 bytes are no CRC32");
        assertNull(ChecksumAlgorithm.SHA256.decode(""));
        assertEquals(8, ChecksumAlgorithm.CRC64NVME.decode("ZMNX55lZurA=").length);
    }

    @Test
    void shouldKnowWhichTypeEachAlgorithmTakes() {
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumType.defaultFor(ChecksumAlgorithm.CRC64NVME));
        assertEquals(ChecksumType.COMPOSITE, ChecksumType.defaultFor(ChecksumAlgorithm.CRC32C));
        assertTrue(ChecksumType.FULL_OBJECT.supports(ChecksumAlgorithm.CRC32));
        assertTrue(!ChecksumType.FULL_OBJECT.supports(ChecksumAlgorithm.SHA1));
        assertTrue(!ChecksumType.COMPOSITE.supports(ChecksumAlgorithm.CRC64NVME));
        assertEquals(ChecksumType.COMPOSITE, ChecksumType.ofStored(null, "ar6UVw==-2"));
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumType.ofStored(null, "gPNU7Q=="));
    }

    private static String fullObject(ChecksumAlgorithm algorithm, byte[]... parts) throws IOException {
        List<InputStream> streams = Arrays.stream(parts).map(part -> (InputStream) new ByteArrayInputStream(part)).toList();
        try (ChecksummedStream stream = new ChecksummedStream(new SequenceInputStream(Collections.enumeration(streams)), algorithm)) {
            byte[] buffer = new byte[65_536];
            int first = stream.read();
            assertTrue(first >= 0);
            while (stream.read(buffer, 0, buffer.length) >= 0) {
                // the checksum is taken as the bytes go by
            }
            return stream.base64();
        }
    }

    /** Each algorithm computed without the production code: the JDK's CRCs and digests, and a bitwise CRC-64/NVME. */
    private static byte[] independently(ChecksumAlgorithm algorithm, byte[] data) {
        return IndependentChecksums.of(algorithm.name(), data);
    }

    private static long bitwiseCrc64Nvme(byte[] data) {
        return IndependentChecksums.bitwiseCrc64Nvme(data);
    }

    private static byte[] repeat(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
