package io.mockfactory.storage.s3;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedStream;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.Executor;

/**
 * Bridges Netty to blocking S3 operations: each request runs on a worker thread reading its body as a stream
 * (backpressured, see {@link RequestBody}) and writes its answer; object bodies go out in chunks as the socket drains.
 */
final class S3ChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(S3ChannelHandler.class);
    private static final SecureRandom IDS = new SecureRandom();
    private static final int CHUNK = 64 * 1024;

    private final S3Dispatcher dispatcher;
    private final Executor workers;
    private RequestBody inFlight;

    S3ChannelHandler(S3Dispatcher dispatcher, Executor workers) {
        this.dispatcher = dispatcher;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest request) {
                accept(ctx, request);
            }
            if (message instanceof HttpContent content && inFlight != null) {
                inFlight.offer(content.content().retain());
                if (content instanceof LastHttpContent) {
                    inFlight.end();
                    inFlight = null;
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void accept(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullBadRequest.send(ctx);
            return;
        }
        RequestBody body = new RequestBody(ctx.channel());
        inFlight = body;
        String requestId = HexFormat.of().withUpperCase().formatHex(randomBytes());
        S3Request s3Request = new S3Request(request.method().name(), request.uri(), request.headers(), body, requestId);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        workers.execute(() -> process(ctx, s3Request, body, keepAlive, hasBody));
    }

    private void process(ChannelHandlerContext ctx, S3Request request, RequestBody body, boolean keepAlive, boolean hasBody) {
        S3Response response = dispatcher.handle(request);
        boolean close = !keepAlive;
        if (!body.isEnded()) {
            // Answered before the whole body arrived (an error, usually): drop the rest rather than read it as a request.
            // A request without a body only lacks its (empty) end marker, which the event loop is about to deliver.
            body.discardRest();
            close |= hasBody;
        }
        write(ctx, request, response, close);
    }

    private static void write(ChannelHandlerContext ctx, S3Request request, S3Response response, boolean close) {
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
            ctx.write(start);
            ctx.write(new DefaultFileRegion(response.file().toFile(), response.fileOffset(), response.streamLength()));
            done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (stream != null && !head) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, response.headers());
            HttpUtil.setContentLength(start, response.streamLength());
            ctx.write(start);
            done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(stream, CHUNK)));
        } else {
            closeQuietly(stream);
            DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()), response.headers(),
                    io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
            if (stream != null || response.file() != null) {
                HttpUtil.setContentLength(full, response.streamLength());
            } else if (!head || !full.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                if (response.status() != 204 && response.status() != 304) {
                    HttpUtil.setContentLength(full, response.body().length);
                }
            }
            done = ctx.writeAndFlush(full);
        }
        if (close) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight != null) {
            inFlight.fail(new IOException("the client closed the connection before the body ended"));
            inFlight = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("S3 connection error: {}", cause.toString());
        if (inFlight != null) {
            inFlight.fail(new IOException(cause));
            inFlight = null;
        }
        ctx.close();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        IDS.nextBytes(bytes);
        return bytes;
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

    /** An HTTP request Netty could not parse never reaches S3 code. */
    private static final class FullBadRequest {
        static void send(ChannelHandlerContext ctx) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
            HttpUtil.setContentLength(response, 0);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
