package io.tributary.bench;

/** What was measured about one server beyond load: start-up, memory, and its stream. */
record TargetReport(String target, double startupMillis, double idleRssMb, double loadedRssMb,
                    StreamBench.Latency streamLatency, StreamBench.Drain drain) {}
