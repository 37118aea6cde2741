package io.tributary.server.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The PartiQL parser with any statement text: a statement, or a ValidationException saying why not. */
class PartiqlFuzzTest {
    static final List<AttributeValue> PARAMETERS = List.of(AttributeValue.s("p"), AttributeValue.n(7));

    @FuzzTest(maxDuration = "25s")
    void statements_parse_or_are_refused(byte[] data) {
        try {
            PartiqlStatement.parse(new String(data, StandardCharsets.UTF_8), PARAMETERS);
        } catch (TributaryException refused) {
            if (!refused.errorCode().equals("ValidationException")) throw refused;
        }
    }
}
