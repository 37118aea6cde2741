package io.tributary.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.tributary.server.HttpLimits;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time a connection may take over each part of a request ({@link HttpLimits}): waiting idle for one, sending
 * its headers, pausing inside its body. A connection idle too long is closed; one too slow inside a request is
 * answered 408 and closed. While the server works on an answer (a long poll, a write waiting for its sync)
 * no clock runs. A client that half-closes after its request still gets the answer, then the connection closes.
 * <p>
 * One timer per connection, moved only when a deadline comes nearer than it: requests that arrive in one read
 * set no timer at all.
 */
final class RequestDeadlines extends ChannelDuplexHandler {
    private enum Phase { IDLE, HEADERS, BODY, ANSWERING }

    private final long idleNanos;
    private final long headerNanos;
    private final long bodyNanos;
    private Phase phase = Phase.IDLE;
    private long phaseStart;
    private long lastRead;
    private int unanswered;
    private boolean decodedInThisRead;
    private boolean inputShut;
    private ScheduledFuture<?> timer;
    private long timerAt;

    RequestDeadlines(HttpLimits limits) {
        idleNanos = limits.idleTimeout().toNanos();
        headerNanos = limits.headerTimeout().toNanos();
        bodyNanos = limits.bodyTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        phaseStart = lastRead = System.nanoTime();
        schedule(ctx, phaseStart + idleNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decodedInThisRead = true;
        if (msg instanceof HttpRequest) {
            unanswered++;
            enter(Phase.BODY);
        }
        // a request refused before its body was read has been answered already
        if (msg instanceof LastHttpContent) enter(unanswered > 0 ? Phase.ANSWERING : Phase.IDLE);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        // bytes came but no request head was complete: the start of one
        if (!decodedInThisRead && phase == Phase.IDLE) enter(Phase.HEADERS);
        decodedInThisRead = false;
        long deadline = deadline();
        if (deadline < timerAt) schedule(ctx, deadline);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL && unanswered > 0) {
            unanswered--;
            if (unanswered == 0 && phase == Phase.ANSWERING) enter(Phase.IDLE);
            // a request the client pipelined may be delivered as this answer completes; close only if none was
            if (inputShut) promise.addListener(f -> ctx.executor().execute(() -> {
                if (unanswered == 0) ctx.close();
            }));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            // only requests read whole can still be answered
            if (phase != Phase.ANSWERING) ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Taken out of a connection that became a console feed. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) timer.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) timer.cancel(false);
        ctx.fireChannelInactive();
    }

    private void enter(Phase next) {
        phase = next;
        phaseStart = System.nanoTime();
    }

    /** When the current phase runs out; answering has no deadline but is looked at again now and then. */
    private long deadline() {
        return switch (phase) {
            case IDLE -> phaseStart + idleNanos;
            case HEADERS -> phaseStart + headerNanos;
            case BODY -> lastRead + bodyNanos;
            case ANSWERING -> System.nanoTime() + Math.min(idleNanos, headerNanos);
        };
    }

    private void schedule(ChannelHandlerContext ctx, long at) {
        if (timer != null) timer.cancel(false);
        timerAt = at;
        timer = ctx.executor().schedule(() -> expire(ctx), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive() || Refusals.closing(ctx.channel())) return;
        long deadline = deadline();
        if (phase == Phase.ANSWERING || System.nanoTime() < deadline) {
            schedule(ctx, deadline);
            return;
        }
        if (phase == Phase.IDLE) {
            ctx.close();
            return;
        }
        String what = phase == Phase.HEADERS ? "its headers" : "its body";
        unanswered = 0;
        phase = Phase.ANSWERING;
        Refusals.refuse(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "RequestTimeoutException",
                "The request was not received in time: the client stopped sending " + what, true);
    }
}
