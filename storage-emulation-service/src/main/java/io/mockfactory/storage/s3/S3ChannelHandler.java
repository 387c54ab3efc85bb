package io.mockfactory.storage.s3;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bridges Netty to blocking S3 operations: each request runs on a worker thread reading its body as a stream
 * (backpressured, see {@link RequestBody}) and writes its answer ({@link ResponseWriter}). Whatever goes wrong on the
 * worker, the request is answered (500 InternalError) or its connection closed, so no client is left waiting on an
 * answer that never comes.
 */
final class S3ChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(S3ChannelHandler.class);
    private static final SecureRandom IDS = new SecureRandom();

    /** What answers an S3 request (the {@link S3Dispatcher}). */
    interface Dispatch {
        S3Response handle(S3Request request);
    }

    private final Dispatch dispatcher;
    private final Executor workers;
    private final Duration bodyReadTimeout;
    private final S3RequestMetrics metrics;
    /** Requests of this connection whose answer is not yet all written: while there are any the connection is not idle. */
    private final AtomicInteger answering = new AtomicInteger();
    /** Pipelined requests are answered one after another, in order (RFC 9112 §9.3.2), never by two workers at once. */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private RequestBody inFlight;

    S3ChannelHandler(Dispatch dispatcher, Executor workers, Duration bodyReadTimeout, S3RequestMetrics metrics) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.bodyReadTimeout = bodyReadTimeout;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest request) {
                accept(ctx, request);
            }
            if (message instanceof HttpContent content && inFlight != null) {
                receive(content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void accept(ChannelHandlerContext ctx, HttpRequest request) {
        long received = System.nanoTime();
        if (!request.decoderResult().isSuccess()) {
            FullBadRequest.send(ctx).addListener(done -> metrics.answered(S3Action.UNKNOWN, 400, System.nanoTime() - received));
            return;
        }
        RequestBody body = new RequestBody(ctx.channel(), bodyReadTimeout, HttpUtil.is100ContinueExpected(request));
        inFlight = body;
        String requestId = HexFormat.of().withUpperCase().formatHex(randomBytes());
        S3Request s3Request = new S3Request(request.method().name(), request.uri(), request.headers(), body, requestId);
        if (ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress remote && remote.getAddress() != null) {
            s3Request.remoteAddress(remote.getAddress().getHostAddress());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        answering.incrementAndGet();
        previous = previous.handleAsync((ignored, failure) -> {
            process(ctx, s3Request, body, keepAlive, hasBody, received);
            return null;
        }, workers);
    }

    private void receive(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // Malformed chunked framing: the decoder drops the rest of the connection's input, so the body never ends
            inFlight.fail(incompleteBody("the chunked framing of the request body is malformed"));
            inFlight = null;
            return;
        }
        inFlight.offer(content.content().retain());
        if (content instanceof LastHttpContent) {
            inFlight.end();
            inFlight = null;
        }
    }

    private void process(ChannelHandlerContext ctx, S3Request request, RequestBody body, boolean keepAlive, boolean hasBody,
                         long received) {
        ResponseWriter writer = new ResponseWriter(ctx, request);
        ChannelFuture answered;
        S3Response response = null;
        try {
            response = dispatcher.handle(request);
            answered = writer.write(response, finishBody(body, keepAlive, hasBody));
        } catch (Throwable failure) {
            // Anything at all: a worker that dies here leaves its client waiting forever on an open connection
            answered = answerFailure(ctx, request, body, writer, keepAlive, hasBody, failure);
        }
        // What the client was told: the response's status once its head is out, else answerFailure's 500
        int status = response != null && writer.headWritten() ? response.status() : 500;
        answered.addListener(done -> {
            answering.decrementAndGet();
            metrics.answered(request.action(), status, System.nanoTime() - received);
        });
    }

    /**
     * Whatever of the body is still unread is dropped (and its buffers freed) rather than read as the next request. If
     * it was answered before the whole body arrived (an error, usually), the connection closes: the rest may never
     * come. A request without a body only lacks its (empty) end marker, which the event loop is about to deliver.
     *
     * @return whether the connection closes after the answer
     */
    private static boolean finishBody(RequestBody body, boolean keepAlive, boolean hasBody) {
        boolean close = !keepAlive || (!body.isEnded() && hasBody);
        body.discardRest();
        return close;
    }

    private ChannelFuture answerFailure(ChannelHandlerContext ctx, S3Request request, RequestBody body, ResponseWriter writer,
                                        boolean keepAlive, boolean hasBody, Throwable failure) {
        LOG.error("S3 request {} ({} {}) failed unexpectedly", request.requestId(), request.method(), request.path(), failure);
        try {
            boolean close = finishBody(body, keepAlive, hasBody);
            if (writer.headWritten()) {
                // Part of an answer is out and the client counts bytes that will not come: only closing tells it
                return ctx.close();
            }
            S3Response error = S3ErrorRenderer.render(S3Error.INTERNAL_ERROR.exception(), request);
            return new ResponseWriter(ctx, request).write(error, close);
        } catch (Throwable again) {
            return ctx.close();
        }
    }

    /**
     * Reader idle and no request being answered: a keep-alive connection nobody uses, or one whose request head never
     * finished (the decoder would wait for it forever). Closed, as S3 closes idle connections. A body that stalls is
     * the worker's to answer (RequestTimeout, see {@link RequestBody}).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (answering.get() == 0) {
                LOG.debug("Closing an idle S3 connection from {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight != null) {
            inFlight.fail(incompleteBody("the client closed the connection before the body ended"));
            inFlight = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("S3 connection error: {}", cause.toString());
        if (inFlight != null) {
            inFlight.fail(incompleteBody("the connection failed before the body ended: " + cause));
            inFlight = null;
        }
        ctx.close();
    }

    /** The client's doing, not ours: answered (to whoever still listens) as S3's IncompleteBody, not as an internal error. */
    private static IOException incompleteBody(String why) {
        return new IOException(why, S3Error.INCOMPLETE_BODY.exception());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        IDS.nextBytes(bytes);
        return bytes;
    }

    /** An HTTP request Netty could not parse never reaches S3 code. */
    private static final class FullBadRequest {
        static ChannelFuture send(ChannelHandlerContext ctx) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
            HttpUtil.setContentLength(response, 0);
            return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
