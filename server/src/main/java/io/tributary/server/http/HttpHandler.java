package io.tributary.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.tributary.core.TributaryException;
import io.tributary.server.api.Action;
import io.tributary.server.api.Request;
import io.tributary.server.api.RequestContext;
import io.tributary.server.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * One AWS JSON 1.0 request at a time per connection. Reads answer on the event loop itself: they never wait
 * on an fsync, and the two thread hand-offs would cost more than the read. Anything else runs on the worker
 * pool (a durable write waits on an fsync) and reading resumes once the answer is written, so a pipelining
 * client still gets its answers in order.
 */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(HttpHandler.class.getName());
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Router router;
    private final ExecutorService workers;

    HttpHandler(Router router, ExecutorService workers) {
        this.router = router;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String requestId = requestId();
        if (req.method().equals(HttpMethod.GET)) {
            byte[] text = "healthy: dynamodb.us-east-1.amazonaws.com ".getBytes(StandardCharsets.UTF_8);
            send(ctx, response(HttpResponseStatus.OK, text, "text/plain", requestId), keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        String target = req.headers().get("X-Amz-Target");
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String host = req.headers().get(HttpHeaderNames.HOST);
        Action action = router.find(target);
        if (action != null && action.readOnly()) {
            send(ctx, handle(action, target, authorization, host, body, requestId), keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> send(ctx, handle(action, target, authorization, host, body, requestId), keepAlive));
        } catch (RejectedExecutionException e) {
            send(ctx, json(HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId), false);
        }
    }

    private FullHttpResponse handle(Action action, String target, String authorization, String host, byte[] body, String requestId) {
        try {
            Signature signature = Signature.parse(authorization);
            if (action == null) throw Router.unknownOperation();
            JsonNode json = Json.parseRequest(body);
            RequestContext context = new RequestContext(signature.region(), signature.accessKey(), requestId, host);
            ObjectNode answer = action.handle(new Request(json, context));
            return json(HttpResponseStatus.OK, answer, requestId);
        } catch (TributaryException e) {
            return json(HttpResponseStatus.BAD_REQUEST, AwsErrors.body(e), requestId);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "request " + requestId + " (" + target + ") failed", t);
            return json(HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId);
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, ObjectNode body, String requestId) {
        return response(status, Json.write(body), CONTENT_TYPE, requestId);
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body, String contentType, String requestId) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        CRC32 crc = new CRC32();
        crc.update(body);
        resp.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", requestId)
                .set("x-amz-crc32", Long.toString(crc.getValue()));
        return resp;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive) {
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(resp).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) f.channel().config().setAutoRead(true);
                else f.channel().close();
            });
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) id[i] = ID_CHARS[r.nextInt(ID_CHARS.length)];
        return new String(id);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
