package io.tributary.core.expr;

/** One lexical token of an expression, with its place in the source for error messages. */
record Token(Kind kind, String text, int start, int end) {
    enum Kind {
        IDENTIFIER, NAME_REF, VALUE_REF, NUMBER,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, EOF
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
