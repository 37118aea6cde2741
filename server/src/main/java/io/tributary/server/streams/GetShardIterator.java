package io.tributary.server.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.Action;
import io.tributary.server.api.Constraints;
import io.tributary.server.api.Request;
import io.tributary.server.json.Json;

import java.util.List;

/** GetShardIterator: a signed position in a shard, from TRIM_HORIZON, LATEST, or at/after a sequence number. */
public final class GetShardIterator implements Action {
    private final StreamLog log;
    private final ShardIterators iterators;

    public GetShardIterator(StreamLog log, ShardIterators iterators) {
        this.log = log;
        this.iterators = iterators;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String arn = request.string("StreamArn");
        String shardId = request.string("ShardId");
        String type = request.string("ShardIteratorType");
        String sequence = request.string("SequenceNumber");
        Constraints c = new Constraints();
        c.notNull(arn, "streamArn");
        c.notNull(shardId, "shardId");
        c.notNull(type, "shardIteratorType");
        c.oneOf(type, "shardIteratorType", List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"));
        c.shardId(shardId, "shardId");
        c.check();
        if (sequence != null && (type.equals("TRIM_HORIZON") || type.equals("LATEST"))) {
            throw TributaryException.validation("Invalid Request: SequenceNumber must not be specified when using ShardIteratorType " + type);
        }
        StreamDefinition stream = StreamArns.resolve(log, arn);
        ShardDescriptor shard = Shards.byId(stream, shardId, arn);

        long position = switch (type) {
            case "TRIM_HORIZON" -> Math.max(shard.startingSequence(), shard.trimmedThrough() + 1);
            case "LATEST" -> latest(stream, shard);
            default -> {
                if (sequence == null) {
                    throw TributaryException.validation("Must specify a SequenceNumber when using ShardIteratorType " + type);
                }
                long seq = SequenceNumbers.parse(sequence);
                if (seq < shard.startingSequence() || (!shard.isOpen() && seq > shard.endingSequence())) {
                    throw TributaryException.validation("Invalid SequenceNumber: " + sequence + " is not in the range of shard " + shardId);
                }
                long first = type.equals("AT_SEQUENCE_NUMBER") ? seq : seq + 1;
                // After the last trimmed record nothing is missing: a consumer whose checkpoint was trimmed reads on.
                if (first <= shard.trimmedThrough()) throw Shards.trimmed();
                yield first;
            }
        };
        ShardIterators.Position p = new ShardIterators.Position(stream.id(), shard.ordinal(), position, System.currentTimeMillis());
        ObjectNode out = Json.object();
        out.put("ShardIterator", iterators.encode(StreamArns.of(request.context(), stream), p));
        return out;
    }

    /** Just after the newest record a reader could see now; a record still committing comes after it. */
    private long latest(StreamDefinition stream, ShardDescriptor shard) {
        if (!shard.isOpen()) return shard.endingSequence() + 1;
        long last = log.lastVisibleSequence(stream.id(), shard.ordinal());
        return Math.max(shard.startingSequence(), last + 1);
    }
}
