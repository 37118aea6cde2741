package io.tributary.server;

import java.time.Duration;

/**
 * How long a connection may take over each part of a request, and how much memory the request bodies being
 * received may hold together, server-wide.
 *
 * @param idleTimeout   how long a connection may wait between requests before it is closed
 * @param headerTimeout how long a request may take from its first byte until its headers are complete
 * @param bodyTimeout   the longest pause while a request body is being received
 * @param bodyMemory    bytes of request bodies in flight, all connections together; past it requests are refused
 *                      with a retryable error instead of being read
 */
public record HttpLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, long bodyMemory) {
    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofMinutes(2), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4));

    public HttpLimits {
        for (Duration d : new Duration[] {idleTimeout, headerTimeout, bodyTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("HTTP timeouts must be positive");
        }
        if (bodyMemory < 1) throw new IllegalArgumentException("the request body memory must be positive");
    }
}
