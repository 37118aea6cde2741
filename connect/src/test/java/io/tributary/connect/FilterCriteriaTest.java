package io.tributary.connect;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Lambda's filter-pattern syntax on DynamoDB records. */
class FilterCriteriaTest {
    private static final ChangeEvent INSERT = new ChangeEvent("users", EventName.INSERT, Map.of("id", "u1"), null,
            Map.of("id", "u1", "status", "active", "age", new BigDecimal("42"), "email", "ann@example.com", "vip", true),
            "100", Instant.now(), "shard", 50, "ev", "us-east-1", "arn:aws:dynamodb:us-east-1:0:table/users/stream/x", "NEW_AND_OLD_IMAGES");
    private static final ChangeEvent REMOVE = new ChangeEvent("users", EventName.REMOVE, Map.of("id", "u2"),
            Map.of("id", "u2", "status", "closed"), null, "101", Instant.now(), "shard", 50, "ev2", "us-east-1",
            "arn:aws:dynamodb:us-east-1:0:table/users/stream/x", "NEW_AND_OLD_IMAGES");

    private static boolean matches(String pattern, ChangeEvent e) {
        return FilterCriteria.parse(List.of(pattern)).matches(e);
    }

    @Test
    void exact_values_on_the_event_name_and_the_images() {
        assertTrue(matches("{\"eventName\": [\"INSERT\"]}", INSERT));
        assertFalse(matches("{\"eventName\": [\"INSERT\"]}", REMOVE));
        assertTrue(matches("{\"eventName\": [\"MODIFY\", \"REMOVE\"]}", REMOVE));
        assertTrue(matches("{\"dynamodb\": {\"Keys\": {\"id\": {\"S\": [\"u1\"]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"vip\": {\"BOOL\": [true]}}}}", INSERT));
        assertFalse(matches("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"closed\"]}}}}", INSERT));
    }

    @Test
    void prefix_suffix_and_case() {
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"email\": {\"S\": [{\"prefix\": \"ann@\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"email\": {\"S\": [{\"suffix\": \".com\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"equals-ignore-case\": \"ACTIVE\"}]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\": {\"NewImage\": {\"email\": {\"S\": [{\"prefix\": \"bob\"}]}}}}", INSERT));
    }

    @Test
    void numeric_ranges_on_dynamodb_numbers() {
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"age\": {\"N\": [{\"numeric\": [\">\", 40, \"<=\", 42]}]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\": {\"NewImage\": {\"age\": {\"N\": [{\"numeric\": [\"<\", 42]}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"age\": {\"N\": [{\"numeric\": [\"=\", 42]}]}}}}", INSERT));
    }

    @Test
    void exists_and_anything_but() {
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": {\"email\": [{\"exists\": true}]}}}", INSERT));
        assertFalse(matches("{\"dynamodb\": {\"NewImage\": {\"email\": [{\"exists\": true}]}}}", REMOVE));
        assertTrue(matches("{\"dynamodb\": {\"NewImage\": [{\"exists\": false}]}}", REMOVE));
        assertTrue(matches("{\"dynamodb\": {\"OldImage\": {\"status\": {\"S\": [{\"anything-but\": [\"active\", \"pending\"]}]}}}}", REMOVE));
        assertFalse(matches("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"anything-but\": \"active\"}]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"anything-but\": {\"prefix\": \"act\"}}]}}}}", INSERT));
    }

    @Test
    void several_patterns_are_ored_and_criteria_documents_are_read() {
        FilterCriteria either = FilterCriteria.parse(List.of("{\"eventName\": [\"REMOVE\"]}",
                "{\"Filters\": [{\"Pattern\": \"{\\\"dynamodb\\\": {\\\"NewImage\\\": {\\\"vip\\\": {\\\"BOOL\\\": [true]}}}}\"}]}"));
        assertTrue(either.matches(INSERT));
        assertTrue(either.matches(REMOVE));
        assertTrue(FilterCriteria.none().matches(INSERT));
    }

    @Test
    void malformed_patterns_are_refused_with_the_reason() {
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.parse(List.of("{not json")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.parse(List.of("{\"eventName\": \"INSERT\"}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.parse(List.of("{\"eventName\": [{\"wildcard\": \"*\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.parse(List.of("{\"x\": [{\"numeric\": [\">\", \"a\"]}]}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.parse(List.of("{}")));
    }
}
