package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects parameter constraint violations and reports them the way DynamoDB's request validation does:
 * "2 validation errors detected: Value ... at 'tableName' failed to satisfy constraint: ...; ...".
 */
public final class Constraints {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private final List<String> errors = new ArrayList<>();

    public Constraints notNull(Object value, String member) {
        if (value == null) fail(null, member, "Member must not be null");
        return this;
    }

    public Constraints tableName(String value, String member) {
        if (value == null) {
            fail(null, member, "Member must not be null");
            return this;
        }
        if (value.length() < 3) fail(value, member, "Member must have length greater than or equal to 3");
        if (value.length() > 255) fail(value, member, "Member must have length less than or equal to 255");
        if (!TABLE_NAME.matcher(value).matches()) {
            fail(value, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return this;
    }

    public Constraints range(Long value, String member, long min, long max) {
        if (value == null) return this;
        if (value < min) fail(value, member, "Member must have value greater than or equal to " + min);
        if (value > max) fail(value, member, "Member must have value less than or equal to " + max);
        return this;
    }

    /** A ShardId member: 28 to 65 characters, as the Streams API's model says. */
    public Constraints shardId(String value, String member) {
        if (value == null) return this;
        if (value.length() < 28) fail(value, member, "Member must have length greater than or equal to 28");
        if (value.length() > 65) fail(value, member, "Member must have length less than or equal to 65");
        return this;
    }

    /** AttributeDefinitions: each a name of 1 to 255 characters and a type of B, N or S. */
    public Constraints attributeDefinitions(JsonNode definitions, String member) {
        if (definitions == null) return this;
        for (int i = 0; i < definitions.size(); i++) {
            String at = member + "." + (i + 1) + ".member.";
            keyAttributeName(Request.string(definitions.get(i), "AttributeName"), at + "attributeName");
            String type = Request.string(definitions.get(i), "AttributeType");
            notNull(type, at + "attributeType");
            oneOf(type, at + "attributeType", List.of("B", "N", "S"));
        }
        return this;
    }

    /** A KeySchema: one or two elements, each a name of 1 to 255 characters and a key type of HASH or RANGE. */
    public Constraints keySchema(JsonNode keySchema, String member) {
        if (keySchema == null) return this;
        if (keySchema.isEmpty()) fail("[]", member, "Member must have length greater than or equal to 1");
        if (keySchema.size() > 2) fail(keySchema, member, "Member must have length less than or equal to 2");
        for (int i = 0; i < keySchema.size(); i++) {
            String at = member + "." + (i + 1) + ".member.";
            keyAttributeName(Request.string(keySchema.get(i), "AttributeName"), at + "attributeName");
            String type = Request.string(keySchema.get(i), "KeyType");
            notNull(type, at + "keyType");
            oneOf(type, at + "keyType", List.of("HASH", "RANGE"));
        }
        return this;
    }

    private void keyAttributeName(String name, String member) {
        notNull(name, member);
        if (name == null) return;
        if (name.isEmpty()) fail(name, member, "Member must have length greater than or equal to 1");
        if (name.length() > 255) fail(name, member, "Member must have length less than or equal to 255");
    }

    public Constraints oneOf(String value, String member, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(value, member, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    public Constraints length(Collection<?> value, String member, int min, int max) {
        if (value == null) return this;
        if (value.size() < min) fail(value, member, "Member must have length greater than or equal to " + min);
        if (value.size() > max) fail(value, member, "Member must have length less than or equal to " + max);
        return this;
    }

    public void fail(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        errors.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    public void check() {
        if (errors.isEmpty()) return;
        String head = errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: ";
        throw TributaryException.validation(head + String.join("; ", errors));
    }
}
