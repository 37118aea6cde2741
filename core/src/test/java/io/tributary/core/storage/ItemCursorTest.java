package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemCursorTest {
    @TempDir
    Path dir;

    /** The cursor reuses one buffer for every entry: items larger and smaller than the one before must come out whole. */
    @Test
    void every_item_comes_out_whole_whatever_the_size_of_the_one_before() throws Exception {
        int[] sizes = {10, 5_000, 3, 0, 70_000, 1, 1_500, 300_000, 20};
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        KeyRange range = new KeyRange(new byte[]{1}, new byte[]{2});
        try (Storage storage = new Storage(dir, false)) {
            try (WriteBatch batch = new WriteBatch()) {
                for (int i = 0; i < sizes.length; i++) {
                    Map<String, AttributeValue> item = new LinkedHashMap<>();
                    item.put("pk", AttributeValue.s("item#" + i));
                    item.put("data", AttributeValue.s("x".repeat(sizes[i])));
                    items.add(item);
                    batch.put(storage.items(), new byte[]{1, (byte) i}, ItemCodec.encode(item));
                }
                storage.write(batch);
            }
            for (boolean forward : new boolean[]{true, false}) {
                List<Map<String, AttributeValue>> read = new ArrayList<>(), fromStored = new ArrayList<>();
                try (ItemCursor cursor = new ItemCursor(storage.iterator(storage.items(), range), range, forward, null)) {
                    while (cursor.next()) {
                        fromStored.add(ItemCodec.decode(cursor.stored()));
                        assertEquals(ItemCodec.itemSize(ItemCodec.encode(fromStored.get(fromStored.size() - 1))),
                                ItemCodec.itemSize(cursor.stored()), "the size read from the buffer");
                        read.add(cursor.item());
                    }
                    assertNull(cursor.stored(), "nothing past the end");
                    assertNull(cursor.item());
                }
                List<Map<String, AttributeValue>> expected = new ArrayList<>(items);
                if (!forward) Collections.reverse(expected);
                assertEquals(expected, read, forward ? "forward" : "backward");
                assertEquals(expected, fromStored, forward ? "forward, from the stored form" : "backward, from the stored form");
            }
        }
    }
}
