package io.tributary.core.storage;

import org.rocksdb.Snapshot;

import java.util.Map;

/**
 * A view of the database frozen at one moment between writes, and where every shard of the table's stream
 * stood at that moment: each change in the view has a stream record at or below {@code sequence}, each change
 * after it a record above. {@code shardPositions}: for each shard of the stream that has records at or below
 * {@code sequence}, the last of them; a shard not named has none.
 */
public record ReadSnapshot(String id, String tableName, long sequence, String streamLabel, Map<String, Long> shardPositions,
                           Snapshot snapshot) {}
