package io.tributary.core.model;

/** The ten DynamoDB data types, named by their wire descriptors. */
public enum AttributeType {
    S, N, B, BOOL, NULL, M, L, SS, NS, BS;

    public boolean isSet() {
        return this == SS || this == NS || this == BS;
    }

    public boolean isScalarKeyType() {
        return this == S || this == N || this == B;
    }
}
