package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The writer and the reader of the put-to-record scenario as two keep-alive connections on one Netty event
 * loop. An answer is handled on the thread that read it and the next request is sent from there, so no
 * hand-off between client threads sits inside a measured latency, and the client needs one core at most.
 * The writer puts items one after another; the reader polls one shard with GetRecords without pause. The
 * first writes only warm the path up (both servers run on the JVM, whose JIT would otherwise compile the
 * stream read path in the middle of the measurement) and are not timed.
 */
final class PutToRecordLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final URI endpoint;
    private final RequestSigner signer;
    private final List<byte[]> puts;
    private final int warmUpWrites;
    private final long[] returned, seen;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;
    private int seenCount;
    private long writerFinishedAt;

    /** {@code put}: the PutItem body of write {@code i}, whose new image carries {@code seq} = i. */
    PutToRecordLoop(URI endpoint, int warmUpWrites, int timedWrites, IntFunction<String> put) {
        int writes = warmUpWrites + timedWrites;
        this.endpoint = endpoint;
        this.warmUpWrites = warmUpWrites;
        this.signer = new RequestSigner(endpoint);
        this.puts = IntStream.range(0, writes).parallel()
                .mapToObj(i -> signer.sign("DynamoDB_20120810.PutItem", put.apply(i).getBytes(StandardCharsets.UTF_8))).toList();
        this.returned = new long[writes];
        this.seen = new long[writes];
    }

    /** Writes everything, reads from {@code iterator} until every write is seen (or 10 s after the last), and times the timed ones. */
    StreamBench.Latency run(String iterator) throws Exception {
        EventLoopGroup group = RawLoad.clientLoop();
        try {
            RawLoad.connect(group, endpoint, new Reader(iterator));
            RawLoad.connect(group, endpoint, new Writer());
            if (!done.await(puts.size() * 100L + 60_000, TimeUnit.MILLISECONDS)) throw new IllegalStateException("the latency run hung");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (failure != null) throw new IllegalStateException("the latency run failed", failure);
        Histogram h = new Histogram(3);
        int timedSeen = 0;
        for (int i = warmUpWrites; i < puts.size(); i++) {
            if (seen[i] != 0 && returned[i] != 0) {
                h.recordValue(Math.max(1, (seen[i] - returned[i]) / 1000));
                timedSeen++;
            }
        }
        return new StreamBench.Latency(h, puts.size() - warmUpWrites, timedSeen);
    }

    private void fail(Throwable t) {
        failure = t;
        done.countDown();
    }

    private static JsonNode body(FullHttpResponse response, String action) {
        try {
            JsonNode body = JSON.readTree(new ByteBufInputStream(response.content()));
            if (response.status().code() != 200) throw new IllegalStateException(action + " answered " + response.status() + ": " + body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Writer extends SimpleChannelInboundHandler<FullHttpResponse> {
        private int next;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(puts.get(0)));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long now = System.nanoTime();
            body(response, "PutItem");
            returned[next++] = now;
            if (next < puts.size()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(puts.get(next)));
            } else {
                writerFinishedAt = now;
                if (seenCount == puts.size()) done.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }
    }

    private final class Reader extends SimpleChannelInboundHandler<FullHttpResponse> {
        private String iterator;
        private byte[] request;

        Reader(String iterator) {
            this.iterator = iterator;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            poll(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long now = System.nanoTime();
            JsonNode body = body(response, "GetRecords");
            for (JsonNode rec : body.path("Records")) {
                int seq = rec.path("dynamodb").path("NewImage").path("seq").path("N").asInt();
                if (seq >= 0 && seq < seen.length && seen[seq] == 0) {
                    seen[seq] = now;
                    seenCount++;
                }
            }
            // An empty answer leaves the position where it was, and an iterator may be used again until it
            // expires: the same signed request goes out again, which keeps the client's share of the CPU small.
            String next = body.path("NextShardIterator").textValue();
            if (next != null && !body.path("Records").isEmpty()) {
                iterator = next;
                request = null;
            }
            // A record becomes readable before its PutItem's answer leaves, so the reader can see the last
            // write before the writer has its answer: finishing then would leave that write's return time unset.
            boolean writerDone = writerFinishedAt != 0;
            boolean gaveUp = writerDone && now - writerFinishedAt > GRACE_NANOS;
            if ((seenCount == puts.size() && writerDone) || next == null || gaveUp) done.countDown();
            else poll(ctx);
        }

        private void poll(ChannelHandlerContext ctx) {
            if (request == null) {
                request = signer.sign("DynamoDBStreams_20120810.GetRecords",
                        ("{\"ShardIterator\":\"" + iterator + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }
    }
}
