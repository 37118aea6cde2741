package io.tributary.core.expr;

/** One step of a document path: an attribute or map key name, or a list index. */
public record PathElement(String name, int index) {
    public static PathElement name(String name) {
        return new PathElement(name, -1);
    }

    public static PathElement index(int index) {
        return new PathElement(null, index);
    }

    public boolean isIndex() {
        return name == null;
    }

    @Override
    public String toString() {
        return isIndex() ? "[" + index + "]" : name;
    }
}
