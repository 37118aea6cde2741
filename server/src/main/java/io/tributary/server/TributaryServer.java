package io.tributary.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.TtlSweeper;
import io.tributary.server.http.HttpServerInitializer;
import io.tributary.server.http.Router;
import io.tributary.server.streams.GetRecords;
import io.tributary.server.metrics.ServerMetrics;
import io.tributary.server.console.Console;
import io.tributary.server.console.LocalApi;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tributary.server.auth.AccessControl;
import io.tributary.server.auth.CredentialsFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A running Tributary server: the database, the worker pool and the HTTP listener. */
public final class TributaryServer implements AutoCloseable {
    /** TTL deletions have no client whose signing region they could carry. */
    private static final String TTL_REGION = "us-east-1";

    private final Database database;
    private final TtlSweeper ttlSweeper;
    private final ExecutorService workers;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Channel channel;
    private final Console console;

    private TributaryServer(ServerConfig config) throws InterruptedException, IOException {
        AccessControl access = config.security().credentialsFile() == null ? AccessControl.open()
                : AccessControl.verified(CredentialsFile.read(config.security().credentialsFile()));
        SslContext tls = config.security().tls()
                ? SslContextBuilder.forServer(config.security().tlsCertificate().toFile(), config.security().tlsKey().toFile()).build() : null;
        database = Database.open(config.dataDirectory(), config.syncWrites(), config.streams());
        ttlSweeper = new TtlSweeper(database, config.ttlSweepInterval(), TTL_REGION);
        Router router = new Router(database);
        console = new Console(database.streams(), new LocalApi(router));
        workers = Executors.newFixedThreadPool(config.workerThreads(), daemonThreads("tributary-worker"));
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        io = epoll ? new EpollEventLoopGroup(config.eventLoops()) : new NioEventLoopGroup(config.eventLoops());
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        try {
            channel = new ServerBootstrap()
                    .group(boss, io)
                    .channel(channelType)
                    // a client that half-closes after its request still gets the answer
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new HttpServerInitializer(router, workers, database, config.http(), access, tls,
                            new ServerMetrics(database, console, ((GetRecords) router.find(Router.GET_RECORDS))::recordsReturned), config.console() ? console : null))
                    .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    /** Starts the server; a credentials file, certificate or key that cannot be read stops it with an IOException. */
    public static TributaryServer start(ServerConfig config) throws InterruptedException, IOException {
        return new TributaryServer(config);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ttlSweeper.close();
        console.close();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
