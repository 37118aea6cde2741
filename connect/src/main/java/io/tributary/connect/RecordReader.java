package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;

/**
 * GetRecords, with Tributary's long poll where the server offers it: a server that answers GetRecords with
 * the header {@value #LONG_POLL_HEADER} (its longest wait in milliseconds) holds a later GetRecords carrying
 * that header until a record arrives or the wait is over, so a quiet shard costs one request a second and a
 * change is seen at once. Other servers (AWS, DynamoDB Local) never see the header; the caller then polls,
 * backing off while the shard is quiet.
 */
public final class RecordReader {
    static final String LONG_POLL_HEADER = "x-tributary-long-poll-ms";
    private final DynamoDbStreamsClient streams;
    private final int limit;
    private final Duration wait;
    private volatile long serverMaxWait = -1;

    public RecordReader(DynamoDbStreamsClient streams, int limit, Duration wait) {
        this.streams = streams;
        this.limit = Math.min(limit, 1000);
        this.wait = wait;
    }

    GetRecordsResponse read(String iterator) {
        return read(iterator, Long.MAX_VALUE);
    }

    /** Reads, the server waiting at most {@code maxWaitMillis} for a record (no wait when it is 0 or less). */
    public GetRecordsResponse read(String iterator, long maxWaitMillis) {
        GetRecordsRequest.Builder request = GetRecordsRequest.builder().shardIterator(iterator).limit(limit);
        long waitMillis = Math.min(Math.min(serverMaxWait, wait.toMillis()), maxWaitMillis);
        if (waitMillis > 0) request.overrideConfiguration(o -> o.putHeader(LONG_POLL_HEADER, Long.toString(waitMillis)));
        GetRecordsResponse response = streams.getRecords(request.build());
        serverMaxWait = response.sdkHttpResponse().firstMatchingHeader(LONG_POLL_HEADER).map(RecordReader::millis).orElse(-1L);
        return response;
    }

    /** True when the server waits for records itself, so an empty answer needs no pause before the next poll. */
    public boolean longPolling() {
        return Math.min(serverMaxWait, wait.toMillis()) > 0;
    }

    private static long millis(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
