package io.tributary.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.tributary.server.metrics.ServerMetrics;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times each API request from its head to its answer and counts it by action and outcome. Actions are only
 * those the router knows, so a client cannot grow the metrics with made-up targets.
 */
final class RequestMetrics extends ChannelDuplexHandler {
    private static final String UNKNOWN = "unknown";
    private final ServerMetrics metrics;
    /** Each target the router knows, and the action name it is recorded under. */
    private final Map<String, String> actions;
    /** Requests read and not yet answered, oldest first. */
    private final ArrayDeque<Started> pending = new ArrayDeque<>();

    /** A request's action (null: not an API call) and when its head was read. */
    private record Started(String action, long nanos) {}

    RequestMetrics(ServerMetrics metrics, Map<String, String> actions) {
        this.metrics = metrics;
        this.actions = actions;
    }

    /** The action names of the router's targets ("DynamoDB_20120810.PutItem": "PutItem"), worked out once. */
    static Map<String, String> actionNames(Router router) {
        return router.targets().stream().collect(Collectors.toUnmodifiableMap(t -> t, t -> t.substring(t.indexOf('.') + 1)));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) pending.add(new Started(action(request), System.nanoTime()));
        ctx.fireChannelRead(msg);
    }

    private String action(HttpRequest request) {
        if (!request.method().name().equals("POST")) return null;
        String target = request.headers().get("X-Amz-Target");
        return target == null ? UNKNOWN : actions.getOrDefault(target, UNKNOWN);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL && !pending.isEmpty()) {
            Started request = pending.poll();
            if (request.action() != null) {
                HttpStatusClass status = response.status().codeClass();
                ServerMetrics.Outcome outcome = status == HttpStatusClass.SUCCESS ? ServerMetrics.Outcome.SUCCESS
                        : status == HttpStatusClass.CLIENT_ERROR ? ServerMetrics.Outcome.CLIENT_ERROR : ServerMetrics.Outcome.SERVER_ERROR;
                metrics.request(request.action(), outcome, System.nanoTime() - request.nanos());
            }
        }
        ctx.write(msg, promise);
    }
}
