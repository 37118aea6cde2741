package io.tributary.bench;

/** One measured load run, as a row of the report. */
record Row(String target, String mode, Scenario scenario, boolean stream, int connections, LoadResult result) {
    double itemsPerSecond() {
        return result.throughput() * scenario.itemsPerOperation;
    }
}
