package io.tributary.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.tributary.core.TributaryException;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request the HTTP layer turns away before any action sees it (malformed, too large, too slow, no memory
 * left for its body): answered in AWS's error shape and logged in one line, with the client's address.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    private static final long LINGER_MILLIS = 2_000;
    private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("tributary.closing");

    private Refusals() {}

    /** Answers, then closes the connection once the answer is out when {@code close}. */
    static ChannelFuture refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String errorType, String message, boolean close) {
        String requestId = Answers.requestId();
        LOG.warn("refused a request from {} with {} {} ({}), request {}", ctx.channel().remoteAddress(), status.code(), errorType, message, requestId);
        FullHttpResponse response = Answers.json(ctx.alloc(), status, AwsErrors.body(new TributaryException(errorType, message)), requestId);
        response.headers().set(HttpHeaderNames.CONNECTION, close ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        if (close) ctx.channel().attr(CLOSING).set(true);
        ChannelFuture sent = ctx.writeAndFlush(response);
        if (close) sent.addListener(f -> closeGently(ctx));
        return sent;
    }

    /** Whether the connection was refused and is on its way out: nothing more is read from it or answered on it. */
    static boolean closing(Channel channel) {
        return channel.attr(CLOSING).get() != null;
    }

    /**
     * Closing with unread bytes in the socket sends a reset, which can reach the client before the answer and
     * destroy it: so the sending side closes first, and the rest of what the client sends is read and dropped
     * (the client closes on seeing the answer) until a short linger ends.
     */
    private static void closeGently(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
            ctx.close();
            return;
        }
        duplex.shutdownOutput().addListener(f -> ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS));
    }
}
