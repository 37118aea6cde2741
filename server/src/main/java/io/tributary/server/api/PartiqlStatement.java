package io.tributary.server.api;

import io.tributary.core.model.AttributeType;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Numbers;
import io.tributary.server.api.PartiqlLexer.Kind;
import io.tributary.server.api.PartiqlLexer.Token;

import io.tributary.server.json.AttributeValueJson;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed PartiQL statement for one table. Its WHERE, SET and projection clauses are rewritten into
 * DynamoDB's expression language (names and values as placeholders), so they are checked and evaluated
 * by the same code as the expressions of the other calls.
 */
record PartiqlStatement(Type type, String table, String index, String projection, String where, String update,
                        Map<String, AttributeValue> item, ExpressionAttributes attributes) {

    enum Type { SELECT, INSERT, UPDATE, DELETE }

    private static final Set<String> PASS_THROUGH = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");

    static PartiqlStatement parse(String text, List<AttributeValue> parameters) {
        return new Parser(PartiqlLexer.tokens(text), parameters).statement();
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final List<AttributeValue> parameters;
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, AttributeValue> values = new LinkedHashMap<>();
        private int valueDepth;
        private int pos;
        private int nextParameter;

        Parser(List<Token> tokens, List<AttributeValue> parameters) {
            this.tokens = tokens;
            this.parameters = parameters;
        }

        PartiqlStatement statement() {
            Token first = next();
            PartiqlStatement s;
            if (first.is("SELECT")) s = select();
            else if (first.is("INSERT")) s = insert();
            else if (first.is("UPDATE")) s = update();
            else if (first.is("DELETE")) s = delete();
            else throw PartiqlLexer.malformed("unsupported statement " + first.text());
            if (peek().is(";")) pos++;
            if (peek().kind() != Kind.EOF) throw PartiqlLexer.malformed("unexpected " + peek().text());
            if (nextParameter != parameters.size()) {
                throw TributaryException.validation("Number of parameters in request and statement don't match.");
            }
            return s;
        }

        private PartiqlStatement select() {
            String projection = null;
            if (peek().is("*")) {
                pos++;
            } else {
                projection = clause(Set.of("FROM"));
            }
            expectWord("FROM");
            String table = name();
            String index = null;
            if (peek().is(".")) {
                pos++;
                index = name();
            }
            String where = null;
            if (peek().is("WHERE")) {
                pos++;
                where = clause(Set.of());
            }
            return new PartiqlStatement(Type.SELECT, table, index, projection, where, null, null, attributes());
        }

        private PartiqlStatement insert() {
            expectWord("INTO");
            String table = name();
            expectWord("VALUE");
            valueDepth = -1; // the tuple is the item itself, not a level of nesting
            AttributeValue v = value();
            if (v.type() != AttributeType.M) throw PartiqlLexer.malformed("VALUE must be a tuple");
            return new PartiqlStatement(Type.INSERT, table, null, null, null, null, v.m(), attributes());
        }

        private PartiqlStatement update() {
            String table = name();
            // PartiQL repeats SET and REMOVE freely; an update expression has each section once
            List<String> sets = new ArrayList<>(), removes = new ArrayList<>();
            while (peek().is("SET") || peek().is("REMOVE")) {
                boolean set = next().is("SET");
                (set ? sets : removes).add(clause(Set.of("SET", "REMOVE", "WHERE")));
            }
            if (sets.isEmpty() && removes.isEmpty()) throw PartiqlLexer.malformed("UPDATE needs SET or REMOVE");
            StringBuilder update = new StringBuilder();
            if (!sets.isEmpty()) update.append("SET ").append(String.join(", ", sets)).append(' ');
            if (!removes.isEmpty()) update.append("REMOVE ").append(String.join(", ", removes));
            expectWord("WHERE");
            String where = clause(Set.of());
            return new PartiqlStatement(Type.UPDATE, table, null, null, where, update.toString().trim(), null, attributes());
        }

        private PartiqlStatement delete() {
            expectWord("FROM");
            String table = name();
            expectWord("WHERE");
            String where = clause(Set.of());
            return new PartiqlStatement(Type.DELETE, table, null, null, where, null, null, attributes());
        }

        private ExpressionAttributes attributes() {
            return new ExpressionAttributes(names, values);
        }

        /** Rewrites tokens up to one of the {@code stops} (at nesting depth 0) as expression text. */
        private String clause(Set<String> stops) {
            StringBuilder out = new StringBuilder();
            // for each open bracket: true for an IN list (rewritten as parentheses), false for a list index
            Deque<Boolean> brackets = new ArrayDeque<>();
            int depth = 0;
            boolean afterIn = false;
            while (peek().kind() != Kind.EOF && !peek().is(";")) {
                Token t = peek();
                if (depth == 0 && t.kind() == Kind.WORD && stops.contains(t.text().toUpperCase())) break;
                pos++;
                boolean inIndex = !brackets.isEmpty() && !brackets.peek();
                String piece;
                switch (t.kind()) {
                    case NAME -> piece = placeholderName(t.text());
                    case STRING -> piece = placeholderValue(AttributeValue.s(t.text()));
                    case NUMBER -> piece = inIndex ? t.text() : placeholderValue(AttributeValue.n(Numbers.parse(t.text())));
                    case PARAM -> piece = placeholderValue(parameter());
                    case WORD -> {
                        String upper = t.text().toUpperCase();
                        if (peek().is("(") || PASS_THROUGH.contains(upper)) piece = t.text();
                        else if (upper.equals("TRUE") || upper.equals("FALSE")) piece = placeholderValue(AttributeValue.bool(upper.equals("TRUE")));
                        else if (upper.equals("NULL")) piece = placeholderValue(AttributeValue.NULL);
                        else piece = placeholderName(t.text());
                    }
                    default -> {
                        // a bracket opens a path index after a name or index, a list anywhere else ("= [1, 2]")
                        boolean listLiteral = t.is("[") && !afterIn && (out.isEmpty() || endsWith(out, "=") || endsWith(out, ",")
                                || endsWith(out, "(") || endsWith(out, "+") || endsWith(out, "-"));
                        if (t.is("{") || t.is("<<") || listLiteral) {
                            pos--;
                            piece = placeholderValue(value());
                        } else if (t.is("!=")) {
                            piece = "<>";
                        } else if (t.is("[")) {
                            brackets.push(afterIn);
                            depth++;
                            piece = afterIn ? "(" : "[";
                        } else if (t.is("]")) {
                            depth--;
                            piece = !brackets.isEmpty() && brackets.pop() ? ")" : "]";
                        } else {
                            piece = t.text();
                            if (t.is("(")) depth++;
                            if (t.is(")")) depth--;
                        }
                    }
                }
                afterIn = t.is("IN");
                boolean attach = piece.equals(".") || piece.equals("[") || piece.equals("]") || endsWith(out, ".") || endsWith(out, "[");
                if (!out.isEmpty() && !attach) out.append(' ');
                out.append(piece);
            }
            if (out.isEmpty()) throw PartiqlLexer.malformed("empty clause");
            return out.toString();
        }

        private static boolean endsWith(StringBuilder sb, String s) {
            return sb.length() >= s.length() && sb.substring(sb.length() - s.length()).equals(s);
        }

        private String placeholderName(String name) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (e.getValue().equals(name)) return e.getKey();
            }
            String key = "#p" + names.size();
            names.put(key, name);
            return key;
        }

        private String placeholderValue(AttributeValue v) {
            String key = ":p" + values.size();
            values.put(key, v);
            return key;
        }

        private AttributeValue parameter() {
            if (nextParameter >= parameters.size()) {
                throw TributaryException.validation("Number of parameters in request and statement don't match.");
            }
            return parameters.get(nextParameter++);
        }

        /** A PartiQL value: string, number, boolean, null, ?, {tuple}, [list] or <<set>>, nested as deep as an item may be. */
        private AttributeValue value() {
            if (++valueDepth > AttributeValueJson.MAX_DEPTH) throw AttributeValueJson.tooDeep();
            try {
                return valueHere();
            } finally {
                valueDepth--;
            }
        }

        private AttributeValue valueHere() {
            Token t = next();
            switch (t.kind()) {
                case STRING -> { return AttributeValue.s(t.text()); }
                case NUMBER -> { return AttributeValue.n(Numbers.parse(t.text())); }
                case PARAM -> { return parameter(); }
                case WORD -> {
                    if (t.is("TRUE")) return AttributeValue.TRUE;
                    if (t.is("FALSE")) return AttributeValue.FALSE;
                    if (t.is("NULL")) return AttributeValue.NULL;
                    throw PartiqlLexer.malformed("unexpected " + t.text());
                }
                default -> { }
            }
            if (t.is("-") && peek().kind() == Kind.NUMBER) return AttributeValue.n(Numbers.parse("-" + next().text()));
            if (t.is("{")) {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                while (!peek().is("}")) {
                    Token key = next();
                    if (key.kind() != Kind.STRING && key.kind() != Kind.NAME) throw PartiqlLexer.malformed("tuple keys are strings");
                    expect(":");
                    map.put(key.text(), value());
                    if (!peek().is("}")) expect(",");
                }
                pos++;
                return AttributeValue.m(map);
            }
            if (t.is("[")) {
                List<AttributeValue> list = new ArrayList<>();
                while (!peek().is("]")) {
                    list.add(value());
                    if (!peek().is("]")) expect(",");
                }
                pos++;
                return AttributeValue.l(list);
            }
            if (t.is("<<")) {
                List<AttributeValue> members = new ArrayList<>();
                while (!peek().is(">>")) {
                    members.add(value());
                    if (!peek().is(">>")) expect(",");
                }
                pos++;
                return set(members);
            }
            throw PartiqlLexer.malformed("unexpected " + t.text());
        }

        private static AttributeValue set(List<AttributeValue> members) {
            if (members.isEmpty()) throw AwsMessages.invalidParameter("An string set  may not be empty");
            AttributeType type = members.get(0).type();
            for (AttributeValue m : members) {
                if (m.type() != type) throw PartiqlLexer.malformed("set members must share one type");
            }
            return switch (type) {
                case S -> AttributeValue.ss(members.stream().map(AttributeValue::s).distinct().toList());
                case N -> AttributeValue.ns(members.stream().map(AttributeValue::n).distinct().toList());
                case B -> AttributeValue.bs(members.stream().map(AttributeValue::b).distinct().toList());
                default -> throw PartiqlLexer.malformed("sets hold strings, numbers or binaries");
            };
        }

        private String name() {
            Token t = next();
            if (t.kind() != Kind.NAME && t.kind() != Kind.WORD) throw PartiqlLexer.malformed("expected a name, found " + t.text());
            return t.text();
        }

        private void expectWord(String word) {
            if (!next().is(word)) throw PartiqlLexer.malformed("expected " + word);
        }

        private void expect(String punct) {
            if (!next().is(punct)) throw PartiqlLexer.malformed("expected " + punct);
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token next() {
            Token t = tokens.get(pos);
            if (t.kind() != Kind.EOF) pos++;
            return t;
        }
    }
}
