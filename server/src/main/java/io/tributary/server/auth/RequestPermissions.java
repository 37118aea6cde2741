package io.tributary.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.server.api.PartiqlTargets;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request needs of the caller's key: each table it touches, with the permission that touch takes.
 * A request that names no table (ListTables, DescribeLimits, DescribeEndpoints, ListStreams of every table)
 * needs only a valid key. A table the request cannot be read for is left to the action, which refuses it.
 */
public final class RequestPermissions {
    private static final Pattern ARN_TABLE = Pattern.compile("^arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table/([^/|]+)");

    /** One table a request touches, and how. */
    public record Need(Permission permission, String table) {}

    private RequestPermissions() {}

    public static List<Need> of(String operation, JsonNode body) {
        List<Need> needs = new ArrayList<>();
        switch (operation) {
            case "GetItem", "Query", "Scan", "DescribeTable", "DescribeTimeToLive", "DescribeContinuousBackups" ->
                    add(needs, Permission.READ, text(body, "TableName"));
            case "PutItem", "UpdateItem", "DeleteItem", "CreateTable", "DeleteTable", "UpdateTable", "UpdateTimeToLive" ->
                    add(needs, Permission.WRITE, text(body, "TableName"));
            case "BatchGetItem" -> requestItems(needs, Permission.READ, body);
            case "BatchWriteItem" -> requestItems(needs, Permission.WRITE, body);
            case "TransactGetItems", "TransactWriteItems" -> transactItems(needs, body);
            case "ListTagsOfResource" -> add(needs, Permission.READ, arnTable(text(body, "ResourceArn")));
            case "TagResource", "UntagResource" -> add(needs, Permission.WRITE, arnTable(text(body, "ResourceArn")));
            case "ListStreams" -> add(needs, Permission.STREAM, text(body, "TableName"));
            case "DescribeStream", "GetShardIterator" -> add(needs, Permission.STREAM, arnTable(text(body, "StreamArn")));
            case "GetRecords" -> add(needs, Permission.STREAM, arnTable(text(body, "ShardIterator")));
            case "ExecuteStatement" -> statement(needs, body);
            case "BatchExecuteStatement" -> {
                for (JsonNode s : body.path("Statements")) statement(needs, s);
            }
            default -> { }
        }
        return needs;
    }

    private static void requestItems(List<Need> needs, Permission p, JsonNode body) {
        Iterator<String> tables = body.path("RequestItems").fieldNames();
        while (tables.hasNext()) add(needs, p, tables.next());
    }

    private static void transactItems(List<Need> needs, JsonNode body) {
        for (JsonNode item : body.path("TransactItems")) {
            Iterator<Map.Entry<String, JsonNode>> kinds = item.fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                Permission p = kind.getKey().equals("Get") || kind.getKey().equals("ConditionCheck") ? Permission.READ : Permission.WRITE;
                add(needs, p, text(kind.getValue(), "TableName"));
            }
        }
    }

    private static void statement(List<Need> needs, JsonNode request) {
        try {
            PartiqlTargets.Target t = PartiqlTargets.of(text(request, "Statement"), request.path("Parameters").size());
            if (t != null) add(needs, t.reads() ? Permission.READ : Permission.WRITE, t.table());
        } catch (TributaryException unparsable) {
            // the action refuses the statement for the same reason, touching nothing
        }
    }

    private static String arnTable(String arn) {
        if (arn == null) return null;
        Matcher m = ARN_TABLE.matcher(arn);
        return m.find() ? m.group(1) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static void add(List<Need> needs, Permission p, String table) {
        if (table != null) needs.add(new Need(p, table));
    }
}
