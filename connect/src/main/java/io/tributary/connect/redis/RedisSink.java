package io.tributary.connect.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import io.tributary.connect.SequenceNumbers;
import io.tributary.connect.Sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A Redis cache kept in step with the table through Lettuce. {@code INVALIDATE} deletes an item's key on
 * every change (the application fills the cache on a miss; works with KEYS_ONLY streams);
 * {@code WRITE_THROUGH} sets it to the new image as plain JSON and deletes it on REMOVE.
 *
 * <p>The sequence number applied last for each key is kept in the hash {@code tributary:seq:TABLE}, and the
 * check and the write happen together in one Lua script, so a redelivered or older change never overwrites
 * a newer one, whatever other workers do at the same time. (A Redis Cluster would need both keys in one
 * slot; this sink is for a single Redis or a primary with replicas.)
 */
public final class RedisSink implements Sink {
    public enum Mode { INVALIDATE, WRITE_THROUGH }

    /**
     * KEYS: cache keys, then the version hash; ARGV: for each cache key its sequence number and its value ("" to
     * delete). Keys are taken in order, so a key twice in one call ends at its newest change.
     */
    private static final String APPLY_IF_NEWER = """
            local hash = KEYS[#KEYS]
            local applied = 0
            for i = 1, #KEYS - 1 do
              local key, seq, value = KEYS[i], ARGV[2 * i - 1], ARGV[2 * i]
              local last = redis.call('HGET', hash, key)
              if not (last and (#last > #seq or (#last == #seq and last >= seq))) then
                redis.call('HSET', hash, key, seq)
                if value == '' then redis.call('DEL', key) else redis.call('SET', key, value) end
                applied = applied + 1
              end
            end
            return applied
            """;
    /** Changes per script call: one call per change cost more in round trips and Lua set-up than the writes themselves. */
    private static final int PER_CALL = 200;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final KeyTemplate keys;
    private final Mode mode;
    private volatile String scriptSha;

    public RedisSink(String uri, KeyTemplate keys, Mode mode) {
        this.client = RedisClient.create(RedisURI.create(uri));
        this.connection = client.connect();
        this.keys = keys;
        this.mode = mode;
        connection.setTimeout(Duration.ofSeconds(10));
        this.scriptSha = connection.sync().scriptLoad(APPLY_IF_NEWER);
    }

    @Override
    public void apply(List<ChangeEvent> changes) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        RedisAsyncCommands<String, String> redis = connection.async();
        List<RedisFuture<Long>> writes = new ArrayList<>();
        for (int from = 0; from < changes.size(); ) {
            String table = changes.get(from).table();
            int to = from;
            while (to < changes.size() && to - from < PER_CALL && changes.get(to).table().equals(table)) to++;
            List<ChangeEvent> call = changes.subList(from, to);
            String[] keysAndHash = new String[call.size() + 1];
            String[] args = new String[call.size() * 2];
            for (int i = 0; i < call.size(); i++) {
                ChangeEvent change = call.get(i);
                keysAndHash[i] = keys.render(change.keys());
                args[2 * i] = SequenceNumbers.stripZeros(change.sequenceNumber());
                args[2 * i + 1] = value(change);
            }
            keysAndHash[call.size()] = "tributary:seq:" + table;
            writes.add(redis.evalsha(scriptSha, ScriptOutputType.INTEGER, keysAndHash, args));
            from = to;
        }
        for (RedisFuture<Long> w : writes) {
            try {
                w.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // A restarted Redis has forgotten the script: load it again, and the retry goes through.
                if (e.getCause() instanceof RedisNoScriptException) scriptSha = connection.sync().scriptLoad(APPLY_IF_NEWER);
                throw e;
            }
        }
    }

    private String value(ChangeEvent change) {
        if (mode == Mode.INVALIDATE || change.eventName() == EventName.REMOVE) return "";
        if (change.newImage() == null) {
            throw new IllegalStateException("write-through needs the new image: give the stream NEW_IMAGE or NEW_AND_OLD_IMAGES, or use invalidate");
        }
        return EventJson.item(change.newImage(), false).toString();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
