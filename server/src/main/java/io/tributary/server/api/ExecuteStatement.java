package io.tributary.server.api;

import io.tributary.core.expr.DocumentPath;
import io.tributary.core.ConditionalCheckFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.Operand;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.expr.UpdateExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ChangeOrigin;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.KeyRange;
import io.tributary.core.storage.SortKeyCondition;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ExecuteStatement: PartiQL SELECT, INSERT, UPDATE and DELETE on one table. A SELECT whose WHERE fixes the
 * partition key runs as a Query, any other as a Scan; writes must name the whole primary key.
 */
public final class ExecuteStatement implements Action {
    private final Database db;

    public ExecuteStatement(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.ITEM_WRITE;
    }

    @Override
    public ObjectNode handle(Request request) {
        String statement = request.string("Statement");
        Long limit = request.integer("Limit");
        Constraints c = new Constraints();
        c.notNull(statement, "statement");
        c.range(limit, "limit", 1, Integer.MAX_VALUE);
        c.check();
        PartiqlStatement parsed = PartiqlStatement.parse(statement, parameters(request.array("Parameters")));
        return execute(db, parsed, limit, request.string("NextToken"), Boolean.TRUE.equals(request.bool("ConsistentRead")), request.context());
    }

    static List<AttributeValue> parameters(JsonNode node) {
        List<AttributeValue> out = new ArrayList<>();
        if (node != null) for (JsonNode p : node) out.add(AttributeValueJson.parse(p, 1));
        return out;
    }

    static ObjectNode execute(Database db, PartiqlStatement s, Long limit, String nextToken, boolean consistent, RequestContext context) {
        return switch (s.type()) {
            case SELECT -> select(db, s, limit, nextToken, consistent);
            case INSERT -> insert(db, s, context);
            case UPDATE, DELETE -> modify(db, s, context);
        };
    }

    private static ObjectNode select(Database db, PartiqlStatement s, Long limit, String nextToken, boolean consistent) {
        ReadTarget target = ReadTarget.resolve(db, s.table(), s.index());
        Condition where = s.where() == null ? null : ExpressionParser.parseCondition(s.where(), "FilterExpression", s.attributes());
        ProjectionExpression projection = s.projection() == null ? null : ExpressionParser.parseProjection(s.projection(), s.attributes());
        byte[] start = nextToken == null ? null : target.startKey(decodeToken(nextToken));

        KeyRange range = KeyRange.whole(target.spaceId());
        List<Condition> parts = new ArrayList<>();
        flatten(where, parts);
        AttributeValue partition = equality(parts, target.hashKey());
        if (partition != null) {
            SortKeyCondition sort = null;
            if (target.rangeKey() != null) {
                for (Condition part : parts) {
                    if (mentions(part, target.rangeKey())) {
                        try {
                            sort = KeyConditions.analyse(new Condition.And(keyEquals(target.hashKey(), partition), part),
                                    target.hashKey(), target.rangeKey()).sort();
                            break;
                        } catch (TributaryException notAKeyCondition) {
                            // stays in the filter only
                        }
                    }
                }
            }
            range = KeyRange.partition(target.spaceId(), partition, sort);
        }
        ObjectNode out = Json.object();
        ItemPages.read(db, target, range, true, start, limit, where, item -> projection == null ? item : projection.apply(item), out);
        out.remove("Count");
        out.remove("ScannedCount");
        JsonNode last = out.remove("LastEvaluatedKey");
        if (last != null) out.put("NextToken", Base64.getEncoder().encodeToString(last.toString().getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static ObjectNode insert(Database db, PartiqlStatement s, RequestContext context) {
        TableDefinition table = Tables.itemTarget(db, s.table());
        Map<String, AttributeValue> item = s.item();
        Map<String, AttributeValue> key = PutItem.checkedKey(table, item);
        db.mutate(table, key, ChangeOrigin.client(context.region()), current -> {
            if (current != null) throw new TributaryException("DuplicateItemException", "Duplicate primary key exists in table");
            return item;
        });
        return Json.object();
    }

    private static ObjectNode modify(Database db, PartiqlStatement s, RequestContext context) {
        TableDefinition table = Tables.itemTarget(db, s.table());
        Condition where = ExpressionParser.parseCondition(s.where(), "ConditionExpression", s.attributes());
        UpdateExpression update = s.update() == null ? null : ExpressionParser.parseUpdate(s.update(), s.attributes());
        List<Condition> parts = new ArrayList<>();
        flatten(where, parts);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeyElement k : table.keyElements()) {
            AttributeValue v = equality(parts, k);
            if (v == null) {
                throw TributaryException.validation("Where clause does not contain a mandatory equality on all key attributes");
            }
            key.put(k.name(), v);
        }
        KeyValidation.key(table, key);
        if (update != null) UpdateItem.requireNonKeyTargets(table, update.targets());
        db.mutate(table, key, ChangeOrigin.client(context.region()), current -> {
            if (update != null && current == null) throw new ConditionalCheckFailedException(null);
            if (current != null && !where.test(current)) throw new ConditionalCheckFailedException(null);
            return update == null ? null : UpdateItem.applied(table, update, current, key);
        });
        return Json.object();
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c == null) return;
        if (c instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(c);
        }
    }

    /** The value a top-level {@code key = value} part fixes the key attribute to, or null. */
    private static AttributeValue equality(List<Condition> parts, KeyElement key) {
        for (Condition part : parts) {
            if (part instanceof Condition.Compare c && c.op() == Condition.Comparator.EQ) {
                if (isKey(c.left(), key) && c.right() instanceof Operand.Literal l && l.value().type() == key.type()) return l.value();
                if (isKey(c.right(), key) && c.left() instanceof Operand.Literal l && l.value().type() == key.type()) return l.value();
            }
        }
        return null;
    }

    private static boolean mentions(Condition part, KeyElement key) {
        if (part instanceof Condition.Compare c) return isKey(c.left(), key) || isKey(c.right(), key);
        if (part instanceof Condition.Between b) return isKey(b.value(), key);
        if (part instanceof Condition.BeginsWith b) return isKey(b.value(), key);
        return false;
    }

    private static boolean isKey(Operand o, KeyElement key) {
        return o instanceof Operand.Path p && p.path().length() == 1 && p.path().topLevelName().equals(key.name());
    }

    private static Condition keyEquals(KeyElement key, AttributeValue value) {
        return new Condition.Compare(new Operand.Path(DocumentPath.of(key.name())), Condition.Comparator.EQ,
                new Operand.Literal(value));
    }

    private static Map<String, AttributeValue> decodeToken(String token) {
        try {
            JsonNode node = Json.parseRequest(Base64.getDecoder().decode(token));
            return AttributeValueJson.parseItem(node, "NextToken");
        } catch (IllegalArgumentException | TributaryException e) {
            throw TributaryException.validation("Invalid NextToken");
        }
    }
}
