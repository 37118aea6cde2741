package io.tributary.cli;

import io.tributary.connect.DynamoDbDeadLetters;
import io.tributary.connect.JsonLinesDeadLetters;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
import io.tributary.connect.Sinks;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.archive.ArchiveSink;
import io.tributary.connect.lucene.FieldKind;
import io.tributary.connect.redis.KeyTemplate;
import io.tributary.connect.redis.RedisSink;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What `sync`, `bootstrap` and `replay` share: the endpoint, the table, the destinations and how changes reach them. */
final class SyncSettings {
    @Option(names = "--endpoint", description = "DynamoDB endpoint: Tributary, DynamoDB Local or AWS (default: ${DEFAULT-VALUE}).")
    URI endpoint = URI.create("http://127.0.0.1:8000");

    @Option(names = "--region", description = "Region to sign for (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--table", required = true, description = "The table whose stream to follow.")
    String table;

    @Option(names = "--to", required = true, description = "Where changes go, once or more: lucene:DIR, redis://HOST:PORT, lambda:URL, exec:COMMAND, archive:DIR, s3://BUCKET/PREFIX, "
            + "kafka://HOST:PORT/TOPIC ($${table} in TOPIC is the table's name; default tributary.$${table}).")
    List<String> destinations = new ArrayList<>();

    @Option(names = "--kafka-typed", description = "kafka://: before and after as DynamoDB JSON instead of plain JSON.")
    boolean kafkaTyped;

    @Option(names = "--kafka-transactional-id", description = "kafka://: write each batch in one Kafka transaction under this id "
            + "(consumers reading committed records see a batch whole or not at all).")
    String kafkaTransactionalId;

    @Option(names = "--worker-id", description = "This worker's name in the lease table (default: pid@host-random).")
    String workerId;

    @Option(names = "--batch-size", description = "Most changes handed to the destinations at once (default: ${DEFAULT-VALUE}).")
    int batchSize = 100;

    @Option(names = "--batching-window-ms", description = "How long to gather a batch before it goes (default: ${DEFAULT-VALUE}).")
    long batchingWindowMs = 0;

    @Option(names = "--max-retries", description = "Retries of a failing batch before bisecting or dead-lettering; -1 for ever (default: ${DEFAULT-VALUE}).")
    int maxRetries = 3;

    @Option(names = "--no-bisect", description = "Do not split a failing batch to find the change that fails.")
    boolean noBisect;

    @Option(names = "--dead-letters", description = "Where a change that keeps failing goes: a JSON Lines file or dynamodb:TABLE "
            + "(default: APP.dead-letters.jsonl).")
    String deadLetters;

    @Option(names = "--redis-key", description = "Cache key template, as in users:{userId} (default: TABLE:{hashKey}[:{rangeKey}]).")
    String redisKey;

    @Option(names = "--redis-mode", description = "write-through (the new image as JSON) or invalidate (delete the key) (default: ${DEFAULT-VALUE}).")
    String redisMode = "write-through";

    @Option(names = "--lucene-field", description = "How an attribute is indexed, as in name=text, status=keyword, price=number, photo=ignore.")
    Map<String, String> luceneFields = new LinkedHashMap<>();

    @Option(names = "--function-timeout-ms", description = "How long one function invocation may take (default: ${DEFAULT-VALUE}).")
    long functionTimeoutMs = 60_000;

    @Option(names = "--archive-roll-bytes", description = "An archive file is published once it holds this many bytes of JSON (default: ${DEFAULT-VALUE}).")
    long archiveRollBytes = ArchiveSink.Rolling.DEFAULT.maxBytes();

    @Option(names = "--archive-roll-ms", description = "An archive file is published once it is this old (default: ${DEFAULT-VALUE}).")
    long archiveRollMs = ArchiveSink.Rolling.DEFAULT.maxAge().toMillis();

    @Option(names = "--archive-spool", description = "Where archive files for S3 are written until published (default: ${DEFAULT-VALUE}).")
    Path archiveSpool = Path.of(".tributary-archive-spool");

    @Option(names = "--s3-endpoint", description = "An S3-compatible server (MinIO, S3Proxy) instead of AWS S3; path-style requests. "
            + "Credentials come from the AWS default chain (AWS_ACCESS_KEY_ID, ~/.aws).")
    URI s3Endpoint;

    @Option(names = "--lease-ms", description = "A worker that has not renewed its leases for this long is taken over (default: ${DEFAULT-VALUE}).")
    long leaseMs = 10_000;

    @Option(names = "--checkpoint-ms", description = "How often positions are written (default: ${DEFAULT-VALUE}).")
    long checkpointMs = 1_000;

    SyncOptions options(String application) {
        SyncOptions o = SyncOptions.defaults(application).withBatchSize(batchSize)
                .withMaxBatchingWindow(Duration.ofMillis(batchingWindowMs)).withRetries(maxRetries, !noBisect)
                .withLeaseDuration(Duration.ofMillis(leaseMs)).withCheckpointInterval(Duration.ofMillis(checkpointMs));
        return workerId != null ? o.withWorkerId(workerId) : o;
    }

    /** All destinations as one sink. */
    Sink openSinks(TableDescription description) throws IOException {
        return Sinks.of(List.copyOf(openEach(description)));
    }

    /** Each destination, counted, in the order given. */
    List<CountedSink> openEach(TableDescription description) throws IOException {
        SinkSpecs.Settings settings = new SinkSpecs.Settings(fieldKinds(), keyTemplate(description),
                RedisSink.Mode.valueOf(redisMode.toUpperCase(Locale.ROOT).replace('-', '_')), Duration.ofMillis(functionTimeoutMs),
                new ArchiveSink.Rolling(archiveRollBytes, Duration.ofMillis(archiveRollMs)), archiveSpool, s3Endpoint, region,
                kafkaTyped, kafkaTransactionalId);
        List<CountedSink> sinks = new ArrayList<>();
        for (String d : destinations) sinks.add(new CountedSink(d, SinkSpecs.open(d, settings)));
        return sinks;
    }

    OnFailureDestination openDeadLetters(DynamoDbClient ddb, String application) throws IOException {
        return deadLetters != null && deadLetters.startsWith("dynamodb:")
                ? new DynamoDbDeadLetters(ddb, deadLetters.substring("dynamodb:".length()))
                : new JsonLinesDeadLetters(Path.of(deadLetters != null ? deadLetters : application + ".dead-letters.jsonl"));
    }

    private Map<String, FieldKind> fieldKinds() {
        Map<String, FieldKind> kinds = new LinkedHashMap<>();
        luceneFields.forEach((name, kind) -> kinds.put(name, FieldKind.valueOf(kind.toUpperCase(Locale.ROOT))));
        return kinds;
    }

    private KeyTemplate keyTemplate(TableDescription d) {
        if (redisKey != null) return new KeyTemplate(redisKey);
        String hash = null, range = null;
        for (KeySchemaElement k : d.keySchema()) {
            if (k.keyType() == KeyType.HASH) hash = k.attributeName();
            else range = k.attributeName();
        }
        return KeyTemplate.defaultFor(table, hash, range);
    }
}
