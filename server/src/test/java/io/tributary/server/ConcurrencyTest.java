package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Conditional read-modify-write is atomic per item: concurrent writers never lose an update. */
class ConcurrencyTest extends ServerTest {

    @BeforeAll
    static void start() {
        ddb.createTable(b -> b.tableName("counters")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @Test
    void eight_threads_incrementing_one_counter_a_thousand_times_each_reach_8000() throws Exception {
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.builder().s("hits").build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    ddb.updateItem(b -> b.tableName("counters").key(key)
                            .updateExpression("SET hits = if_not_exists(hits, :zero) + :one")
                            .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"))));
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals("8000", ddb.getItem(b -> b.tableName("counters").key(key)).item().get("hits").n());
    }

    @Test
    void optimistic_locking_with_a_version_condition_lets_exactly_one_writer_win_each_round() throws Exception {
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.builder().s("versioned").build());
        ddb.putItem(b -> b.tableName("counters").item(Map.of("id", key.get("id"), "version", n("0"))));
        AtomicInteger wins = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    String current = ddb.getItem(b -> b.tableName("counters").key(key).consistentRead(true)).item().get("version").n();
                    try {
                        ddb.updateItem(b -> b.tableName("counters").key(key)
                                .updateExpression("SET version = version + :one")
                                .conditionExpression("version = :seen")
                                .expressionAttributeValues(Map.of(":one", n("1"), ":seen", n(current))));
                        wins.incrementAndGet();
                    } catch (ConditionalCheckFailedException lost) {
                        // another writer got there first; that is the point
                    }
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(Integer.toString(wins.get()),
                ddb.getItem(b -> b.tableName("counters").key(key)).item().get("version").n());
    }
}
