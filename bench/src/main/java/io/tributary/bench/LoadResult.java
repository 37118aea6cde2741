package io.tributary.bench;

import org.HdrHistogram.Histogram;

/** What one load run measured: completed operations over the measured time, errors, latency in microseconds. */
record LoadResult(long operations, long errors, double seconds, Histogram latencyMicros) {
    double throughput() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    double percentileMillis(double p) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(p) / 1000.0;
    }
}
