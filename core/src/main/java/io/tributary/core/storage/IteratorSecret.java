package io.tributary.core.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** The key that signs shard iterators, made once and kept on disk, so iterators outlive a restart as AWS's do. */
final class IteratorSecret {
    private static final byte[] KEY = "secret/shard-iterators".getBytes(StandardCharsets.UTF_8);

    private IteratorSecret() {}

    static byte[] loadOrCreate(Storage storage) {
        byte[] secret = storage.get(storage.meta(), KEY);
        if (secret != null) return secret;
        secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (WriteBatch b = new WriteBatch()) {
            b.put(storage.meta(), KEY, secret);
            storage.write(b);
        } catch (RocksDBException e) {
            throw new StorageException("cannot save the iterator key: " + e.getMessage(), e);
        }
        return secret;
    }
}
