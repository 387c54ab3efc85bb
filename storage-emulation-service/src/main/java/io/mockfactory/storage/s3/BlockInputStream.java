package io.mockfactory.storage.s3;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that works in blocks: the body streams here (framing, checks, limits) all do their work in
 * {@link #read(byte[], int, int)}, and a single-byte read is a block of one, so no check can be skipped by reading
 * byte by byte.
 */
public abstract class BlockInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
