package io.tributary.connect.lucene;

/** How an attribute is indexed. */
public enum FieldKind {
    /** Analyzed words, for full-text queries (the default for strings). */
    TEXT,
    /** One exact term, for identifiers, codes and states (the default for key attributes and booleans). */
    KEYWORD,
    /** A number, for exact and range queries such as {@code age:[30 TO 40]} (the default for numbers). */
    NUMBER,
    /** Not indexed; still returned with the item. */
    IGNORE
}
