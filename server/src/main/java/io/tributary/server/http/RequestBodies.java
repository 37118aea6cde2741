package io.tributary.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.server.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A request body as sent, decoded by its Content-Encoding (gzip, several members allowed, or deflate, zlib-wrapped
 * or raw), never growing past AWS's 16 MB. A body that cannot be decoded is refused before any action sees it.
 */
final class RequestBodies {
    private RequestBodies() {}

    /** Why a body was refused: the HTTP status and the text of the answer. */
    static final class Refused extends Exception {
        final HttpResponseStatus status;
        final String errorType;

        Refused(HttpResponseStatus status, String errorType, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorType = errorType;
        }
    }

    static byte[] decode(byte[] body, String contentEncoding) throws Refused {
        if (contentEncoding == null) return body;
        byte[] decoded = body;
        // Codings apply in the order listed, so they are undone from the last.
        String[] codings = contentEncoding.split(",");
        for (int i = codings.length - 1; i >= 0; i--) {
            String coding = codings[i].trim().toLowerCase(Locale.ROOT);
            decoded = switch (coding) {
                case "", "identity" -> decoded;
                case "gzip", "x-gzip" -> inflate(gzip(decoded), coding);
                case "deflate" -> deflate(decoded);
                default -> throw new Refused(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "SerializationException",
                        "Unsupported Content-Encoding: " + codings[i].trim());
            };
        }
        return decoded;
    }

    private static InputStream gzip(byte[] body) throws Refused {
        try {
            return new GZIPInputStream(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw corrupt("gzip");
        }
    }

    /** HTTP's deflate is zlib-wrapped, but some clients send raw deflate; both are taken. */
    private static byte[] deflate(byte[] body) throws Refused {
        boolean zlib = body.length >= 2 && (body[0] & 0x0F) == 8 && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
        return inflate(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlib)), "deflate");
    }

    private static byte[] inflate(InputStream in, String coding) throws Refused {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > Json.MAX_REQUEST_BYTES) {
                    throw new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "ValidationException",
                            "Request body exceeds the maximum size of 16 MB once decoded");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw corrupt(coding);
        }
    }

    private static Refused corrupt(String coding) {
        return new Refused(HttpResponseStatus.BAD_REQUEST, "SerializationException", "The request body is not valid " + coding + " data");
    }
}
