package io.tributary.connect;

import io.tributary.server.ServerTest;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The reader finds Tributary's long poll by itself and waits on the server instead of polling. */
class RecordReaderTest extends ServerTest {
    @Test
    void tributary_offers_the_long_poll_and_the_reader_uses_it() throws Exception {
        String arn = TestServer.createStreamTable(ddb, "quiet", "pk", StreamViewType.KEYS_ONLY);
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        RecordReader reader = new RecordReader(streams, 100, Duration.ofSeconds(10));
        assertFalse(reader.longPolling());
        var first = reader.read(iterator);
        assertTrue(reader.longPolling(), "the server's answer offered the long poll");
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> reader.read(first.nextShardIterator()).records().size());
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "the next read waits on the server");
        for (int i = 0; i < 40; i++) {
            String k = "k" + i;
            ddb.putItem(b -> b.tableName("quiet").item(Map.of("pk", s(k))));
        }
        assertTrue(waiting.get(10, TimeUnit.SECONDS) > 0);
    }
}
