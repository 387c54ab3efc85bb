package io.mockfactory.storage.s3;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes one answer to the channel (from a worker thread): a small body in full, a local file without copying, or a
 * stream in chunks as the socket drains. It remembers whether the response head went out, since after that an error
 * can only be told to the client by closing the connection.
 */
final class ResponseWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);
    private static final int CHUNK = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final S3Request request;
    private boolean headWritten;

    ResponseWriter(ChannelHandlerContext ctx, S3Request request) {
        this.ctx = ctx;
        this.request = request;
    }

    boolean headWritten() {
        return headWritten;
    }

    /** @return the write of the answer's last byte; the connection is closed when it fails, or after it if {@code close} */
    ChannelFuture write(S3Response response, boolean close) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        boolean head = "HEAD".equals(request.method());
        response.headers().set("x-amz-request-id", request.requestId());
        response.headers().set("x-amz-id-2", request.requestId());
        response.headers().set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        response.headers().set(HttpHeaderNames.SERVER, "MockFactory");
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        ChannelFuture done;
        InputStream stream = response.streamBody();
        if (response.file() != null && !head) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, response.headers());
            HttpUtil.setContentLength(start, response.streamLength());
            writeHead(start);
            ctx.write(new DefaultFileRegion(response.file().toFile(), response.fileOffset(), response.streamLength()));
            done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (stream != null && !head) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, response.headers());
            HttpUtil.setContentLength(start, response.streamLength());
            writeHead(start);
            done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(stream, CHUNK)));
        } else {
            closeQuietly(stream);
            DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()), response.headers(),
                    EmptyHttpHeaders.INSTANCE);
            if (stream != null || response.file() != null) {
                HttpUtil.setContentLength(full, response.streamLength());
            } else if (!head || !full.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                if (response.status() != 204 && response.status() != 304) {
                    HttpUtil.setContentLength(full, response.body().length);
                }
            }
            headWritten = true;
            done = ctx.writeAndFlush(full);
        }
        // A body that fails half-way (a blob that cannot be read) leaves the client counting bytes that never come
        done.addListener(this::logFailure).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (close) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
        return done;
    }

    private void writeHead(HttpResponse start) {
        headWritten = true;
        ctx.write(start);
    }

    private void logFailure(io.netty.util.concurrent.Future<? super Void> write) {
        if (write.isSuccess()) {
            return;
        }
        // The client going away is ordinary; anything else is worth a look
        if (write.cause() instanceof IOException) {
            LOG.debug("Answer to S3 request {} not sent: {}", request.requestId(), write.cause().toString());
        } else {
            LOG.warn("Answer to S3 request {} not sent", request.requestId(), write.cause());
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing was sent from it
            }
        }
    }
}
