package io.tributary.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.tributary.server.json.Json;

import java.util.ArrayDeque;

/**
 * Lets a request through to be read whole only if it is well-formed HTTP, its body within AWS's 16 MB, and
 * the server's {@link BodyBudget} has room for the body; otherwise it answers at once, before the body is
 * read. A malformed request closes the connection (nothing after it can be trusted to start a request); a
 * refused body is read and dropped so the connection stays usable, unless the client waits for a 100 Continue
 * that will never come. The bytes a request took are given back when it is answered.
 */
final class RequestGate extends ChannelDuplexHandler {
    static final String TOO_LARGE = "Request body exceeds the maximum size of 16 MB";
    static final String THROTTLED = "Rate of requests exceeds the allowed throughput.";

    private final BodyBudget budget;
    /**
     * Bytes taken for each request let through and not yet answered, oldest first; a request is counted from its
     * head, since some answers (a CORS preflight's) leave before its end has been read.
     */
    private final ArrayDeque<long[]> taken = new ArrayDeque<>();
    /** The share of the request being read, when its body is taken as it arrives. */
    private long[] current;
    /** Body of unknown length: taken from the budget as it arrives. */
    private boolean chunked;
    /** Dropping the rest of a refused request. */
    private boolean discarding;

    RequestGate(BodyBudget budget) {
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (Refusals.closing(ctx.channel())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            refuseMalformed(ctx, p.decoderResult());
            return;
        }
        if (discarding) {
            if (msg instanceof LastHttpContent) discarding = false;
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && !admit(ctx, request)) {
            ReferenceCountUtil.release(msg);
            discarding = !(msg instanceof LastHttpContent);
            return;
        }
        if (msg instanceof HttpContent content && chunked && !takeChunk(ctx, content.content().readableBytes())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof LastHttpContent) chunked = false;
        ctx.fireChannelRead(msg);
    }

    private boolean admit(ChannelHandlerContext ctx, HttpRequest request) {
        long length = HttpUtil.getContentLength(request, -1L);
        boolean waitsForContinue = HttpUtil.is100ContinueExpected(request);
        if (length > Json.MAX_REQUEST_BYTES) {
            Refusals.refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "ValidationException", TOO_LARGE, waitsForContinue);
            return false;
        }
        chunked = length < 0 && HttpUtil.isTransferEncodingChunked(request);
        if (length > 0 && !budget.tryTake(length)) {
            Refusals.refuse(ctx, HttpResponseStatus.BAD_REQUEST, "ThrottlingException", THROTTLED, waitsForContinue);
            return false;
        }
        current = new long[] {Math.max(length, 0)};
        taken.add(current);
        return true;
    }

    /** A body of unknown length that outgrows the limit or the budget part-way can only end with the connection. */
    private boolean takeChunk(ChannelHandlerContext ctx, int bytes) {
        if (current[0] + bytes > Json.MAX_REQUEST_BYTES) {
            Refusals.refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "ValidationException", TOO_LARGE, true);
            return false;
        }
        if (!budget.tryTake(bytes)) {
            Refusals.refuse(ctx, HttpResponseStatus.BAD_REQUEST, "ThrottlingException", THROTTLED, true);
            return false;
        }
        current[0] += bytes;
        return true;
    }

    private void refuseMalformed(ChannelHandlerContext ctx, DecoderResult result) {
        Throwable cause = result.cause();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        Refusals.refuse(ctx, status, "SerializationException", "Malformed HTTP request: " + cause.getMessage(), true);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL && !taken.isEmpty()) {
            budget.giveBack(taken.poll()[0]);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        long held = 0;
        for (long[] t : taken) held += t[0];
        taken.clear();
        budget.giveBack(held);
        ctx.fireChannelInactive();
    }
}
