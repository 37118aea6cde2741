package io.tributary.server.api;

import io.tributary.core.storage.ReadSnapshot;

/**
 * Who asked and where: the region the client signed for names the ARNs it sees; {@code host} is the Host header;
 * {@code snapshot}, when not null, is the read snapshot a Scan reads at (Tributary's extension, see
 * {@code SnapshotScan}).
 */
public record RequestContext(String region, String accessKey, String requestId, String host, ReadSnapshot snapshot) {
    public static final String ACCOUNT_ID = "000000000000";
}
