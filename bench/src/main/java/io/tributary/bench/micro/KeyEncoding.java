package io.tributary.bench.micro;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ItemKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Map;

/** An item's key to its ordered RocksDB key: a string partition key and a number sort key. */
@State(Scope.Benchmark)
public class KeyEncoding {
    private final KeyElement hash = new KeyElement("pk", AttributeType.S);
    private final KeyElement range = new KeyElement("sk", AttributeType.N);
    private final TableDefinition table = new TableDefinition("bench", 1, "", hash, range, List.of(hash, range), "PAY_PER_REQUEST",
            0, 0, 0, null, 0, null, List.of(), null, Map.of());
    private final Map<String, AttributeValue> key = Map.of("pk", AttributeValue.s("user#000123"), "sk", AttributeValue.n(42));

    @Benchmark
    public byte[] itemKey() {
        return ItemKeys.encode(table, key);
    }
}
