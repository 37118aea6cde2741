package io.tributary.server.auth;

/**
 * Who sent a request, as its signature says: the access key, the region it signed for (which names the ARNs
 * it sees), and, when keys are verified, the key's permissions (null: any credentials, all allowed).
 */
public record Caller(String accessKey, String region, AccessKey verified) {}
