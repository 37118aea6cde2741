package io.tributary.server.api;

import io.tributary.core.TributaryException;

import java.util.ArrayList;
import java.util.List;

/** Splits a PartiQL statement into tokens: words, "quoted names", 'strings', numbers, ? and punctuation. */
final class PartiqlLexer {
    enum Kind { WORD, NAME, STRING, NUMBER, PARAM, PUNCT, EOF }

    record Token(Kind kind, String text) {
        boolean is(String word) {
            return (kind == Kind.WORD && text.equalsIgnoreCase(word)) || (kind == Kind.PUNCT && text.equals(word));
        }
    }

    private static final List<String> PUNCTUATION = List.of("<<", ">>", "<=", ">=", "<>", "!=", "(", ")", "[", "]", "{", "}",
            ",", ".", ":", "=", "<", ">", "+", "-", "*", ";");

    private PartiqlLexer() {}

    static List<Token> tokens(String statement) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) throw malformed("unterminated " + (c == '\'' ? "string" : "quoted identifier"));
                    char d = statement.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && statement.charAt(j + 1) == c) {
                            sb.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.NAME, sb.toString()));
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isDigit(statement.charAt(j)) || statement.charAt(j) == '.')) j++;
                if (j < n && (statement.charAt(j) == 'e' || statement.charAt(j) == 'E')) {
                    j++;
                    if (j < n && (statement.charAt(j) == '+' || statement.charAt(j) == '-')) j++;
                    while (j < n && Character.isDigit(statement.charAt(j))) j++;
                }
                out.add(new Token(Kind.NUMBER, statement.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(statement.charAt(j)) || statement.charAt(j) == '_')) j++;
                out.add(new Token(Kind.WORD, statement.substring(i, j)));
                i = j;
            } else if (c == '?') {
                out.add(new Token(Kind.PARAM, "?"));
                i++;
            } else {
                String p = null;
                for (String candidate : PUNCTUATION) {
                    if (statement.startsWith(candidate, i)) {
                        p = candidate;
                        break;
                    }
                }
                if (p == null) throw malformed("unexpected character " + c);
                out.add(new Token(Kind.PUNCT, p));
                i += p.length();
            }
        }
        out.add(new Token(Kind.EOF, ""));
        return out;
    }

    static TributaryException malformed(String detail) {
        return TributaryException.validation("Statement wasn't well formed, can't be processed: " + detail);
    }
}
