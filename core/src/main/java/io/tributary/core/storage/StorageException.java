package io.tributary.core.storage;

/** RocksDB failed; the request fails with an internal error and nothing was acknowledged. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
