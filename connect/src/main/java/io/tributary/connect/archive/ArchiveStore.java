package io.tributary.connect.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an archive's committed files live: a local directory or an S3 bucket. Names are relative paths with
 * '/' separators. Publishing is atomic: a reader either sees a whole file under its name or nothing.
 */
public interface ArchiveStore extends AutoCloseable {
    /** Publishes the local file's content under {@code name}, atomically; the local file may be gone afterwards. */
    void publish(Path local, String name) throws IOException;

    /** Publishes small content (a manifest entry) under {@code name}, atomically. */
    void publish(byte[] content, String name) throws IOException;

    /** The names under {@code prefix} (a folder such as "_manifest/"), in no particular order. */
    List<String> list(String prefix) throws IOException;

    InputStream open(String name) throws IOException;

    boolean exists(String name) throws IOException;

    /** Where this store's files are, for messages: a directory or s3://bucket/prefix. */
    String location();

    @Override
    default void close() throws IOException {}
}
