package io.tributary.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw load mode: pre-signed requests written as bytes over keep-alive connections, each connection
 * sending its next request when the previous answer arrives (a closed loop), on one client thread.
 */
final class RawLoad {
    private RawLoad() {}

    /** {@code cycle}: reuse the requests in turn (reads); otherwise stop when they are used up (writes need fresh keys). */
    static LoadResult run(URI endpoint, List<byte[]> requests, boolean cycle, int connections, long warmupMillis, long measureMillis)
            throws InterruptedException {
        EventLoopGroup group = clientLoop();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMillis);
        CountDownLatch done = new CountDownLatch(connections);
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection c = new Connection(requests, cycle, next, measureFrom, end, done);
                all.add(c);
                connect(group, endpoint, c);
            }
            done.await(warmupMillis + measureMillis + 60_000, TimeUnit.MILLISECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Histogram latency = new Histogram(3);
        long ops = 0, errors = 0;
        long lastFinish = measureFrom;
        boolean ranOut = false;
        for (Connection c : all) {
            ranOut |= c.ranOut;
            latency.add(c.latency);
            ops += c.measured;
            errors += c.errors;
            lastFinish = Math.max(lastFinish, c.finishedAt);
        }
        double seconds = (Math.min(end, Math.max(lastFinish, measureFrom)) - measureFrom) / 1e9;
        return new LoadResult(ops, errors, seconds, latency, ranOut);
    }

    /** The one thread a raw client runs on: epoll where Netty has it. */
    static EventLoopGroup clientLoop() {
        return Epoll.isAvailable() ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    }

    /** A keep-alive connection on {@code group} whose answers reach {@code handler} whole. */
    static void connect(EventLoopGroup group, URI endpoint, ChannelHandler handler) throws InterruptedException {
        new Bootstrap().group(group)
                .channel(group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(64 << 20), handler);
                    }
                })
                .connect(endpoint.getHost(), endpoint.getPort()).sync();
    }

    /** One keep-alive connection: it sends, waits for the answer, records, sends the next. */
    private static final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final List<byte[]> requests;
        private final boolean cycle;
        private final AtomicInteger next;
        private final long measureFrom, end;
        private final CountDownLatch done;
        final Histogram latency = new Histogram(3);
        long measured, errors, finishedAt;
        boolean ranOut;
        private long sentAt;

        Connection(List<byte[]> requests, boolean cycle, AtomicInteger next, long measureFrom, long end, CountDownLatch done) {
            this.requests = requests;
            this.cycle = cycle;
            this.next = next;
            this.measureFrom = measureFrom;
            this.end = end;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long now = System.nanoTime();
            if (sentAt >= measureFrom) {
                latency.recordValue(Math.max(1, (now - sentAt) / 1000));
                measured++;
                if (response.status().code() != 200) errors++;
            }
            finishedAt = now;
            if (now >= end || !send(ctx.channel())) finish(ctx.channel());
        }

        private boolean send(Channel ch) {
            int i = next.getAndIncrement();
            if (cycle) i %= requests.size();
            else if (i >= requests.size()) {
                ranOut = true;
                return false;
            }
            sentAt = System.nanoTime();
            ByteBuf bytes = Unpooled.wrappedBuffer(requests.get(i));
            ch.writeAndFlush(bytes);
            return true;
        }

        private void finish(Channel ch) {
            ch.close();
            done.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors++;
            finish(ctx.channel());
        }
    }
}
