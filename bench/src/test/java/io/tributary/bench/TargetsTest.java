package io.tributary.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The targets table judges a ratio just under its target as missed, and shows it so. */
class TargetsTest {
    @Test
    void a_ratio_just_under_its_target_is_shown_under_it() {
        List<Row> rows = List.of(row(Report.TRIBUTARY, 61_268), row(Report.BASELINE, 15_338));
        String table = Targets.table(rows, List.of(), null);
        assertTrue(table.contains("| GetItem throughput | ≥ 4× | 61268 vs 15338 = 3.99× | – | missed: 99.8% of the target |"), table);
    }

    private static Row row(String target, long operations) {
        Histogram latency = new Histogram(3);
        latency.recordValue(500);
        return new Row(target, "raw", Scenario.GET, true, 16, new LoadResult(operations, 0, 1, latency, false));
    }
}
