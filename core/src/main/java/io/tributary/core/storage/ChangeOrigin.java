package io.tributary.core.storage;

/** Who made a change, as its stream record tells: the region the client signed for, or the TTL sweeper. */
public record ChangeOrigin(String region, boolean byTtl) {
    public static ChangeOrigin client(String region) {
        return new ChangeOrigin(region, false);
    }
}
