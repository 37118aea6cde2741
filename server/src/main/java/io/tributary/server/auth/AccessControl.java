package io.tributary.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.tributary.core.TributaryException;
import io.tributary.server.api.RequestContext;

import java.time.Clock;
import java.util.Map;

/**
 * Who may do what. Open (the default, what a local database is expected to be): any credentials, only the
 * request's signing scope is read. Verified (a credentials file given): every request's SigV4 signature is
 * checked and each table it touches must be allowed to its key.
 */
public final class AccessControl {
    private final SigV4Verifier verifier;

    private AccessControl(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    public static AccessControl open() {
        return new AccessControl(null);
    }

    public static AccessControl verified(Map<String, AccessKey> keys) {
        return new AccessControl(new SigV4Verifier(keys, Clock.systemUTC()));
    }

    public boolean verifies() {
        return verifier != null;
    }

    /** The caller of a request as received (its body before any Content-Encoding is undone). */
    public Caller admit(String method, String uri, HttpHeaders headers, byte[] rawBody) {
        if (verifier != null) return verifier.verify(method, uri, headers, rawBody);
        OpenSignature s = OpenSignature.parse(headers.get("Authorization"));
        return new Caller(s.accessKey(), s.region(), null);
    }

    /** Refuses, as AWS's IAM would, a request touching a table its key may not. */
    public void authorize(Caller caller, String operation, JsonNode body) {
        if (caller.verified() == null) return;
        for (RequestPermissions.Need need : RequestPermissions.of(operation, body)) {
            if (!caller.verified().allows(need.permission(), need.table())) {
                throw new TributaryException("AccessDeniedException", "User: arn:aws:iam::" + RequestContext.ACCOUNT_ID + ":user/"
                        + caller.accessKey() + " is not authorized to perform: dynamodb:" + operation + " on resource: arn:aws:dynamodb:"
                        + caller.region() + ":" + RequestContext.ACCOUNT_ID + ":table/" + need.table()
                        + " because no identity-based policy allows the dynamodb:" + operation + " action");
            }
        }
    }
}
