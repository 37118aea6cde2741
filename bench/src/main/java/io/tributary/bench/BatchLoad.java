package io.tributary.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A table filled as fast as a client can: eight threads of BatchWriteItem, unprocessed items sent again. */
final class BatchLoad {
    private static final int THREADS = 8;

    /** Each item made by {@code item(thread, index)}, from index 0 to items / 8 in each thread; returns how many were written. */
    interface Items {
        Map<String, AttributeValue> item(int thread, int index);
    }

    private BatchLoad() {}

    static int write(DynamoDbClient ddb, String table, int items, Items make) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            int perThread = items / THREADS;
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i += 25) {
                        List<WriteRequest> batch = new ArrayList<>();
                        for (int j = i; j < Math.min(perThread, i + 25); j++) {
                            Map<String, AttributeValue> item = make.item(thread, j);
                            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                        }
                        Map<String, List<WriteRequest>> request = Map.of(table, batch);
                        while (!request.isEmpty()) {
                            var r = ddb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(request).build());
                            request = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) f.get();
            return perThread * THREADS;
        } finally {
            pool.shutdown();
        }
    }
}
