package io.tributary.server.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.server.api.AwsMessages;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.Action;
import io.tributary.server.api.Constraints;
import io.tributary.server.api.Request;
import io.tributary.server.json.Json;
import io.tributary.server.json.StoredItemJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * GetRecords: up to Limit (at most 1000) records and 1 MB from the iterator's position, and the iterator
 * to go on with; none once a closed shard has been read to its end.
 */
public final class GetRecords implements Action {
    private final java.util.concurrent.atomic.LongAdder returned = new java.util.concurrent.atomic.LongAdder();
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private final StreamLog log;
    private final ShardIterators iterators;

    public GetRecords(StreamLog log, ShardIterators iterators) {
        this.log = log;
        this.iterators = iterators;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    /** Records answered so far, for the metrics. */
    public long recordsReturned() {
        return returned.sum();
    }

    @Override
    public ObjectNode handle(Request request) {
        String token = request.string("ShardIterator");
        Long limit = request.integer("Limit");
        Constraints c = new Constraints();
        c.notNull(token, "shardIterator");
        c.range(limit, "limit", 1, 1000);
        c.check();
        int max = limit == null ? 1000 : limit.intValue();

        ShardIterators.Position p = iterators.decode(token);
        long now = System.currentTimeMillis();
        long lifetime = log.settings().iteratorLifetime().toMillis();
        if (now - p.createdMillis() > lifetime) {
            throw new TributaryException("ExpiredIteratorException", "Iterator expired. The iterator was created at time "
                    + date(p.createdMillis()) + " while right now it is " + date(now)
                    + " which is further in the future than the tolerated delay of " + lifetime + " milliseconds.");
        }
        StreamDefinition stream = log.find(p.streamId()).orElseThrow(() ->
                AwsMessages.streamDoesNotExist());
        ShardDescriptor shard = Shards.byOrdinal(stream, p.ordinal());
        if (p.nextSequence() <= shard.trimmedThrough()) throw Shards.trimmed();

        StoredItemJson.Page records = StoredItemJson.page();
        int[] count = {0};
        long[] next = {p.nextSequence()};
        boolean exhausted = log.read(stream.id(), shard.ordinal(), p.nextSequence(), r -> {
            if (count[0] == max) return false;
            int mark = records.length();
            try {
                StreamRecordJson.write(records, stream.id(), r, stream.viewType());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The page's JSON stands for the 1 MB: a record that takes it over is taken back, unless it is the first.
            if (count[0] > 0 && records.length() > MAX_RESPONSE_BYTES) {
                records.cut(mark);
                return false;
            }
            count[0]++;
            next[0] = r.sequence() + 1;
            return true;
        });
        returned.add(count[0]);
        ObjectNode out = Json.object();
        // An empty page is a plain empty array, which a long poll recognises (a full one is pre-encoded JSON).
        out.set("Records", count[0] == 0 ? out.arrayNode() : records.end());
        boolean shardFinished = exhausted && !shard.isOpen() && log.isSealed(stream.id(), shard)
                && log.lastVisibleSequence(stream.id(), shard.ordinal()) < next[0];
        if (!shardFinished) {
            String arn = token.substring(0, token.lastIndexOf("|1|"));
            out.put("NextShardIterator", iterators.encode(arn,
                    new ShardIterators.Position(stream.id(), shard.ordinal(), next[0], now)));
        }
        return out;
    }

    private static String date(long millis) {
        SimpleDateFormat f = new SimpleDateFormat("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(new Date(millis));
    }
}
