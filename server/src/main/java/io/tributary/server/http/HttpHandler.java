package io.tributary.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import io.tributary.core.TributaryException;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.GroupCommit;
import io.tributary.core.storage.ReadSnapshot;
import io.tributary.core.storage.ReadSnapshots;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.streams.GetRecords;
import io.tributary.server.api.Action;
import io.tributary.server.auth.AccessControl;
import io.tributary.server.auth.Caller;
import io.tributary.server.metrics.ServerMetrics;
import io.tributary.server.api.Request;
import io.tributary.server.api.RequestContext;
import io.tributary.server.api.Scan;
import io.tributary.server.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AWS JSON 1.0 request at a time per connection. Reads and item writes run on the event loop itself:
 * thread hand-offs would cost more than the work. Anything else (table changes) runs on the worker pool.
 * The answer of anything but a read (a failed condition's too) leaves only once everything written before
 * it is durable (group commit); reading from the connection pauses until then. When no sync is running,
 * the event loop runs the next one itself after the requests it has read, so its own answers need no other
 * thread ({@link GroupCommit}). A read may see a write not yet synced.
 */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
    private static final AsciiString TARGET = AsciiString.cached("X-Amz-Target");
    private static final String METRICS_PATH = "/metrics";
    private static final AsciiString PROMETHEUS_TEXT = AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");

    private final Router router;
    private final AccessControl access;
    private final ServerMetrics metrics;
    private final ExecutorService workers;
    private final Database database;
    private final GroupCommit commits;
    private final StreamLog streams;
    /** null: the console is off */
    private final ConsoleRoutes console;

    HttpHandler(Router router, ExecutorService workers, Database database, AccessControl access, ServerMetrics metrics, ConsoleRoutes console) {
        this.router = router;
        this.console = console;
        this.metrics = metrics;
        this.access = access;
        this.workers = workers;
        this.database = database;
        this.commits = database.commits();
        this.streams = database.streams();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String requestId = Answers.requestId();
        if (req.method().equals(HttpMethod.GET) && METRICS_PATH.equals(path(req.uri()))) {
            offLoop(ctx, workers, keepAlive, requestId, () -> Answers.response(HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(metrics.scrape().getBytes(StandardCharsets.UTF_8)), PROMETHEUS_TEXT, requestId));
            return;
        }
        if (console != null && req.method().equals(HttpMethod.GET) && ConsoleRoutes.wants(path(req.uri()))) {
            console.handle(ctx, req, requestId, keepAlive);
            return;
        }
        if (req.method().equals(HttpMethod.GET)) {
            byte[] text = "healthy: dynamodb.us-east-1.amazonaws.com ".getBytes(StandardCharsets.UTF_8);
            send(ctx, Answers.response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(text), Answers.TEXT_PLAIN, requestId), keepAlive, null);
            return;
        }
        String coding = ResponseCompression.choose(req.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
        String target = req.headers().get(TARGET);
        byte[] raw = ByteBufUtil.getBytes(req.content());
        Caller caller;
        try {
            // a signature covers the body as sent, before its Content-Encoding is undone
            caller = access.admit(req.method().name(), req.uri(), req.headers(), raw);
        } catch (TributaryException refused) {
            send(ctx, error(ctx.alloc(), refused, target, requestId), keepAlive, coding);
            return;
        }
        byte[] body;
        try {
            body = RequestBodies.decode(raw, req.headers().get(HttpHeaderNames.CONTENT_ENCODING));
        } catch (RequestBodies.Refused refused) {
            send(ctx, Answers.json(ctx.alloc(), refused.status, AwsErrors.body(new TributaryException(refused.errorType, refused.getMessage())),
                    requestId), false, null);
            return;
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        Action action = router.find(target);
        Action.Execution execution = action == null ? Action.Execution.READ : action.execution();
        if (action instanceof GetRecords) {
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(LongPoll.requestedWaitMillis(req.headers().get(LongPoll.HEADER)));
            pollRecords(ctx, new Call(action, target, caller, host, body, requestId, keepAlive, coding), System.nanoTime() + waitNanos);
            return;
        }
        if (action instanceof Scan && SnapshotScan.asked(req.headers())) {
            scanWithSnapshot(ctx, new Call(action, target, caller, host, body, requestId, keepAlive, coding), req.headers());
            return;
        }
        if (execution == Action.Execution.READ) {
            send(ctx, handle(ctx.alloc(), action, target, caller, host, body, requestId), keepAlive, coding);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        if (execution == Action.Execution.ITEM_WRITE) {
            commits.deferringRounds(ctx.executor(), () -> sendWhenDurable(ctx,
                    handle(ctx.alloc(), action, target, caller, host, body, requestId), requestId, keepAlive, coding));
            return;
        }
        try {
            workers.execute(() -> sendWhenDurable(ctx,
                    handle(ctx.alloc(), action, target, caller, host, body, requestId), requestId, keepAlive, coding));
        } catch (RejectedExecutionException e) {
            send(ctx, Answers.json(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId), false, null);
        }
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** One request as received, for answering it later. */
    private record Call(Action action, String target, Caller caller, String host, byte[] body, String requestId,
                        boolean keepAlive, String coding) {}

    /**
     * GetRecords, waiting (Tributary's long poll, {@link LongPoll}) until a record can be read or the wait ends:
     * an empty page of an open shard is not answered but tried again when records next appear anywhere. The
     * connection reads nothing more meanwhile, so answers keep their order.
     */
    private void pollRecords(ChannelHandlerContext ctx, Call call, long deadlineNanos) {
        long version = streams.recordsVersion();
        ObjectNode answer;
        try {
            answer = answer(call.action(), call.target(), call.caller(), call.host(), call.body(), call.requestId());
        } catch (Throwable failure) {
            send(ctx, error(ctx.alloc(), failure, call.target(), call.requestId()), call.keepAlive(), call.coding());
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0 || !LongPoll.worthWaiting(answer) || !ctx.channel().isActive()) {
            FullHttpResponse response = Answers.json(ctx.alloc(), HttpResponseStatus.OK, answer, call.requestId());
            response.headers().set(LongPoll.HEADER, LongPoll.MAX_WAIT_MILLIS);
            send(ctx, response, call.keepAlive(), call.coding());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        AtomicBoolean woken = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        Runnable retry = () -> {
            if (!woken.compareAndSet(false, true)) return;
            ScheduledFuture<?> t = timer.get();
            if (t != null) t.cancel(false);
            ctx.executor().execute(() -> pollRecords(ctx, call, deadlineNanos));
        };
        timer.set(ctx.executor().schedule(() -> {
            streams.forgetWaiter(retry);
            retry.run();
        }, remaining, TimeUnit.NANOSECONDS));
        streams.whenRecordsAppear(retry);
        if (streams.recordsVersion() != version) retry.run();
    }

    /** A Scan at a read snapshot ({@link SnapshotScan}); a new snapshot is answered once all it holds is durable. */
    private void scanWithSnapshot(ChannelHandlerContext ctx, Call call, HttpHeaders headers) {
        String release = headers.get(SnapshotScan.RELEASE);
        if (release != null) database.snapshots().release(release.trim());
        String wanted = headers.get(SnapshotScan.SNAPSHOT);
        boolean created = SnapshotScan.NEW.equals(wanted);
        FullHttpResponse response;
        ReadSnapshot snapshot = null;
        try (ReadSnapshots.InUse use = wanted == null ? null : created ? database.snapshot(tableName(call.body())) : database.snapshots().use(wanted.trim())) {
            snapshot = use == null ? null : use.snapshot();
            response = Answers.json(ctx.alloc(), HttpResponseStatus.OK,
                    answer(call.action(), call.target(), call.caller(), call.host(), call.body(), call.requestId(), snapshot), call.requestId());
            if (snapshot != null) SnapshotScan.describe(snapshot, response.headers());
        } catch (Throwable failure) {
            // a snapshot whose id never reached the client would be held for nothing
            if (created && snapshot != null) database.snapshots().release(snapshot.id());
            response = error(ctx.alloc(), failure, call.target(), call.requestId());
        }
        if (!created) {
            send(ctx, response, call.keepAlive(), call.coding());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        sendWhenDurable(ctx, response, call.requestId(), call.keepAlive(), call.coding());
    }

    /** The request's TableName, or "" (then the Scan itself says what is wrong with the request). */
    private static String tableName(byte[] body) {
        try {
            return Json.parseRequest(body).path("TableName").asText("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The mark is taken after the action, so it covers the action's own writes and every write whose item
     * the action read under its lock (a failed condition must not be answered from a write that may be lost).
     */
    private void sendWhenDurable(ChannelHandlerContext ctx, FullHttpResponse response, String requestId, boolean keepAlive, String coding) {
        commits.whenDurable(commits.mark(), failure -> {
            if (failure == null) {
                send(ctx, response, keepAlive, coding);
                return;
            }
            LOG.error("request {} failed: its write could not be synced", requestId, failure);
            response.release();
            send(ctx, Answers.json(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId), keepAlive, null);
        });
    }

    private FullHttpResponse handle(ByteBufAllocator alloc, Action action, String target, Caller caller, String host,
                                    byte[] body, String requestId) {
        try {
            return Answers.json(alloc, HttpResponseStatus.OK, answer(action, target, caller, host, body, requestId), requestId);
        } catch (Throwable t) {
            return error(alloc, t, target, requestId);
        }
    }

    private ObjectNode answer(Action action, String target, Caller caller, String host, byte[] body, String requestId) {
        return answer(action, target, caller, host, body, requestId, null);
    }

    private ObjectNode answer(Action action, String target, Caller caller, String host, byte[] body, String requestId, ReadSnapshot snapshot) {
        if (action == null) throw Router.unknownOperation();
        JsonNode json = Json.parseRequest(body);
        access.authorize(caller, target.substring(target.indexOf('.') + 1), json);
        RequestContext context = new RequestContext(caller.region(), caller.accessKey(), requestId, host, snapshot);
        return action.handle(new Request(json, context));
    }

    private static FullHttpResponse error(ByteBufAllocator alloc, Throwable failure, String target, String requestId) {
        if (failure instanceof TributaryException e) return Answers.json(alloc, HttpResponseStatus.BAD_REQUEST, AwsErrors.body(e), requestId);
        LOG.error("request {} ({}) failed", requestId, target, failure);
        return Answers.json(alloc, HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId);
    }

    /**
     * Answers from the worker pool, reading nothing more from the connection meanwhile: for work that reads many
     * tables or lease tables (a metrics scrape, the console's views), which would hold up every connection of
     * the event loop.
     */
    static void offLoop(ChannelHandlerContext ctx, Executor workers, boolean keepAlive, String requestId, Supplier<FullHttpResponse> work) {
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                FullHttpResponse response;
                try {
                    response = work.get();
                } catch (TributaryException e) {
                    response = Answers.json(ctx.alloc(), HttpResponseStatus.BAD_REQUEST, AwsErrors.body(e), requestId);
                } catch (RuntimeException e) {
                    LOG.error("request {} failed", requestId, e);
                    response = Answers.json(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId);
                }
                send(ctx, response, keepAlive, null);
            });
        } catch (RejectedExecutionException e) {
            send(ctx, Answers.json(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, AwsErrors.internal(), requestId), false, null);
        }
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse uncompressed, boolean keepAlive, String coding) {
        FullHttpResponse resp = ResponseCompression.apply(uncompressed, coding);
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
