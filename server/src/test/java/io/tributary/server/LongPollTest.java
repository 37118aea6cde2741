package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Tributary's long-poll extension of GetRecords. */
class LongPollTest extends ServerTest {
    private static final String HEADER = "x-tributary-long-poll-ms";

    private static String openIterator(String table) {
        String arn = TestServer.createStreamTable(ddb, table, "pk", StreamViewType.NEW_IMAGE);
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    }

    private static GetRecordsResponse get(String iterator, String wait) {
        GetRecordsRequest.Builder r = GetRecordsRequest.builder().shardIterator(iterator);
        if (wait != null) r.overrideConfiguration(o -> o.putHeader(HEADER, wait));
        return streams.getRecords(r.build());
    }

    @Test
    void every_answer_says_the_server_offers_it_and_a_plain_request_never_waits() {
        GetRecordsResponse r = get(openIterator("plain"), null);
        assertTrue(r.records().isEmpty());
        assertEquals("20000", r.sdkHttpResponse().firstMatchingHeader(HEADER).orElseThrow());
    }

    @Test
    void a_waiting_request_is_answered_with_the_record_written_while_it_waited() throws Exception {
        String iterator = openIterator("waiting");
        CompletableFuture<GetRecordsResponse> waiting = CompletableFuture.supplyAsync(() -> get(iterator, "15000"));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "an empty page of an open shard is not answered yet");
        // Forty keys: one of them, at the least, hashes to the shard being read.
        for (int i = 0; i < 40; i++) {
            String k = "k" + i;
            ddb.putItem(b -> b.tableName("waiting").item(Map.of("pk", s(k))));
        }
        GetRecordsResponse r = waiting.get(15, TimeUnit.SECONDS);
        assertFalse(r.records().isEmpty(), "the record written during the wait is in the answer");
        assertNotNull(r.nextShardIterator());
    }

    @Test
    void a_wait_that_runs_out_answers_an_empty_page_and_a_bad_value_means_no_wait() {
        String iterator = openIterator("expiring");
        GetRecordsResponse r = get(iterator, "200");
        assertTrue(r.records().isEmpty());
        assertNotNull(r.nextShardIterator());
        assertTrue(get(r.nextShardIterator(), "soon").records().isEmpty());
    }
}
