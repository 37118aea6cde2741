package io.tributary.server.api;

import io.tributary.core.expr.DocumentPath;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemMutation;

import java.util.List;
import java.util.Map;

/**
 * A validated single-item write, ready to run alone or inside a transaction; {@code targets} are the
 * paths an update touches (for UPDATED_OLD and UPDATED_NEW).
 */
record PlannedWrite(TableDefinition table, Map<String, AttributeValue> key, ItemMutation mutation, List<DocumentPath> targets) {
    Database.Write write() {
        return new Database.Write(table, key, mutation);
    }
}
