package io.tributary.server.auth;

import io.tributary.core.TributaryException;

/**
 * The parts of a SigV4 Authorization header that matter here: like DynamoDB Local, any credentials are
 * accepted, but the request must be signed, and the signing region names the ARNs the client sees.
 */
record OpenSignature(String accessKey, String region) {
    private static final String SCHEME = "AWS4-HMAC-SHA256";

    static OpenSignature parse(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new TributaryException("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        if (!authorization.startsWith(SCHEME)) {
            throw new TributaryException("IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        int at = authorization.indexOf("Credential=");
        if (at < 0) throw incomplete(authorization);
        int end = authorization.indexOf(',', at);
        String credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end).trim();
        String[] parts = credential.split("/");
        if (parts.length != 5) throw incomplete(authorization);
        return new OpenSignature(parts[0], parts[2]);
    }

    private static TributaryException incomplete(String header) {
        return new TributaryException("IncompleteSignatureException",
                "Authorization header requires 'Credential' parameter. Authorization=" + header);
    }
}
