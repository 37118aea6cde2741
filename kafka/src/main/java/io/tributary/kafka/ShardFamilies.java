package io.tributary.kafka;

import software.amazon.awssdk.services.dynamodb.model.Shard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's shards grouped by lineage: a shard and every descendant of it form one family, read by one task, so a
 * child's records are read after its parent's without tasks having to tell each other when a parent ends. A shard
 * whose parent has been trimmed away starts a family of its own.
 */
final class ShardFamilies {
    private ShardFamilies() {}

    /** Families in the order DescribeStream lists their roots; within a family, parents before children. */
    static List<List<String>> of(List<Shard> shards) {
        Map<String, String> parent = new LinkedHashMap<>();
        for (Shard s : shards) parent.put(s.shardId(), s.parentShardId());
        Map<String, List<String>> families = new LinkedHashMap<>();
        for (Shard s : shards) families.computeIfAbsent(root(s.shardId(), parent), r -> new ArrayList<>()).add(s.shardId());
        return new ArrayList<>(families.values());
    }

    /** Families dealt to at most {@code tasks} tasks, round robin; never an empty task. */
    static List<List<String>> deal(List<List<String>> families, int tasks) {
        List<List<String>> dealt = new ArrayList<>();
        for (int i = 0; i < Math.min(tasks, families.size()); i++) dealt.add(new ArrayList<>());
        for (int i = 0; i < families.size(); i++) dealt.get(i % dealt.size()).addAll(families.get(i));
        return dealt;
    }

    private static String root(String shard, Map<String, String> parent) {
        String at = shard;
        while (parent.get(at) != null && parent.containsKey(parent.get(at))) at = parent.get(at);
        return at;
    }
}
