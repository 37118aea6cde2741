package io.tributary.cli;

import io.tributary.connect.archive.ArchiveStore;
import io.tributary.connect.archive.LocalArchiveStore;
import io.tributary.connect.archive.S3ArchiveStore;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** An archive named on the command line: a directory, or s3://BUCKET/PREFIX (on AWS S3 or at --s3-endpoint). */
final class ArchiveStores {
    private ArchiveStores() {}

    static ArchiveStore open(String spec, URI s3Endpoint, String region) throws IOException {
        if (spec.startsWith("s3://")) return s3(spec, s3Endpoint, region);
        return new LocalArchiveStore(Path.of(spec));
    }

    static S3ArchiveStore s3(String spec, URI endpoint, String region) {
        S3ClientBuilder b = S3Client.builder().region(Region.of(region));
        if (endpoint != null) {
            // S3-compatible servers take path-style requests and do not all know the SDK's newer checksum trailers.
            b.endpointOverride(endpoint).forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3ArchiveStore(b.build(), spec, true);
    }
}
