package io.tributary.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.tributary.core.storage.ReadSnapshot;
import io.tributary.server.streams.SequenceNumbers;

import java.util.StringJoiner;

/**
 * Tributary's consistent snapshot, an extension AWS clients never see (docs/architecture.md, "Bootstrap"):
 * <ul>
 *   <li>a Scan carrying {@code x-tributary-snapshot: new} freezes the database between two writes and reads its
 *       first page there; the answer, sent once everything in the snapshot is durable, carries
 *       {@code x-tributary-snapshot} (the snapshot's id), {@code x-tributary-snapshot-sequence} (every change
 *       in it has a stream record at or below this number, every later change one above),
 *       {@code x-tributary-snapshot-stream-label} and {@code x-tributary-snapshot-shards}
 *       ({@code shardId=lastSequenceNumber,...}: each shard's last record at or below the sequence);</li>
 *   <li>a Scan carrying {@code x-tributary-snapshot: ID} reads at that snapshot (any Segment, any page);</li>
 *   <li>a Scan carrying {@code x-tributary-snapshot-release: ID} lets the snapshot go. Unused ones go after
 *       ten minutes.</li>
 * </ul>
 * A server that does not answer with {@code x-tributary-snapshot} offers no snapshot; the client falls back.
 */
final class SnapshotScan {
    static final AsciiString SNAPSHOT = AsciiString.cached("x-tributary-snapshot");
    static final AsciiString SEQUENCE = AsciiString.cached("x-tributary-snapshot-sequence");
    static final AsciiString STREAM_LABEL = AsciiString.cached("x-tributary-snapshot-stream-label");
    static final AsciiString SHARDS = AsciiString.cached("x-tributary-snapshot-shards");
    static final AsciiString RELEASE = AsciiString.cached("x-tributary-snapshot-release");
    static final String NEW = "new";

    private SnapshotScan() {}

    static boolean asked(HttpHeaders headers) {
        return headers.contains(SNAPSHOT) || headers.contains(RELEASE);
    }

    static void describe(ReadSnapshot s, HttpHeaders headers) {
        headers.set(SNAPSHOT, s.id());
        headers.set(SEQUENCE, SequenceNumbers.format(s.sequence()));
        if (s.streamLabel() != null) headers.set(STREAM_LABEL, s.streamLabel());
        StringJoiner shards = new StringJoiner(",");
        s.shardPositions().forEach((shard, seq) -> shards.add(shard + "=" + SequenceNumbers.format(seq)));
        headers.set(SHARDS, shards.toString());
    }
}
