package io.tributary.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.tributary.server.json.Json;

import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/** HTTP answers as DynamoDB gives them: the JSON body, its length and CRC32, a request id and the date. */
final class Answers {
    static final AsciiString CONTENT_TYPE = AsciiString.cached("application/x-amz-json-1.0");
    static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    private static final AsciiString CRC32_HEADER = AsciiString.cached("x-amz-crc32");
    /** Most write answers are an empty object; their bytes and checksum never change. */
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final String EMPTY_OBJECT_CRC = Long.toString(crc(Unpooled.wrappedBuffer(EMPTY_OBJECT)));
    /** Answers carry only the headers set here, all plain ASCII: checking each again cost a few per cent of a small answer. */
    private static final HttpHeadersFactory RESPONSE_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private Answers() {}

    /**
     * The answer is written straight into a pooled buffer that goes to the socket as it is: no byte array per
     * answer to copy again and collect (a Query page is about 23 KB).
     */
    static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, ObjectNode body, String requestId) {
        if (body == null) return response(status, Unpooled.EMPTY_BUFFER, CONTENT_TYPE, requestId);
        if (body.isEmpty()) return response(status, Unpooled.wrappedBuffer(EMPTY_OBJECT), EMPTY_OBJECT_CRC, CONTENT_TYPE, requestId);
        ByteBuf out = alloc.buffer();
        try {
            Json.write(body, new ByteBufOutputStream(out));
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
        return response(status, out, CONTENT_TYPE, requestId);
    }

    static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, AsciiString contentType, String requestId) {
        return response(status, body, Long.toString(crc(body)), contentType, requestId);
    }

    static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, String crc, AsciiString contentType,
                                             String requestId) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, RESPONSE_HEADERS, RESPONSE_HEADERS);
        resp.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(REQUEST_ID, requestId)
                .set(CRC32_HEADER, crc)
                .set(HttpHeaderNames.DATE, HttpDates.now());
        return resp;
    }

    static long crc(ByteBuf body) {
        CRC32 crc = new CRC32();
        crc.update(body.nioBuffer());
        return crc.getValue();
    }


    static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) id[i] = ID_CHARS[r.nextInt(ID_CHARS.length)];
        return new String(id);
    }

}
