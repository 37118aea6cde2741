package io.tributary.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.tributary.core.storage.GroupCommit;

import java.util.concurrent.ExecutorService;

/**
 * The pipeline of one connection: HTTP/1.1 codec, whole-request aggregation, then the API handler. A write's
 * answer waits for its sync with reading paused; requests a client pipelined behind it have already been read
 * and decoded, so they wait in the flow control handler instead of being answered first.
 */
public final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    /** BatchGetItem answers and requests stay far below this; it bounds memory per connection. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final HttpHandler handler;

    public HttpServerInitializer(Router router, ExecutorService workers, GroupCommit commits) {
        this.handler = new HttpHandler(router, workers, commits);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new FlowControlHandler())
                .addLast(handler);
    }
}
