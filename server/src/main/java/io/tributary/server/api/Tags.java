package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tag lists as the tagging calls and CreateTable take them, and the table a resource ARN names. */
final class Tags {
    static final int MAX_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/([a-zA-Z0-9_.-]{3,255})");

    private Tags() {}

    static Map<String, String> parse(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list == null) return tags;
        Constraints c = new Constraints();
        if (list.size() > MAX_TAGS) c.fail(list, "tags", "Member must have length less than or equal to " + MAX_TAGS);
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String key = Request.string(t, "Key");
            String value = Request.string(t, "Value");
            String at = "tags." + (i + 1) + ".member.";
            c.notNull(key, at + "key");
            c.notNull(value, at + "value");
            if (key != null && (key.isEmpty() || key.length() > 128)) {
                c.fail(key, at + "key", key.isEmpty() ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 128");
            }
            if (key != null && !ALLOWED.matcher(key).matches()) c.fail(key, at + "key", "Member must satisfy regular expression pattern: " + ALLOWED);
            if (value != null && value.length() > 256) c.fail(value, at + "value", "Member must have length less than or equal to 256");
            if (value != null && !ALLOWED.matcher(value).matches()) {
                c.fail(value, at + "value", "Member must satisfy regular expression pattern: " + ALLOWED);
            }
        }
        c.check();
        for (JsonNode t : list) {
            String key = Request.string(t, "Key");
            String value = Request.string(t, "Value");
            if (key.startsWith("aws:")) {
                throw AwsMessages.invalidParameter("Tag keys starting with 'aws:' are reserved for system use");
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** A table holds at most 50 tags, counting those it had before a TagResource. */
    static void checkCount(int count) {
        if (count > MAX_TAGS) {
            throw AwsMessages.invalidParameter("The number of tags exceeds the limit of "
                    + MAX_TAGS + " per resource");
        }
    }

    /** The table name a resource ARN names, or AWS's refusal of the ARN. */
    static String tableName(String arn) {
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) throw TributaryException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        return m.group(1);
    }

    /** The table behind a resource ARN of this server. */
    static TableDefinition table(Database db, String arn) {
        new Constraints().notNull(arn, "resourceArn").check();
        return db.findTable(tableName(arn)).orElseThrow(() ->
                AwsMessages.resourceArnNotFound(arn));
    }
}
