package io.tributary.cli;

import io.tributary.connect.archive.ArchiveStore;
import io.tributary.connect.archive.LocalArchiveStore;

import java.io.IOException;
import java.nio.file.Path;

/** An archive named on the command line: a directory, or s3://BUCKET/PREFIX. */
final class ArchiveStores {
    private ArchiveStores() {}

    static ArchiveStore open(String spec, String region) throws IOException {
        if (spec.startsWith("s3://")) throw new IllegalArgumentException("S3 archives are not supported yet: " + spec);
        return new LocalArchiveStore(Path.of(spec));
    }
}
