package io.tributary.cli;

import io.tributary.connect.Sink;
import io.tributary.connect.archive.ArchiveSink;
import io.tributary.connect.lambda.FunctionSink;
import io.tributary.connect.lucene.FieldKind;
import io.tributary.connect.lucene.LuceneSink;
import io.tributary.connect.redis.KeyTemplate;
import io.tributary.connect.redis.RedisSink;

import io.tributary.kafka.KafkaSink;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns {@code --to} values into sinks: lucene:DIR, redis://HOST:PORT, lambda:URL, exec:COMMAND, archive:DIR, s3://BUCKET/PREFIX, kafka://HOST:PORT/TOPIC. */
final class SinkSpecs {
    private SinkSpecs() {}

    record Settings(Map<String, FieldKind> luceneFields, KeyTemplate redisKey, RedisSink.Mode redisMode, Duration functionTimeout,
                    ArchiveSink.Rolling archiveRolling, Path archiveSpool, URI s3Endpoint, String region, boolean kafkaTyped,
                    String kafkaTransactionalId) {}

    static Sink open(String spec, Settings settings) throws IOException {
        if (spec.startsWith("lucene:")) return new LuceneSink(Path.of(spec.substring("lucene:".length())), settings.luceneFields());
        if (spec.startsWith("redis://") || spec.startsWith("rediss://")) return new RedisSink(spec, settings.redisKey(), settings.redisMode());
        if (spec.startsWith("lambda:")) return FunctionSink.http(URI.create(spec.substring("lambda:".length())), settings.functionTimeout());
        if (spec.startsWith("archive:")) return ArchiveSink.local(Path.of(spec.substring("archive:".length())), settings.archiveRolling());
        if (spec.startsWith("s3://")) {
            // Files are written locally until published; a spool per destination, so two never share one.
            Path spool = settings.archiveSpool().resolve(spec.substring("s3://".length()).replaceAll("[^A-Za-z0-9._-]", "_"));
            return new ArchiveSink(ArchiveStores.s3(spec, settings.s3Endpoint(), settings.region()), spool, settings.archiveRolling());
        }
        if (spec.startsWith("kafka://")) return KafkaSink.open(spec, settings.kafkaTyped(), settings.kafkaTransactionalId());
        if (spec.startsWith("exec:")) {
            List<String> command = Arrays.asList(spec.substring("exec:".length()).trim().split("\\s+"));
            return FunctionSink.command(command, settings.functionTimeout());
        }
        throw new IllegalArgumentException("unknown destination " + spec + ": expected lucene:DIR, redis://HOST:PORT, lambda:URL, exec:COMMAND, archive:DIR, s3://BUCKET/PREFIX or kafka://HOST:PORT/TOPIC");
    }
}
