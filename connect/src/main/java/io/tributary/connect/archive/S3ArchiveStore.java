package io.tributary.connect.archive;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An archive in an S3 bucket under a prefix, through the AWS SDK: one PUT publishes a whole object, so a
 * reader sees a file whole or not at all. Works with AWS S3 and S3-compatible servers (MinIO, S3Proxy).
 */
public final class S3ArchiveStore implements ArchiveStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    /** {@code location}: s3://BUCKET or s3://BUCKET/PREFIX. */
    public S3ArchiveStore(S3Client s3, String location, boolean ownsClient) {
        URI uri = URI.create(location);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) throw new IllegalArgumentException("expected s3://BUCKET/PREFIX, got " + location);
        this.s3 = s3;
        this.bucket = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        this.prefix = path.isEmpty() ? "" : path + "/";
        this.ownsClient = ownsClient;
    }

    @Override
    public void publish(Path local, String name) throws IOException {
        s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromFile(local));
        Files.deleteIfExists(local);
    }

    @Override
    public void publish(byte[] content, String name) {
        s3.putObject(b -> b.bucket(bucket).key(prefix + name).contentType("application/json"), RequestBody.fromBytes(content));
    }

    @Override
    public List<String> list(String folder) {
        List<String> names = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + folder)).contents()) {
            names.add(o.key().substring(prefix.length()));
        }
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + name));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(location() + name);
        }
    }

    @Override
    public boolean exists(String name) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(prefix + name));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        if (ownsClient) s3.close();
    }
}
