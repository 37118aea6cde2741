package io.tributary.core.model;

/** A table's stream setting; {@code viewType} is null when the stream is disabled. */
public record StreamSpecification(boolean enabled, String viewType) {
    public static final StreamSpecification DISABLED = new StreamSpecification(false, null);
}
