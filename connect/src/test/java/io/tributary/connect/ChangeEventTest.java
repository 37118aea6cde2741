package io.tributary.connect;

import io.tributary.server.ServerTest;
import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Stream records of a real server become ChangeEvents with plain Java values. */
class ChangeEventTest extends ServerTest {
    @Test
    void records_become_events_with_plain_values_in_order() {
        String arn = TestServer.createStreamTable(ddb, "events", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        Map<String, AttributeValue> item = item("pk", s("k"), "n", n("1.50"), "b", AttributeValue.builder().b(SdkBytes.fromUtf8String("hi")).build(),
                "flag", AttributeValue.builder().bool(true).build(), "nothing", AttributeValue.builder().nul(true).build(),
                "tags", ss("a", "b"), "scores", ns("1", "2"), "list", l(s("x"), n("2")), "map", m(Map.of("inner", s("v"))));
        ddb.putItem(b -> b.tableName("events").item(item));
        ddb.updateItem(b -> b.tableName("events").key(item("pk", s("k"))).updateExpression("SET n = :two")
                .expressionAttributeValues(Map.of(":two", n("2"))));
        ddb.deleteItem(b -> b.tableName("events").key(item("pk", s("k"))));

        List<Record> records = StreamReader.readAll(streams, arn);
        List<ChangeEvent> events = records.stream().map(r -> ChangeEvent.of(r, "events", arn, "shard")).toList();
        assertEquals(List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE), events.stream().map(ChangeEvent::eventName).toList());

        ChangeEvent insert = events.get(0);
        assertEquals("events", insert.table());
        assertEquals(Map.of("pk", "k"), insert.keys());
        assertNull(insert.oldImage());
        Map<String, Object> image = insert.newImage();
        assertEquals(new BigDecimal("1.5"), image.get("n"));
        assertEquals(ByteBuffer.wrap("hi".getBytes()), image.get("b"));
        assertEquals(true, image.get("flag"));
        assertTrue(image.containsKey("nothing"));
        assertNull(image.get("nothing"));
        assertEquals(Set.of("a", "b"), image.get("tags"));
        assertEquals(Set.of(new BigDecimal("1"), new BigDecimal("2")), image.get("scores"));
        assertEquals(List.of("x", new BigDecimal("2")), image.get("list"));
        assertEquals(Map.of("inner", "v"), image.get("map"));
        assertNotNull(insert.approximateCreationTime());
        assertTrue(insert.sizeBytes() > 0);

        ChangeEvent modify = events.get(1);
        assertEquals(new BigDecimal("1.5"), modify.oldImage().get("n"));
        assertEquals(new BigDecimal("2"), modify.newImage().get("n"));
        assertTrue(new BigDecimal(modify.sequenceNumber()).compareTo(new BigDecimal(insert.sequenceNumber())) > 0);

        ChangeEvent remove = events.get(2);
        assertNull(remove.newImage());
        assertEquals("k", remove.oldImage().get("pk"));
        assertThrows(UnsupportedOperationException.class, () -> remove.oldImage().put("x", 1));
    }
}
