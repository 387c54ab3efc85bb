package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.BlockInputStream;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The form's file content as it streams into the blob store: counted, digested (MD5 for the ETag, and the additional
 * checksum the form asked for), and cut off with EntityTooLarge as soon as it passes the largest size it may have,
 * so an oversized upload is not stored to the end first.
 */
final class IncomingFile extends BlockInputStream {
    private final InputStream in;
    private final long max;
    private final MessageDigest md5;
    private final ChecksumAlgorithm algorithm;
    private final ChecksumAlgorithm.Running checksum;
    private long count;
    private boolean tooLarge;

    IncomingFile(InputStream in, long max, ChecksumAlgorithm algorithm) {
        this.in = in;
        this.max = max;
        this.algorithm = algorithm;
        this.checksum = algorithm == null ? null : algorithm.start();
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > max) {
                tooLarge = true;
                throw PostPolicy.tooLarge(null, max);
            }
            md5.update(buffer, offset, n);
            if (checksum != null) {
                checksum.update(buffer, offset, n);
            }
        }
        return n;
    }

    /** Whether the content passed its largest size (and was not all read). */
    boolean tooLarge() {
        return tooLarge;
    }

    /** Bytes of the content read so far: its size once it ended. */
    long count() {
        return count;
    }

    /**
     * After the content ended: its MD5 (hex) and checksum, and the checksum checked against the one the form gave.
     */
    Received verify(String expectedChecksum) {
        String value = checksum == null ? null : checksum.base64();
        if (expectedChecksum != null && !expectedChecksum.equals(value)) {
            throw S3Error.BAD_DIGEST.exception("The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
        return new Received(count, HexFormat.of().formatHex(md5.digest()), algorithm, value);
    }

    record Received(long size, String md5Hex, ChecksumAlgorithm checksumAlgorithm, String checksum) {
    }
}
