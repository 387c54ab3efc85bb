package io.mockfactory.storage.s3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A request body as a blocking stream for the worker thread, fed by the event loop. When more than
 * {@link #HIGH_WATER} bytes wait unread the channel stops reading from the socket, and it resumes below
 * {@link #LOW_WATER}: an upload of any size holds at most about a megabyte in memory.
 * <p>
 * A client that expects {@code 100 Continue} is told to send the body only when the operation first reads it, after
 * the request was authenticated and checked: a refused upload is answered before a byte of it is sent. A client that
 * then sends nothing for the read timeout fails the read with S3's RequestTimeout, so a stalled upload cannot hold a
 * worker.
 */
final class RequestBody extends BlockInputStream {
    private static final int HIGH_WATER = 1024 * 1024;
    private static final int LOW_WATER = 256 * 1024;

    private final Channel channel;
    private final long readTimeoutNanos;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private boolean continueExpected;
    private long queuedBytes;
    private long received;
    private boolean ended;
    private boolean discarding;
    private IOException failure;
    private boolean stalled;

    RequestBody(Channel channel, Duration readTimeout, boolean continueExpected) {
        this.channel = channel;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.continueExpected = continueExpected;
    }

    /** Event loop: a piece of the body arrived (ownership passes to this stream). */
    synchronized void offer(ByteBuf chunk) {
        received += chunk.readableBytes();
        if (discarding || failure != null || chunk.readableBytes() == 0) {
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
     * The worker no longer wants the rest of the body (it answered): drop what is queued and what still comes, and
     * keep reading so the request can finish, or the next one on the connection be read.
     */
    synchronized void discardRest() {
        discarding = true;
        continueExpected = false;
        releaseAll();
        resumeReading();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (continueNow()) {
            channel.writeAndFlush(continueResponse()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
        return readQueued(buffer, offset, length);
    }

    /** @return true once, on the first read, if the client waits for {@code 100 Continue} and has sent nothing yet */
    private synchronized boolean continueNow() {
        boolean now = continueExpected && !ended && received == 0;
        continueExpected = false;
        return now;
    }

    private synchronized int readQueued(byte[] buffer, int offset, int length) throws IOException {
        long deadline = System.nanoTime() + readTimeoutNanos;
        while (chunks.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (stalled) {
                throw S3Error.REQUEST_TIMEOUT.exception();
            }
            if (ended) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stalled = true;
                throw S3Error.REQUEST_TIMEOUT.exception();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
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

    private static FullHttpResponse continueResponse() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER);
        // As Netty's HttpServerExpectContinueHandler, which answered 100 Continue before S3 code saw the request
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }
}
