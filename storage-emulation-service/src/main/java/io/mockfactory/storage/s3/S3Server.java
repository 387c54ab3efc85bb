package io.mockfactory.storage.s3;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The S3 data plane's own HTTP server: S3 clients talk to it directly, on its own port, not through the gateway. */
@Context
public class S3Server {
    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private final S3Dispatcher dispatcher;
    private final S3RequestMetrics metrics;
    private final String bindHost;
    private final int port;
    private final int workerCount;
    private final Duration bodyReadTimeout;
    private EventLoopGroup loops;
    private ExecutorService workers;
    private Channel channel;

    public S3Server(S3Dispatcher dispatcher, S3RequestMetrics metrics, @Value("${mockfactory.s3.bind-host:127.0.0.1}") String bindHost,
                    @Value("${mockfactory.s3.port:4566}") int port, @Value("${mockfactory.s3.workers:64}") int workerCount,
                    @Value("${mockfactory.s3.body-read-timeout:20s}") Duration bodyReadTimeout) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.bindHost = bindHost;
        this.port = port;
        this.workerCount = workerCount;
        this.bodyReadTimeout = bodyReadTimeout;
    }

    @PostConstruct
    void start() throws InterruptedException {
        workers = WorkerPool.start("s3-worker", workerCount);
        loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new S3Pipeline(dispatcher::handle, workers, bodyReadTimeout, metrics))
                .bind(bindHost, port).sync().channel();
        LOG.info("S3 API listening on http://{}:{}", bindHost, port);
    }

    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    @PreDestroy
    void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
