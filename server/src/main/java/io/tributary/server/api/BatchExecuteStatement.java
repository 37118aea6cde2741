package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/**
 * BatchExecuteStatement: up to 25 PartiQL statements, each answered on its own: a failed statement
 * reports its error in its place and does not stop the others.
 */
public final class BatchExecuteStatement implements Action {
    static final int MAX_STATEMENTS = 25;
    private final Database db;

    public BatchExecuteStatement(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.ITEM_WRITE;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode statements = request.array("Statements");
        Constraints c = new Constraints();
        c.notNull(statements, "statements");
        if (statements != null && (statements.isEmpty() || statements.size() > MAX_STATEMENTS)) {
            c.fail("[" + statements.size() + " statements]", "statements", statements.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 25");
        }
        c.check();
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        for (JsonNode s : statements) {
            ObjectNode response = responses.addObject();
            try {
                String text = Request.string(s, "Statement");
                new Constraints().notNull(text, "statements.member.statement").check();
                PartiqlStatement statement = PartiqlStatement.parse(text, ExecuteStatement.parameters(Request.array(s, "Parameters")));
                response.put("TableName", statement.table());
                ObjectNode result = ExecuteStatement.execute(db, statement, null, null,
                        Boolean.TRUE.equals(Request.bool(s, "ConsistentRead")), request.context());
                JsonNode items = result.get("Items");
                if (items != null && !items.isEmpty()) response.set("Item", items.get(0));
            } catch (TributaryException e) {
                String code = e.errorCode().endsWith("Exception") ? e.errorCode().substring(0, e.errorCode().length() - "Exception".length())
                        : e.errorCode();
                response.putObject("Error").put("Code", code).put("Message", e.getMessage());
            }
        }
        return out;
    }
}
