package io.tributary.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.tributary.core.TributaryException;
import io.tributary.server.console.Console;
import io.tributary.server.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web console's paths under {@code /console/}: its three files (shipped in the jar), the live change feed
 * as server-sent events, and the shard lineage and consumer positions as JSON. Everything else the page
 * does, it does through the DynamoDB API on the same port, as any client would.
 */
final class ConsoleRoutes {
    static final String PREFIX = "/console";
    private static final String FILES = "/io/tributary/server/console/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    private static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream; charset=utf-8");
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final String POLICY = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";
    /** Keeps proxies and the browser from thinking a quiet feed is dead. */
    private static final long HEARTBEAT_SECONDS = 15;

    private final Console console;
    private final Executor workers;
    private final Map<String, byte[]> files;

    ConsoleRoutes(Console console, Executor workers) {
        this.console = console;
        this.workers = workers;
        this.files = TYPES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, ConsoleRoutes::load));
    }

    static boolean wants(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers a GET under /console. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest req, String requestId, boolean keepAlive) {
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        String path = query.path();
        String table = first(query.parameters().get("table"));
        if (path.equals(PREFIX)) {
            FullHttpResponse moved = Answers.response(HttpResponseStatus.FOUND, Unpooled.EMPTY_BUFFER, Answers.TEXT_PLAIN, requestId);
            moved.headers().set(HttpHeaderNames.LOCATION, PREFIX + "/");
            HttpHandler.send(ctx, moved, keepAlive, null);
            return;
        }
        String name = path.substring(PREFIX.length() + 1);
        if (name.isEmpty()) name = "index.html";
        try {
            switch (name) {
                case "feed" -> follow(ctx, required(table));
                case "shards" -> HttpHandler.send(ctx, json(console.shards(required(table)), requestId), keepAlive, null);
                case "consumers" -> {
                    String consumersOf = required(table);
                    HttpHandler.offLoop(ctx, workers, keepAlive, requestId, () -> json(console.consumers(consumersOf), requestId));
                }
                default -> HttpHandler.send(ctx, file(name, requestId), keepAlive, null);
            }
        } catch (TributaryException e) {
            HttpHandler.send(ctx, Answers.json(ctx.alloc(), HttpResponseStatus.BAD_REQUEST, AwsErrors.body(e), requestId), keepAlive, null);
        }
    }

    private FullHttpResponse file(String name, String requestId) {
        byte[] file = files.get(name);
        if (file == null) {
            return Answers.response(HttpResponseStatus.NOT_FOUND, Unpooled.copiedBuffer("no such console page\n", StandardCharsets.UTF_8),
                    Answers.TEXT_PLAIN, requestId);
        }
        FullHttpResponse response = Answers.response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(file), AsciiString.of(TYPES.get(name)), requestId);
        response.headers().set("Content-Security-Policy", POLICY);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    private static FullHttpResponse json(ObjectNode body, String requestId) {
        FullHttpResponse response = Answers.response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(Json.write(body)), JSON, requestId);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /**
     * Server-sent events until the browser goes away: the connection is the feed's alone from now on, so the
     * deadlines that close idle connections no longer apply. Events a browser too slow to take them would queue
     * without bound are dropped and counted in a "skipped" event instead.
     */
    private void follow(ChannelHandlerContext ctx, String table) {
        Channel channel = ctx.channel();
        if (channel.pipeline().get(RequestDeadlines.class) != null) channel.pipeline().remove(RequestDeadlines.class);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(head);
        AtomicLong skipped = new AtomicLong();
        Console.Following following = console.follow(table, event -> {
            if (!channel.isWritable()) {
                skipped.incrementAndGet();
                return;
            }
            long missed = skipped.getAndSet(0);
            if (missed > 0) write(channel, "data: " + Json.object().put("type", "skipped").put("count", missed) + "\n\n");
            write(channel, "data: " + event + "\n\n");
        });
        ScheduledFuture<?> heartbeat = ctx.executor().scheduleAtFixedRate(() -> write(channel, ": still here\n\n"),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(f -> {
            following.cancel();
            heartbeat.cancel(false);
        });
    }

    private static void write(Channel channel, String text) {
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private static String required(String table) {
        if (table == null || table.isEmpty()) throw TributaryException.validation("the console needs ?table=NAME");
        return table;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(FILES + name)) {
            if (in == null) throw new IllegalStateException("console file missing from the jar: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
