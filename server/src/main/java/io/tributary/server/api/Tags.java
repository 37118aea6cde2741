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
    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/([a-zA-Z0-9_.-]{3,255})");

    private Tags() {}

    static Map<String, String> parse(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list == null) return tags;
        for (JsonNode t : list) {
            String key = Request.string(t, "Key");
            String value = Request.string(t, "Value");
            Constraints c = new Constraints();
            c.notNull(key, "tags.member.key");
            c.notNull(value, "tags.member.value");
            if (key != null && (key.isEmpty() || key.length() > 128)) {
                c.fail(key, "tags.member.key", key.isEmpty() ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 128");
            }
            if (value != null && value.length() > 256) c.fail(value, "tags.member.value", "Member must have length less than or equal to 256");
            c.check();
            if (key.startsWith("aws:")) {
                throw TributaryException.validation("One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for system use");
            }
            tags.put(key, value);
        }
        return tags;
    }

    static void checkCount(int count) {
        if (count > MAX_TAGS) {
            throw new TributaryException("LimitExceededException", "The number of tags exceeds the limit of " + MAX_TAGS + " per resource");
        }
    }

    /** The table behind a resource ARN of this server. */
    static TableDefinition table(Database db, String arn) {
        new Constraints().notNull(arn, "resourceArn").check();
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) throw TributaryException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        return db.findTable(m.group(1)).orElseThrow(() ->
                TributaryException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found"));
    }
}
