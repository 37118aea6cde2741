package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** BatchWriteItem's capacity, a parallel Scan's start key, and TagResource's validation and empty answer. */
class BatchScanTagConformanceTest extends ServerTest {
    static String arn;

    @BeforeAll
    static void tables() {
        table("bst");
        arn = ddb.describeTable(b -> b.tableName("bst")).table().tableArn();
    }

    @Test
    void batch_write_charges_one_unit_per_started_kilobyte_of_each_item() {
        List<WriteRequest> writes = List.of(
                WriteRequest.builder().putRequest(p -> p.item(item("pk", s("small")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(item("pk", s("big"), "v", s("x".repeat(2500))))).build());
        var consumed = ddb.batchWriteItem(b -> b.requestItems(Map.of("bst", writes)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertEquals(1, consumed.size());
        assertEquals(1.0 + 3.0, consumed.get(0).capacityUnits());
    }

    @Test
    void a_scan_segment_refuses_a_start_key_from_another_segment() {
        for (int i = 0; i < 40; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName("bst").item(item("pk", s("seg" + n))));
        }
        var firstSegment = ddb.scan(b -> b.tableName("bst").segment(0).totalSegments(4)).items();
        var key = item("pk", firstSegment.get(0).get("pk"));
        ddb.scan(b -> b.tableName("bst").segment(0).totalSegments(4).exclusiveStartKey(key));
        assertAwsError("ValidationException", "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey "
                + "with correct Segment. TotalSegments: 4 Segment: 1", () -> ddb.scan(b -> b.tableName("bst").segment(1).totalSegments(4).exclusiveStartKey(key)));
    }

    @Test
    void tag_resource_validates_and_answers_an_empty_body() throws Exception {
        var ok = raw("TagResource", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"cdc\"}]}");
        assertEquals(200, ok.statusCode());
        assertEquals("", ok.body());
        assertRawError("ValidationException", "Invalid TableArn: Invalid ResourceArn provided as input not-an-arn",
                raw("TagResource", "{\"ResourceArn\":\"not-an-arn\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}"));
        assertAwsError("ValidationException", "Atleast one Tag needs to be provided as Input.",
                () -> ddb.tagResource(b -> b.resourceArn(arn).tags(List.of())));
        assertAwsError("ValidationException", "1 validation error detected: Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
                () -> ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("bad#key").value("v"))));
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) many.add(Tag.builder().key("k" + i).value("v").build());
        assertAwsError("ValidationException", "One or more parameter values were invalid: The number of tags exceeds the limit of 50 per resource",
                () -> ddb.tagResource(b -> b.resourceArn(arn).tags(many)));
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        ddb.tagResource(b -> b.resourceArn(arn).tags(many));
        assertEquals(50, ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().size());
    }
}
