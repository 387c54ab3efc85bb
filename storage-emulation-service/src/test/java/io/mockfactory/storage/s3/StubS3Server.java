package io.mockfactory.storage.s3;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The S3 server's real pipeline on a loopback port, answering with a stand-in for the dispatcher: connection handling
 * tested without a database. S3 errors (thrown as such, or as the cause of an unchecked one) are rendered as the
 * dispatcher renders them; anything else escapes to the handler.
 */
final class StubS3Server implements AutoCloseable {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Channel channel;

    StubS3Server(Duration bodyReadTimeout, S3ChannelHandler.Dispatch dispatch) throws InterruptedException {
        S3ChannelHandler.Dispatch rendering = request -> {
            try {
                return dispatch.handle(request);
            } catch (RuntimeException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof S3Exception s3) {
                        return S3ErrorRenderer.render(s3, request);
                    }
                }
                throw e;
            }
        };
        channel = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new S3Pipeline(rendering, workers, bodyReadTimeout, new S3RequestMetrics(new SimpleMeterRegistry())))
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownNow();
    }
}
