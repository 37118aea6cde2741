package io.tributary.bench.micro;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.ItemCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/** The binary item codec every stored item and stream image goes through. */
@State(Scope.Benchmark)
public class ItemCoding {
    private final Map<String, AttributeValue> item = SampleItem.item();
    private final byte[] encoded = ItemCodec.encode(item);

    @Benchmark
    public byte[] encode() {
        return ItemCodec.encode(item);
    }

    @Benchmark
    public Map<String, AttributeValue> decode() {
        return ItemCodec.decode(encoded);
    }
}
