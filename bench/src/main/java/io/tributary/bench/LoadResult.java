package io.tributary.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: completed operations over the measured time, errors, latency in microseconds;
 * {@code ranOut}: the run's requests were used up before its end, so it measured less time than asked.
 */
record LoadResult(long operations, long errors, double seconds, Histogram latencyMicros, boolean ranOut) {
    double throughput() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    double percentileMillis(double p) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(p) / 1000.0;
    }
}
