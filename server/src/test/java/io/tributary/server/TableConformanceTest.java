package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Table and index calls where AWS answers in a particular shape or refuses particular updates. */
class TableConformanceTest extends ServerTest {
    @Test
    void delete_table_answers_with_the_shorter_description() throws Exception {
        table("shortdesc");
        var r = raw("DeleteTable", "{\"TableName\":\"shortdesc\"}");
        assertEquals(200, r.statusCode(), r.body());
        var d = JSON.readTree(r.body()).get("TableDescription");
        assertEquals("DELETING", d.get("TableStatus").asText());
        assertEquals("shortdesc", d.get("TableName").asText());
        for (String absent : List.of("KeySchema", "AttributeDefinitions", "CreationDateTime", "GlobalSecondaryIndexes")) {
            assertFalse(d.has(absent), absent + " in " + d);
        }
        for (String present : List.of("TableArn", "TableId", "ItemCount", "TableSizeBytes", "ProvisionedThroughput")) {
            assertTrue(d.has(present), present + " missing from " + d);
        }
    }

    static UpdateTableRequest.Builder createIndex(UpdateTableRequest.Builder b, String table, String index, String attribute) {
        return b.tableName(table).attributeDefinitions(a -> a.attributeName(attribute).attributeType("S"))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index).keySchema(k -> k.attributeName(attribute).keyType("HASH"))
                        .projection(p -> p.projectionType("ALL"))));
    }

    @Test
    void global_index_updates_follow_awss_rules() {
        table("gsiupd");
        ddb.updateTable(b -> b.tableName("gsiupd").globalSecondaryIndexUpdates(List.of()));
        assertAwsError("ValidationException", "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [g], AttributeDefinitions: []",
                () -> ddb.updateTable(b -> b.tableName("gsiupd").globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byg")
                        .keySchema(k -> k.attributeName("g").keyType("HASH")).projection(p -> p.projectionType("ALL"))))));
        assertAwsError("ValidationException", "One or more parameter values were invalid: Cannot change the type of attribute pk which is used as a key",
                () -> ddb.updateTable(b -> b.tableName("gsiupd").attributeDefinitions(a -> a.attributeName("pk").attributeType("N"))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byg").keySchema(k -> k.attributeName("pk").keyType("HASH"))
                                .projection(p -> p.projectionType("ALL"))))));
        assertAwsError("ValidationException", "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must be specified",
                () -> ddb.updateTable(b -> b.tableName("gsiupd").globalSecondaryIndexUpdates(u -> u
                        .create(c -> c.indexName("byg").keySchema(k -> k.attributeName("pk").keyType("HASH")).projection(p -> p.projectionType("ALL")))
                        .delete(d -> d.indexName("byx")))));
        assertAwsError("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table",
                () -> ddb.updateTable(b -> b.tableName("gsiupd")
                        .attributeDefinitions(a -> a.attributeName("a").attributeType("S"), a -> a.attributeName("c").attributeType("S"))
                        .globalSecondaryIndexUpdates(
                                u -> u.create(c -> c.indexName("bya").keySchema(k -> k.attributeName("a").keyType("HASH")).projection(p -> p.projectionType("ALL"))),
                                u -> u.create(c -> c.indexName("byc").keySchema(k -> k.attributeName("c").keyType("HASH")).projection(p -> p.projectionType("ALL"))))));
        ddb.updateTable(b -> createIndex(b, "gsiupd", "byg", "g"));
    }

    @Test
    void a_backfill_skips_items_whose_index_key_is_too_large() throws Exception {
        table("bigkeys");
        ddb.putItem(b -> b.tableName("bigkeys").item(item("pk", s("small"), "g", s("fits"))));
        ddb.putItem(b -> b.tableName("bigkeys").item(item("pk", s("big"), "g", s("x".repeat(2049)))));
        ddb.updateTable(b -> createIndex(b, "bigkeys", "byG", "g"));
        for (int i = 0; i < 200; i++) {
            var index = ddb.describeTable(b -> b.tableName("bigkeys")).table().globalSecondaryIndexes().get(0);
            if (index.indexStatus() == IndexStatus.ACTIVE) break;
            Thread.sleep(50);
        }
        var items = ddb.scan(b -> b.tableName("bigkeys").indexName("byG")).items();
        assertEquals(List.of(s("small")), items.stream().map(i -> i.get("pk")).toList());
    }

    @Test
    void continuous_backups_are_described_as_disabled() {
        table("backups");
        var d = ddb.describeContinuousBackups(b -> b.tableName("backups")).continuousBackupsDescription();
        assertEquals(ContinuousBackupsStatus.DISABLED, d.continuousBackupsStatus());
        assertEquals(PointInTimeRecoveryStatus.DISABLED, d.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
        assertThrows(TableNotFoundException.class, () -> ddb.describeContinuousBackups(b -> b.tableName("nosuchtable")));
        assertAwsError("TableNotFoundException", "Table not found: nosuchtable", () -> ddb.describeContinuousBackups(b -> b.tableName("nosuchtable")));
    }
}
