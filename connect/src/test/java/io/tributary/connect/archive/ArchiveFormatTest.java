package io.tributary.connect.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import io.tributary.connect.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** An archive read by a Python reader written from docs/archive-format.md alone (src/test/resources/archive/read_archive.py). */
class ArchiveFormatTest {
    @TempDir
    Path dir;

    @Test
    void a_reader_written_from_the_documentation_reads_the_archive() throws Exception {
        Instant t = Instant.parse("2026-12-07T10:59:59Z");
        List<ChangeEvent> written = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            EventName name = i % 10 == 0 ? EventName.REMOVE : i % 3 == 1 ? EventName.INSERT : EventName.MODIFY;
            written.add(ArchiveSinkTest.event(i % 2 == 0 ? "shard-a" : "shard-b", i, t.plusSeconds(i / 10), name, "k" + (i % 4)));
        }
        try (ArchiveSink sink = ArchiveSink.local(dir, new ArchiveSink.Rolling(3_000, Duration.ofHours(1)))) {
            sink.apply(written.subList(0, 12));
            sink.flush();
            sink.apply(written.subList(12, 30));
        }

        Path script = Path.of(getClass().getResource("/archive/read_archive.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString(), "orders").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        JsonNode result = EventJson.MAPPER.readTree(out);

        assertTrue(result.get("files").asInt() > 2, "rolled into several files over two hours");
        JsonNode changes = result.get("changes");
        assertEquals(written.size(), changes.size());
        for (int i = 0; i < written.size(); i++) {
            ChangeEvent e = written.get(i);
            JsonNode c = changes.get(i);
            assertEquals(e.eventName().name(), c.get("eventName").asText());
            assertEquals(e.keys().get("id"), c.get("keys").get("id").asText());
            assertEquals(e.shardId(), c.get("shardId").asText());
            assertEquals(String.valueOf(Long.parseLong(e.sequenceNumber())), c.get("sequenceNumber").asText());
            assertEquals(e.approximateCreationTime().toString(), c.get("approximateCreationTime").asText());
            if (e.newImage() == null) {
                assertTrue(c.get("newImage").isNull());
            } else {
                JsonNode image = c.get("newImage");
                assertEquals(String.valueOf(i + 1), image.get("n").asText());
                assertEquals("[\"a\",\"b\"]", image.get("tags").toString());
                assertEquals("010203", image.get("bin").asText());
                assertEquals("[\"x\",\"1.5\",{\"deep\":true}]", image.get("list").toString());
                assertTrue(image.get("nothing").isNull());
            }
        }
        assertEquals("30", result.get("lastSequenceNumbers").get("shard-a").asText());
        assertEquals("29", result.get("lastSequenceNumbers").get("shard-b").asText());
    }
}
