package io.tributary.core.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; an unknown character is a syntax error shaped like AWS's. */
final class Lexer {
    private Lexer() {}

    static List<Token> tokenize(String src, String kind) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int start = i;
            Token.Kind k;
            switch (c) {
                case '(' -> { k = Token.Kind.LPAREN; i++; }
                case ')' -> { k = Token.Kind.RPAREN; i++; }
                case '[' -> { k = Token.Kind.LBRACKET; i++; }
                case ']' -> { k = Token.Kind.RBRACKET; i++; }
                case ',' -> { k = Token.Kind.COMMA; i++; }
                case '.' -> { k = Token.Kind.DOT; i++; }
                case '+' -> { k = Token.Kind.PLUS; i++; }
                case '-' -> { k = Token.Kind.MINUS; i++; }
                case '=' -> { k = Token.Kind.EQ; i++; }
                case '<' -> {
                    i++;
                    if (i < n && src.charAt(i) == '=') { k = Token.Kind.LE; i++; }
                    else if (i < n && src.charAt(i) == '>') { k = Token.Kind.NE; i++; }
                    else k = Token.Kind.LT;
                }
                case '>' -> {
                    i++;
                    if (i < n && src.charAt(i) == '=') { k = Token.Kind.GE; i++; }
                    else k = Token.Kind.GT;
                }
                case '#', ':' -> {
                    i++;
                    while (i < n && isWordChar(src.charAt(i))) i++;
                    if (i == start + 1) throw syntaxError(kind, src, out, src.substring(start, start + 1), start, start + 1);
                    k = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
                }
                default -> {
                    if (c >= '0' && c <= '9') {
                        while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') i++;
                        k = Token.Kind.NUMBER;
                    } else if (isLetter(c)) {
                        while (i < n && isWordChar(src.charAt(i))) i++;
                        k = Token.Kind.IDENTIFIER;
                    } else {
                        throw syntaxError(kind, src, out, String.valueOf(c), start, start + 1);
                    }
                }
            }
            out.add(new Token(k, src.substring(start, i), start, i));
        }
        out.add(new Token(Token.Kind.EOF, "", n, n));
        return out;
    }

    /** An unquoted name or a function name starts with a letter, as in DynamoDB. */
    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static RuntimeException syntaxError(String kind, String src, List<Token> before, String token, int start, int end) {
        int nearStart = before.isEmpty() ? start : before.get(before.size() - 1).start();
        return Errors.invalid(kind, "Syntax error; token: \"" + token + "\", near: \"" + src.substring(nearStart, end) + "\"");
    }
}
