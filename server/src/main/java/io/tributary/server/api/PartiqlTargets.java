package io.tributary.server.api;

import io.tributary.core.model.AttributeValue;

import java.util.Collections;

/** The table a PartiQL statement touches and whether it only reads, for deciding who may run it. */
public final class PartiqlTargets {
    public record Target(String table, boolean reads) {}

    private PartiqlTargets() {}

    /** The statement's table, parsed as its action parses it; null without a statement. */
    public static Target of(String statement, int parameterCount) {
        if (statement == null) return null;
        PartiqlStatement s = PartiqlStatement.parse(statement, Collections.nCopies(parameterCount, AttributeValue.NULL));
        return new Target(s.table(), s.type() == PartiqlStatement.Type.SELECT);
    }
}
