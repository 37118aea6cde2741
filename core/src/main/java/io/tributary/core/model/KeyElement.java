package io.tributary.core.model;

/** A key attribute: its name and scalar type (S, N or B). */
public record KeyElement(String name, AttributeType type) {}
