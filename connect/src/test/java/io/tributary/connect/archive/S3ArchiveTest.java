package io.tributary.connect.archive;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The archive in S3: an S3Proxy server (org.gaul:s3proxy on an in-memory jclouds blob store) started in the test. */
class S3ArchiveTest {
    private S3Proxy proxy;
    private S3Client s3;

    @TempDir
    Path spool;

    @BeforeEach
    void start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret").build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) Thread.sleep(10);
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        s3.createBucket(b -> b.bucket("history"));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        proxy.stop();
    }

    @Test
    void changes_go_to_s3_with_their_manifest_and_come_back_and_a_crash_is_recovered() throws Exception {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<ChangeEvent> written = new ArrayList<>();
        for (int i = 1; i <= 20; i++) written.add(ArchiveSinkTest.event("shard-1", i, t.plusSeconds(i * 200L), EventName.MODIFY, "k" + i % 3));

        ArchiveSink crashed = new ArchiveSink(new S3ArchiveStore(s3, "s3://history/orders-archive", false), spool,
                new ArchiveSink.Rolling(1L << 30, Duration.ofHours(1)));
        crashed.apply(written.subList(0, 8));
        crashed.flush();
        // no close: the spool holds what a crash left

        try (ArchiveSink sink = new ArchiveSink(new S3ArchiveStore(s3, "s3://history/orders-archive", false), spool,
                new ArchiveSink.Rolling(2_000, Duration.ofHours(1)))) {
            sink.apply(written);
        }
        ArchiveReader reader = new ArchiveReader(new S3ArchiveStore(s3, "s3://history/orders-archive", false));
        List<ManifestEntry> files = reader.files("orders");
        assertTrue(files.size() >= 3, "partitioned by hour and rolled by size: " + files.size());
        assertTrue(files.get(0).file().startsWith("orders/date=2026-12-07/hour=10/"), files.get(0).file());
        List<ChangeEvent> read = new ArrayList<>();
        for (ManifestEntry f : files) reader.read(f, read::add);
        assertEquals(written, read, "each change once, in order, across the crash");
        assertTrue(s3.listObjectsV2(b -> b.bucket("history").prefix("orders-archive/_manifest/")).keyCount() == files.size());
    }
}
