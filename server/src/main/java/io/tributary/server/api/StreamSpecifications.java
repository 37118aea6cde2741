package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.StreamSpecification;

import java.util.List;

/** Reading and checking a StreamSpecification member. */
final class StreamSpecifications {
    static final List<String> VIEW_TYPES = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");

    private StreamSpecifications() {}

    /** Null when the member is absent. CreateTable and UpdateTable word the same mistakes differently. */
    static StreamSpecification parse(JsonNode node, boolean creatingTable) {
        if (node == null) return null;
        Boolean enabled = Request.bool(node, "StreamEnabled");
        String view = Request.string(node, "StreamViewType");
        Constraints c = new Constraints();
        c.notNull(enabled, "streamSpecification.streamEnabled");
        c.oneOf(view, "streamSpecification.streamViewType", VIEW_TYPES);
        c.check();
        if (enabled && view == null) {
            throw TributaryException.validation(creatingTable
                    ? "One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required"
                    : "If stream is being enabled then UpdateViewType is required");
        }
        if (!enabled && view != null) {
            throw TributaryException.validation(creatingTable
                    ? "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified"
                    : "One or more parameter values were invalid: StreamViewType can only be specified when StreamEnabled is true");
        }
        return enabled ? new StreamSpecification(true, view) : StreamSpecification.DISABLED;
    }
}
