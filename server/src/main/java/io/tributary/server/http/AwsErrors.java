package io.tributary.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.ConditionalCheckFailedException;
import io.tributary.core.TransactionCanceledException;
import io.tributary.core.TributaryException;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.util.Set;

/** AWS's error body: the {@code __type} namespace depends on which layer of AWS's stack raises the error. */
final class AwsErrors {
    private static final Set<String> CORAL_SERVICE = Set.of("SerializationException", "UnknownOperationException",
            "MissingAuthenticationTokenException", "IncompleteSignatureException", "AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "RequestTimeoutException");

    private AwsErrors() {}

    static ObjectNode body(TributaryException e) {
        ObjectNode body = Json.object();
        body.put("__type", namespace(e.errorCode()) + "#" + e.errorCode());
        body.put("message", e.getMessage());
        if (e instanceof ConditionalCheckFailedException ccf && ccf.item() != null) {
            body.set("Item", AttributeValueJson.writeItem(ccf.item()));
        }
        if (e instanceof TransactionCanceledException tce) {
            ArrayNode reasons = body.putArray("CancellationReasons");
            for (TransactionCanceledException.Reason r : tce.reasons()) {
                ObjectNode reason = reasons.addObject();
                reason.put("Code", r.code());
                if (r.message() != null) reason.put("Message", r.message());
                if (r.item() != null) reason.set("Item", AttributeValueJson.writeItem(r.item()));
            }
        }
        return body;
    }

    static ObjectNode internal() {
        ObjectNode body = Json.object();
        body.put("__type", "com.amazonaws.dynamodb.v20120810#InternalServerError");
        body.put("message", "Internal server error");
        return body;
    }

    private static String namespace(String code) {
        if (code.equals("ValidationException")) return "com.amazon.coral.validate";
        if (CORAL_SERVICE.contains(code)) return "com.amazon.coral.service";
        if (code.equals("ThrottlingException")) return "com.amazon.coral.availability";
        return "com.amazonaws.dynamodb.v20120810";
    }
}
