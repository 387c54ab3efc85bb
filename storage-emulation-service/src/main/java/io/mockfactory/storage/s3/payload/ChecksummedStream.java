package io.mockfactory.storage.s3.payload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that takes a checksum of what is read through it: the bytes a complete or a copy already stream into the
 * store get their full-object checksum on the way, with no second pass.
 */
public final class ChecksummedStream extends FilterInputStream {
    private final ChecksumAlgorithm.Running checksum;

    public ChecksummedStream(InputStream in, ChecksumAlgorithm algorithm) {
        super(in);
        this.checksum = algorithm.start();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            checksum.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            checksum.update(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read all the same: none may escape the checksum. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The checksum of everything read so far; call once, after the last byte. */
    public String base64() {
        return checksum.base64();
    }
}
