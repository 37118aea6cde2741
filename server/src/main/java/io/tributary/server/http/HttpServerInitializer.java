package io.tributary.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.tributary.core.storage.Database;
import io.tributary.server.HttpLimits;
import io.tributary.server.auth.AccessControl;
import io.tributary.server.console.Console;
import io.tributary.server.metrics.ServerMetrics;
import io.netty.handler.ssl.SslContext;
import io.tributary.server.json.Json;

import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The pipeline of one connection: HTTP/1.1 codec, the deadlines of each part of a request, the gate that
 * refuses malformed requests and bodies over AWS's 16 MB or past the server's memory budget before reading
 * them, CORS (so browser code can call the server), whole-request aggregation, then the API handler. A write's answer waits for its sync with
 * reading paused; requests a client pipelined behind it have already been read and decoded, so they wait in the
 * flow control handler instead of being answered first.
 */
public final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final CorsConfig CORS = CorsConfigBuilder.forAnyOrigin()
            .allowedRequestMethods(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS)
            .allowedRequestHeaders("authorization", "content-type", "content-encoding", "x-amz-target", "x-amz-date",
                    "x-amz-security-token", "x-amz-user-agent", "x-amz-content-sha256", "amz-sdk-invocation-id", "amz-sdk-request",
                    "x-tributary-long-poll-ms", "x-tributary-snapshot", "x-tributary-snapshot-release")
            // one value, so the answer carries one header line that a client reading only the first sees whole
            .exposeHeaders("x-amzn-RequestId, x-amz-crc32, x-amzn-ErrorType, Date, x-tributary-long-poll-ms, x-tributary-snapshot, "
                    + "x-tributary-snapshot-sequence, x-tributary-snapshot-stream-label, x-tributary-snapshot-shards")
            .maxAge(86_400)
            .build();

    /** Room for a SigV4 header with a session token, with plenty to spare. */
    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private final HttpHandler handler;
    private final HttpLimits limits;
    private final BodyBudget budget;
    private final ServerMetrics metrics;
    private final Map<String, String> actions;
    /** null: plain HTTP */
    private final SslContext tls;

    public HttpServerInitializer(Router router, ExecutorService workers, Database database, HttpLimits limits,
                                 AccessControl access, SslContext tls, ServerMetrics metrics, Console console) {
        this.handler = new HttpHandler(router, workers, database, access, metrics, console == null ? null : new ConsoleRoutes(console, workers));
        this.metrics = metrics;
        this.actions = RequestMetrics.actionNames(router);
        this.tls = tls;
        this.limits = limits;
        this.budget = new BodyBudget(limits.bodyMemory());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
        ch.pipeline()
                .addLast(new HttpServerCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEADER_BYTES)))
                .addLast(new RequestDeadlines(limits))
                .addLast(new RequestGate(budget))
                .addLast(new RequestMetrics(metrics, actions))
                .addLast(new CorsHandler(CORS))
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new HttpObjectAggregator(Json.MAX_REQUEST_BYTES))
                .addLast(new FlowControlHandler())
                .addLast(handler);
    }
}
