package io.tributary.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses answers over 4 KB with gzip or deflate when the request's Accept-Encoding allows it (q-values
 * honoured, gzip preferred on a tie). Done here rather than by Netty's compressor because x-amz-crc32 must be
 * the checksum of the bytes as sent, which the SDKs verify before they decompress.
 */
final class ResponseCompression {
    static final int THRESHOLD_BYTES = 4096;

    private ResponseCompression() {}

    /** "gzip", "deflate" or null (send as is). */
    static String choose(String acceptEncoding) {
        if (acceptEncoding == null) return null;
        double gzip = -1, deflate = -1, any = -1;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = q;
                case "deflate" -> deflate = q;
                case "*" -> any = q;
                default -> { }
            }
        }
        if (gzip < 0) gzip = any;
        if (deflate < 0) deflate = any;
        if (gzip <= 0 && deflate <= 0) return null;
        return gzip >= deflate ? "gzip" : "deflate";
    }

    /** The answer compressed with {@code coding}, its checksum and length set again; small answers stay as they are. */
    static FullHttpResponse apply(FullHttpResponse response, String coding) {
        if (coding == null || response.content().readableBytes() <= THRESHOLD_BYTES) return response;
        ByteBuf compressed = response.content().alloc().buffer(response.content().readableBytes() / 4);
        try (OutputStream out = coding.equals("gzip") ? new GZIPOutputStream(new ByteBufOutputStream(compressed))
                : new DeflaterOutputStream(new ByteBufOutputStream(compressed))) {
            response.content().getBytes(response.content().readerIndex(), out, response.content().readableBytes());
        } catch (IOException e) {
            compressed.release();
            throw new UncheckedIOException(e);
        }
        FullHttpResponse replaced = response.replace(compressed);
        response.release();
        replaced.headers()
                .set(HttpHeaderNames.CONTENT_ENCODING, coding)
                .set(HttpHeaderNames.CONTENT_LENGTH, compressed.readableBytes())
                .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING)
                .set("x-amz-crc32", Long.toString(Answers.crc(compressed)));
        return replaced;
    }
}
