package io.mockfactory.storage;

import io.mockfactory.storage.s3.auth.TestSigner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * aws-chunked bodies for the fuzzer: a correct framing of random data (signed chunks and trailer when the payload
 * mode says so), then at most one thing broken in it: a chunk size, a signature, a line end, the final chunk, a trailer.
 */
final class AwsChunkedFraming {
    static final List<String> MODES = List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    /** What to break, NONE being a valid upload. */
    enum Flaw { NONE, SIZE_NOT_HEX, SIZE_NEGATIVE, SIZE_HUGE, SIZE_TOO_LARGE, SIZE_TOO_SMALL, BAD_SIGNATURE, NO_SIGNATURE,
        NO_LINE_END, NO_FINAL_CHUNK, TRAILER_NO_COLON, TRAILER_WRONG_CHECKSUM, TRAILER_BAD_SIGNATURE, LONG_LINE, EXTRA_BYTES }

    private AwsChunkedFraming() {
    }

    /** @param signed the request's signature, which signed chunks continue from */
    static byte[] body(String mode, TestSigner.Signed signed, byte[] data, Flaw flaw, Random random) {
        boolean signedChunks = !mode.startsWith("STREAMING-UNSIGNED");
        boolean trailer = mode.endsWith("TRAILER");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signed.seedSignature();
        int chunkSize = 1 + random.nextInt(Math.max(1, data.length));
        int brokenChunk = random.nextInt(Math.max(1, data.length / chunkSize + 1));
        int chunk = 0;
        for (int offset = 0; offset < data.length; offset += chunkSize, chunk++) {
            byte[] piece = java.util.Arrays.copyOfRange(data, offset, Math.min(data.length, offset + chunkSize));
            boolean broken = chunk == brokenChunk;
            String signature = signedChunks ? signed.chunkSignature(previous, piece) : null;
            previous = signature;
            write(out, sizeText(piece.length, broken ? flaw : Flaw.NONE) + extension(signature, broken ? flaw : Flaw.NONE, random) + "\r\n");
            out.writeBytes(piece);
            if (broken && flaw == Flaw.EXTRA_BYTES) {
                write(out, "surplus");
            }
            write(out, broken && flaw == Flaw.NO_LINE_END ? "" : "\r\n");
        }
        if (flaw == Flaw.NO_FINAL_CHUNK) {
            return out.toByteArray();
        }
        String finalSignature = signedChunks ? signed.chunkSignature(previous, new byte[0]) : null;
        write(out, "0" + extension(finalSignature, Flaw.NONE, random) + "\r\n");
        if (trailer) {
            CRC32 crc = new CRC32();
            crc.update(data);
            byte[] value = java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            String checksum = Base64.getEncoder().encodeToString(flaw == Flaw.TRAILER_WRONG_CHECKSUM ? new byte[4] : value);
            String line = flaw == Flaw.TRAILER_NO_COLON ? "x-amz-checksum-crc32 " + checksum : "x-amz-checksum-crc32:" + checksum;
            write(out, line + "\r\n");
            if (signedChunks) {
                String trailerSignature = signed.trailerSignature(finalSignature, "x-amz-checksum-crc32:" + checksum + "\n");
                write(out, "x-amz-trailer-signature:" + (flaw == Flaw.TRAILER_BAD_SIGNATURE ? "0".repeat(64) : trailerSignature) + "\r\n");
            }
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    private static String sizeText(int size, Flaw flaw) {
        return switch (flaw) {
            case SIZE_NOT_HEX -> "zz";
            case SIZE_NEGATIVE -> "-" + Integer.toHexString(size);
            case SIZE_HUGE -> "ffffffffffffffffff";
            case SIZE_TOO_LARGE -> Integer.toHexString(size + 7);
            case SIZE_TOO_SMALL -> Integer.toHexString(Math.max(0, size - 1));
            case LONG_LINE -> "0".repeat(5000) + Integer.toHexString(size);
            default -> Integer.toHexString(size);
        };
    }

    private static String extension(String signature, Flaw flaw, Random random) {
        if (signature == null || flaw == Flaw.NO_SIGNATURE) {
            return "";
        }
        if (flaw == Flaw.BAD_SIGNATURE) {
            char[] wrong = signature.toCharArray();
            int at = random.nextInt(wrong.length);
            wrong[at] = wrong[at] == '0' ? '1' : '0';
            return ";chunk-signature=" + new String(wrong);
        }
        return ";chunk-signature=" + signature;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
