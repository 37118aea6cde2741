package io.tributary.server.api;

import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;

/** Looking tables up, with the two not-found texts DynamoDB uses. */
final class Tables {
    private Tables() {}

    /** For table-level calls: "Requested resource not found: Table: x not found". */
    static TableDefinition describeTarget(Database db, String name) {
        return db.findTable(name).orElseThrow(() ->
                AwsMessages.tableNotFound(name));
    }

    /** For item-level calls: "Requested resource not found". */
    static TableDefinition itemTarget(Database db, String name) {
        return db.findTable(name).orElseThrow(() -> AwsMessages.resourceNotFound());
    }
}
