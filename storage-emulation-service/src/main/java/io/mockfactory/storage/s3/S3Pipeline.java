package io.mockfactory.storage.s3;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of one S3 connection. There is deliberately no HttpServerExpectContinueHandler: it would tell every
 * client to send its body before S3 code saw the request; {@link RequestBody} says 100 Continue once the request was
 * authenticated and checked.
 */
final class S3Pipeline extends ChannelInitializer<SocketChannel> {
    private final S3ChannelHandler.Dispatch dispatch;
    private final Executor workers;
    private final Duration bodyReadTimeout;
    private final S3RequestMetrics metrics;

    S3Pipeline(S3ChannelHandler.Dispatch dispatch, Executor workers, Duration bodyReadTimeout, S3RequestMetrics metrics) {
        this.dispatch = dispatch;
        this.workers = workers;
        this.bodyReadTimeout = bodyReadTimeout;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel socket) {
        socket.pipeline()
                // Reader idle events let S3ChannelHandler close connections nobody uses or whose request head never ends
                .addLast(new IdleStateHandler(bodyReadTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(16 * 1024, 64 * 1024, 64 * 1024))
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new ChunkedWriteHandler())
                .addLast(new S3ChannelHandler(dispatch, workers, bodyReadTimeout, metrics));
    }
}
