package io.tributary.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The harness end to end against an in-process server: every scenario runs and is reported. No timing is judged. */
class SmokeTest {
    @Test
    void every_scenario_runs_and_reaches_the_report(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("benchmarks.md");
        assertEquals(0, new CommandLine(new BenchMain()).execute("--smoke", "--out", out.toString()));
        String report = Files.readString(out);
        List<String> runs = report.lines().filter(l -> l.startsWith("| tributary | raw |") || l.startsWith("| tributary | sdk |")).toList();
        assertEquals(Scenario.values().length * 4, runs.size(), "raw and SDK, with and without a stream, for every scenario");
        for (Scenario s : Scenario.values()) assertTrue(report.contains(s.label), s.label);
        for (String run : runs) {
            assertTrue(run.endsWith("| 0 |"), "no errors: " + run);
            assertFalse(run.contains("| 0 | 0 |"), "something was done: " + run);
        }
        assertTrue(report.contains("put→GetRecords"));
        assertTrue(report.contains("| PutItem → readable in GetRecords, p99 | ≤ 1 ms |"), "the targets are judged from the run");
        String streamRow = report.lines().filter(l -> l.startsWith("| tributary | 0 |")).findFirst().orElseThrow();
        assertTrue(streamRow.contains("| 20/20 |"), "every write was seen in the stream: " + streamRow);
        assertTrue(streamRow.matches(".*\\| \\d+ \\(500 records\\) \\| \\d+ \\(500 records\\) \\|"),
                "both drains, through the SDK and raw, read every record: " + streamRow);
    }
}
