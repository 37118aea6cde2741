package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The test server sweeps every 200 ms, so expiry is seen within a second or two. */
class TimeToLiveTest extends ServerTest {
    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    @Test
    void expired_items_are_deleted_with_a_ttl_remove_record() throws Exception {
        String arn = ddb.createTable(b -> b.tableName("sessions")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        assertEquals(TimeToLiveStatus.DISABLED, ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription().timeToLiveStatus());

        long now = System.currentTimeMillis() / 1000;
        ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", s("expired"), "expiresAt", n(now - 60))));
        ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", s("live"), "expiresAt", n(now + 3600))));
        ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", s("forever"))));
        ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", s("text"), "expiresAt", s("0"))));
        ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", s("ancient"), "expiresAt", n(now - 6L * 365 * 24 * 3600))));
        Thread.sleep(600);
        assertEquals(5, ddb.scan(b -> b.tableName("sessions")).count(), "nothing expires while TTL is off");

        UpdateTimeToLiveResponse r = ddb.updateTimeToLive(b -> b.tableName("sessions")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        assertTrue(r.timeToLiveSpecification().enabled());
        TimeToLiveDescription d = ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, d.timeToLiveStatus());
        assertEquals("expiresAt", d.attributeName());

        long deadline = System.currentTimeMillis() + 10_000;
        while (ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", s("expired")))).hasItem() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ddb.getItem(b -> b.tableName("sessions").key(Map.of("id", s("expired")))).hasItem());
        assertEquals(4, ddb.scan(b -> b.tableName("sessions")).count(), "only the expired item goes");

        List<Record> records = StreamReader.readAll(streams, arn);
        Record removal = records.stream().filter(x -> x.eventName() == OperationType.REMOVE).findFirst().orElseThrow();
        assertEquals("Service", removal.userIdentity().type());
        assertEquals("dynamodb.amazonaws.com", removal.userIdentity().principalId());
        assertEquals(s("expired"), removal.dynamodb().keys().get("id"));
        assertEquals(n(now - 60), removal.dynamodb().oldImage().get("expiresAt"));
        assertTrue(records.stream().filter(x -> x.eventName() != OperationType.REMOVE).allMatch(x -> x.userIdentity() == null));

        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateTimeToLive(b -> b.tableName("sessions")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt"))));
        assertEquals("TimeToLive is already enabled", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.updateTimeToLive(b -> b.tableName("sessions")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("other"))));
        assertEquals("TimeToLive is active on a different AttributeName: current AttributeName is expiresAt", e.awsErrorDetails().errorMessage());
        ddb.updateTimeToLive(b -> b.tableName("sessions").timeToLiveSpecification(t -> t.enabled(false).attributeName("expiresAt")));
        assertEquals(TimeToLiveStatus.DISABLED, ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription().timeToLiveStatus());
        assertThrows(ResourceNotFoundException.class, () -> ddb.describeTimeToLive(b -> b.tableName("nosuch")));
    }
}
