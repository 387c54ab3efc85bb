package io.mockfactory.storage.s3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking stream for the worker thread, fed by the event loop. When more than
 * {@link #HIGH_WATER} bytes wait unread the channel stops reading from the socket, and it resumes below
 * {@link #LOW_WATER}: an upload of any size holds at most about a megabyte in memory.
 */
final class RequestBody extends InputStream {
    private static final int HIGH_WATER = 1024 * 1024;
    private static final int LOW_WATER = 256 * 1024;

    private final Channel channel;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long queuedBytes;
    private long received;
    private boolean ended;
    private boolean discarding;
    private IOException failure;

    RequestBody(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: a piece of the body arrived (ownership passes to this stream). */
    synchronized void offer(ByteBuf chunk) {
        received += chunk.readableBytes();
        if (discarding || chunk.readableBytes() == 0) {
            chunk.release();
            return;
        }
        chunks.add(chunk);
        queuedBytes += chunk.readableBytes();
        if (queuedBytes > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(IOException cause) {
        failure = cause;
        releaseAll();
        notifyAll();
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized long received() {
        return received;
    }

    /**
     * The worker no longer wants the rest of the body (it answered early): drop what is queued and what still comes,
     * and keep reading so the request can finish.
     */
    synchronized void discardRest() {
        discarding = true;
        releaseAll();
        resumeReading();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (chunks.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        ByteBuf head = chunks.peek();
        int n = Math.min(length, head.readableBytes());
        head.readBytes(buffer, offset, n);
        queuedBytes -= n;
        if (!head.isReadable()) {
            chunks.poll().release();
        }
        if (queuedBytes < LOW_WATER && !channel.config().isAutoRead()) {
            resumeReading();
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return chunks.isEmpty() ? 0 : chunks.peek().readableBytes();
    }

    @Override
    public synchronized void close() {
        // The handler decides what happens to unread bytes (see discardRest)
    }

    private void resumeReading() {
        channel.eventLoop().execute(() -> {
            channel.config().setAutoRead(true);
            channel.read();
        });
    }

    private void releaseAll() {
        while (!chunks.isEmpty()) {
            chunks.poll().release();
        }
        queuedBytes = 0;
    }
}
