package io.tributary.core.expr;

import java.util.List;

/** DynamoDB rejects two paths of one expression when one contains the other, or they disagree on a step's kind. */
final class PathOverlap {
    private PathOverlap() {}

    static void check(String kind, List<DocumentPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                DocumentPath a = paths.get(i), b = paths.get(j);
                int common = Math.min(a.length(), b.length());
                boolean prefix = true;
                for (int k = 0; k < common; k++) {
                    PathElement x = a.get(k), y = b.get(k);
                    if (x.equals(y)) continue;
                    prefix = false;
                    if (x.isIndex() != y.isIndex()) {
                        throw Errors.invalid(kind, "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                                + a + ", path two: " + b);
                    }
                    break;
                }
                if (prefix) {
                    throw Errors.invalid(kind, "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                            + a + ", path two: " + b);
                }
            }
        }
    }
}
