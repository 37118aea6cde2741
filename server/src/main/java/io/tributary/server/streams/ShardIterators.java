package io.tributary.server.streams;

import io.tributary.core.TributaryException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Shard iterators are self-describing signed tokens shaped like AWS's ({@code STREAM_ARN|1|opaque}): the
 * server keeps no per-reader state, and a token cannot be forged to read another stream or position.
 */
public final class ShardIterators {
    private static final int PAYLOAD = 8 + 4 + 8 + 8;
    private static final int MAC_BYTES = 16;
    private final SecretKeySpec key;
    /** Looking a Mac up and keying it was most of what a token cost, twice per GetRecords; doFinal leaves it ready again. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** Where a reader stands: the next sequence number it may read in the shard. */
    record Position(long streamId, int ordinal, long nextSequence, long createdMillis) {}

    public ShardIterators(byte[] secret) {
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String encode(String streamArn, Position p) {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD + MAC_BYTES);
        buf.putLong(p.streamId()).putInt(p.ordinal()).putLong(p.nextSequence()).putLong(p.createdMillis());
        buf.put(mac(streamArn, Arrays.copyOf(buf.array(), PAYLOAD)));
        return streamArn + "|1|" + Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    Position decode(String token) {
        if (token == null) {
            throw TributaryException.validation("1 validation error detected: Value null at 'shardIterator' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        int at = token.lastIndexOf("|1|");
        if (at < 0) throw invalid();
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.substring(at + 3));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length != PAYLOAD + MAC_BYTES) throw invalid();
        byte[] payload = Arrays.copyOf(raw, PAYLOAD);
        if (!MessageDigest.isEqual(mac(token.substring(0, at), payload), Arrays.copyOfRange(raw, PAYLOAD, raw.length))) throw invalid();
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new Position(b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }

    /** The stream ARN is signed too: who may read a stream is decided by the ARN a token shows. */
    private byte[] mac(String streamArn, byte[] payload) {
        Mac mac = macs.get();
        mac.update(streamArn.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TributaryException invalid() {
        return TributaryException.validation("Invalid ShardIterator");
    }
}
