package io.tributary.kafka;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The source connector's settings, and each task's (the connector's plus the shards it was given). */
final class SourceConfig extends AbstractConfig {
    static final String TABLE = "table";
    static final String ENDPOINT = "dynamodb.endpoint";
    static final String REGION = "aws.region";
    static final String ACCESS_KEY = "aws.access.key.id";
    static final String SECRET_KEY = "aws.secret.access.key";
    static final String TOPIC_TEMPLATE = "topic.template";
    static final String VALUE_FORMAT = "value.format";
    static final String TOMBSTONES = "tombstones.on.delete";
    static final String BATCH = "poll.max.records";
    static final String IDLE_MS = "poll.idle.ms";
    static final String REFRESH_MS = "shards.refresh.ms";
    static final String SNAPSHOT_MODE = "snapshot.mode";
    /** Set by the connector for each task: the shards it reads, comma-separated. */
    static final String TASK_SHARDS = "task.shards";
    static final String TASK_STREAM = "task.stream.arn";
    /** Set by the connector while the initial snapshot is not done: "id|sequence|shard=seq,...", and which task scans it. */
    static final String TASK_SNAPSHOT = "task.snapshot";
    static final String TASK_SNAPSHOT_SCAN = "task.snapshot.scan";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(TABLE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The table whose stream is read.")
            .define(ENDPOINT, Type.STRING, "", Importance.HIGH,
                    "The DynamoDB endpoint (Tributary, DynamoDB Local); empty for AWS's own in aws.region.")
            .define(REGION, Type.STRING, "us-east-1", Importance.MEDIUM, "The region to sign for.")
            .define(ACCESS_KEY, Type.STRING, "", Importance.MEDIUM, "Access key; empty for the AWS SDK's default credentials chain.")
            .define(SECRET_KEY, Type.PASSWORD, "", Importance.MEDIUM, "Secret of aws.access.key.id.")
            .define(TOPIC_TEMPLATE, Type.STRING, "tributary.${table}", Importance.HIGH,
                    "The topic of a table's changes; ${table} is replaced by the table's name.")
            .define(VALUE_FORMAT, Type.STRING, "plain", ConfigDef.ValidString.in("plain", "typed"), Importance.MEDIUM,
                    "plain: before and after hold the item as plain JSON ({\"price\": 10}); typed: as DynamoDB JSON "
                            + "({\"price\": {\"N\": \"10\"}}), so sets, binary and number precision survive exactly.")
            .define(TOMBSTONES, Type.BOOLEAN, true, Importance.MEDIUM,
                    "After each delete, a record with the key and no value, so compacted topics drop the key.")
            .define(BATCH, Type.INT, 1000, ConfigDef.Range.between(1, 10_000), Importance.LOW, "Most records one poll returns.")
            .define(IDLE_MS, Type.LONG, 250L, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                    "How long a task waits for records when none came; against Tributary the server holds the read "
                            + "instead, so a change is seen as it happens. AWS allows 5 reads a second per shard.")
            .define(REFRESH_MS, Type.LONG, 5000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                    "How often the connector looks for new shards (a rollover's children) and hands them out.")
            .define(SNAPSHOT_MODE, Type.STRING, "never", ConfigDef.ValidString.in("never", "initial"), Importance.MEDIUM,
                    "initial: before streaming, every item of the table as a snapshot read (op r), then the stream from "
                            + "where the snapshot was taken; against Tributary the snapshot is consistent (one moment of the table).")
            .define(TASK_SHARDS, Type.LIST, List.of(), Importance.LOW, "Set by the connector.")
            .define(TASK_SNAPSHOT, Type.STRING, "", Importance.LOW, "Set by the connector.")
            .define(TASK_SNAPSHOT_SCAN, Type.BOOLEAN, false, Importance.LOW, "Set by the connector.")
            .define(TASK_STREAM, Type.STRING, "", Importance.LOW, "Set by the connector.");

    SourceConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }

    String table() {
        return getString(TABLE);
    }

    URI endpoint() {
        String e = getString(ENDPOINT);
        return e.isBlank() ? null : URI.create(e);
    }

    String topic() {
        return getString(TOPIC_TEMPLATE).replace("${table}", table());
    }

    boolean typed() {
        return getString(VALUE_FORMAT).equals("typed");
    }
}
