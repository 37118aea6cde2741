package io.tributary.server.http;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;

/** The Date header's text, formatted once a second rather than once an answer. */
final class HttpDates {
    private record Stamp(long second, String text) {}

    private static volatile Stamp current = new Stamp(-1, "");

    private HttpDates() {}

    static String now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Stamp s = current;
        if (s.second() != second) {
            s = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            current = s;
        }
        return s.text();
    }
}
