package io.tributary.core.model;

/** A table's TTL setting: the epoch-seconds attribute, and whether expiry is on. */
public record TimeToLive(String attributeName, boolean enabled) {
    public static final TimeToLive DISABLED = new TimeToLive(null, false);
}
