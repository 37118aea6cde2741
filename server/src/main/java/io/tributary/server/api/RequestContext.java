package io.tributary.server.api;

/** Who asked and where: the region the client signed for names the ARNs it sees; {@code host} is the Host header. */
public record RequestContext(String region, String accessKey, String requestId, String host) {
    public static final String ACCOUNT_ID = "000000000000";
}
