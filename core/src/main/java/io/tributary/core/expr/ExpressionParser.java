package io.tributary.core.expr;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for DynamoDB's condition, update and projection expressions. Precedence,
 * lowest first: OR, AND, NOT, then comparisons, BETWEEN, IN and functions; parentheses group.
 */
public final class ExpressionParser {
    private static final int MAX_EXPRESSION_LENGTH = 4096;
    private static final int MAX_OPERATORS = 300;
    // Bounds the parser's recursion; real expressions are limited by MAX_OPERATORS long before this.
    private static final int MAX_NESTING = 300;
    private static final java.util.Set<AttributeType> SIZED = java.util.EnumSet.of(AttributeType.S, AttributeType.B,
            AttributeType.SS, AttributeType.NS, AttributeType.BS, AttributeType.L, AttributeType.M);

    private final String source;
    private final String kind;
    private final ExpressionAttributes attributes;
    private final List<Token> tokens;
    private int pos;
    private int operators;
    private int depth;

    private ExpressionParser(String source, String kind, ExpressionAttributes attributes) {
        if (source.isBlank()) throw Errors.invalid(kind, "The expression can not be empty;");
        if (source.length() > MAX_EXPRESSION_LENGTH) {
            throw Errors.invalid(kind, "Expression size has exceeded the maximum allowed size; expression size: " + source.length());
        }
        this.source = source;
        this.kind = kind;
        this.attributes = attributes;
        this.tokens = Lexer.tokenize(source, kind);
    }

    /** Parses a ConditionExpression or FilterExpression; {@code kind} names it in error messages. */
    public static Condition parseCondition(String text, String kind, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, kind, attributes);
        Condition c = p.orCondition();
        p.expectEnd();
        return c;
    }

    public static UpdateExpression parseUpdate(String text, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, "UpdateExpression", attributes);
        UpdateExpression u = p.update();
        p.expectEnd();
        return u;
    }

    public static ProjectionExpression parseProjection(String text, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, "ProjectionExpression", attributes);
        List<DocumentPath> paths = new ArrayList<>();
        paths.add(p.path());
        while (p.accept(Token.Kind.COMMA)) paths.add(p.path());
        p.expectEnd();
        PathOverlap.check("ProjectionExpression", paths);
        return new ProjectionExpression(paths);
    }

    // ---- conditions ----

    private Condition orCondition() {
        Condition left = andCondition();
        while (peek().isKeyword("OR")) {
            pos++;
            countOperator();
            left = new Condition.Or(left, andCondition());
        }
        return left;
    }

    private Condition andCondition() {
        Condition left = notCondition();
        while (peek().isKeyword("AND")) {
            pos++;
            countOperator();
            left = new Condition.And(left, notCondition());
        }
        return left;
    }

    private Condition notCondition() {
        if (peek().isKeyword("NOT")) {
            pos++;
            countOperator();
            return new Condition.Not(notCondition());
        }
        return primaryCondition();
    }

    private Condition primaryCondition() {
        if (accept(Token.Kind.LPAREN)) {
            if (peek().kind() == Token.Kind.LPAREN) {
                int close = matchingParen(pos);
                if (tokens.get(close).kind() == Token.Kind.EOF) throw syntaxError(tokens.get(close));
                if (tokens.get(close + 1).kind() == Token.Kind.RPAREN) throw Errors.invalid(kind, "The expression has redundant parentheses;");
            }
            if (++depth > MAX_NESTING) {
                throw Errors.invalid(kind, "The expression has too many nested parentheses; nesting levels: " + depth);
            }
            Condition inner = orCondition();
            expect(Token.Kind.RPAREN);
            depth--;
            return inner;
        }
        if (isFunctionCall() && !peek().text().equals("size")) return booleanFunction();
        Operand left = conditionOperand();
        Token t = peek();
        Condition.Comparator comparator = comparator(t.kind());
        if (comparator != null) {
            pos++;
            countOperator();
            Operand right = conditionOperand();
            requireDistinct(comparator.symbol, left, List.of(right));
            if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
                requireOrderable(left, comparator.symbol);
                requireOrderable(right, comparator.symbol);
            }
            return new Condition.Compare(left, comparator, right);
        }
        if (t.isKeyword("BETWEEN")) {
            pos++;
            countOperator();
            Operand low = conditionOperand();
            expectKeyword("AND");
            Operand high = conditionOperand();
            requireDistinct("BETWEEN", left, List.of(low, high));
            requireOrderable(left, "BETWEEN");
            requireOrderable(low, "BETWEEN");
            requireOrderable(high, "BETWEEN");
            if (low instanceof Operand.Literal l && high instanceof Operand.Literal h) {
                Integer c = Condition.compare(l.value(), h.value());
                if (c == null || c > 0) {
                    throw Errors.invalid(kind, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                            + "lower bound operand: AttributeValue: " + describe(l.value())
                            + ", upper bound operand: AttributeValue: " + describe(h.value()));
                }
            }
            return new Condition.Between(left, low, high);
        }
        if (t.isKeyword("IN")) {
            pos++;
            countOperator();
            expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(conditionOperand());
            while (accept(Token.Kind.COMMA)) candidates.add(conditionOperand());
            expect(Token.Kind.RPAREN);
            if (candidates.size() > 100) throw Errors.operandCount(kind, "IN", candidates.size() + 1);
            requireDistinct("IN", left, candidates);
            return new Condition.In(left, candidates);
        }
        if (left instanceof Operand.Size) {
            throw Errors.invalid(kind, "The function is not allowed to be used this way in an expression; function: size");
        }
        throw syntaxError(t);
    }

    private Condition booleanFunction() {
        Token nameToken = next();
        String name = nameToken.text();
        countOperator();
        expect(Token.Kind.LPAREN);
        List<Operand> args = new ArrayList<>();
        if (peek().kind() != Token.Kind.RPAREN) {
            args.add(conditionOperand());
            while (accept(Token.Kind.COMMA)) args.add(conditionOperand());
        }
        expect(Token.Kind.RPAREN);
        Condition result = switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                requireArgs(name, args, 1);
                yield new Condition.Exists(requirePath(name, args.get(0)), name.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                requireArgs(name, args, 2);
                if (args.get(0) instanceof Operand.Size) {
                    throw Errors.invalid(kind, "Operator or function requires a document path; operator or function: " + name);
                }
                if (!(args.get(1) instanceof Operand.Literal lit) || lit.value().type() != AttributeType.S) {
                    throw Errors.operandType(kind, name, typeName(args.get(1)));
                }
                AttributeType type;
                try {
                    type = AttributeType.valueOf(lit.value().s());
                } catch (IllegalArgumentException e) {
                    throw Errors.invalid(kind, "Invalid attribute type name found; type: " + lit.value().s()
                            + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
                }
                yield new Condition.HasType(args.get(0), type);
            }
            case "begins_with" -> {
                requireArgs(name, args, 2);
                requireDistinct(name, args.get(0), args.subList(1, 2));
                for (Operand a : args) {
                    if (a instanceof Operand.Literal l && l.value().type() != AttributeType.S && l.value().type() != AttributeType.B) {
                        throw Errors.operandType(kind, name, l.value().type().name());
                    }
                }
                yield new Condition.BeginsWith(args.get(0), args.get(1));
            }
            case "contains" -> {
                requireArgs(name, args, 2);
                requireDistinct(name, args.get(0), args.subList(1, 2));
                yield new Condition.Contains(args.get(0), args.get(1));
            }
            case "if_not_exists", "list_append" ->
                    throw Errors.invalid(kind, "The function is not allowed in a condition expression; function: " + name);
            default -> throw Errors.invalid(kind, "Invalid function name; function: " + name);
        };
        Condition.Comparator after = comparator(peek().kind());
        if (after != null || peek().isKeyword("BETWEEN") || peek().isKeyword("IN")) {
            throw Errors.invalid(kind, "The function is not allowed to be used this way in an expression; function: " + name);
        }
        return result;
    }

    /** An operand of a comparison: a path, a value, or size() of either. */
    private Operand conditionOperand() {
        if (isFunctionCall()) {
            String name = peek().text();
            if (!name.equals("size")) {
                switch (name) {
                    case "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains" ->
                            throw Errors.invalid(kind, "The function is not allowed to be used this way in an expression; function: " + name);
                    case "if_not_exists", "list_append" ->
                            throw Errors.invalid(kind, "The function is not allowed in a condition expression; function: " + name);
                    default -> throw Errors.invalid(kind, "Invalid function name; function: " + name);
                }
            }
            pos += 2;
            countOperator();
            List<Operand> args = new ArrayList<>();
            if (peek().kind() != Token.Kind.RPAREN) {
                args.add(conditionOperand());
                while (accept(Token.Kind.COMMA)) args.add(conditionOperand());
            }
            expect(Token.Kind.RPAREN);
            requireArgs("size", args, 1);
            Operand arg = args.get(0);
            if (arg instanceof Operand.Literal l && !SIZED.contains(l.value().type())) throw Errors.operandType(kind, "size", l.value().type().name());
            if (arg instanceof Operand.Size) throw Errors.operandType(kind, "size", "N");
            return new Operand.Size(arg);
        }
        return simpleOperand();
    }

    // ---- update ----

    private UpdateExpression update() {
        UpdateExpression.Builder b = new UpdateExpression.Builder(kind);
        boolean any = false;
        while (peek().kind() != Token.Kind.EOF) {
            Token section = next();
            String word = section.kind() == Token.Kind.IDENTIFIER ? section.text().toUpperCase(Locale.ROOT) : "";
            switch (word) {
                case "SET" -> {
                    b.beginSection("SET");
                    do {
                        DocumentPath target = path();
                        expect(Token.Kind.EQ);
                        b.set(target, setValue());
                    } while (accept(Token.Kind.COMMA));
                }
                case "REMOVE" -> {
                    b.beginSection("REMOVE");
                    do {
                        b.remove(path());
                    } while (accept(Token.Kind.COMMA));
                }
                case "ADD" -> {
                    b.beginSection("ADD");
                    do {
                        DocumentPath target = path();
                        b.add(target, literalFor("ADD"));
                    } while (accept(Token.Kind.COMMA));
                }
                case "DELETE" -> {
                    b.beginSection("DELETE");
                    do {
                        DocumentPath target = path();
                        b.delete(target, literalFor("DELETE"));
                    } while (accept(Token.Kind.COMMA));
                }
                default -> throw syntaxError(section);
            }
            any = true;
        }
        if (!any) throw syntaxError(peek());
        return b.build();
    }

    private AttributeValue literalFor(String operator) {
        Token t = peek();
        if (t.kind() != Token.Kind.VALUE_REF) throw syntaxError(t);
        pos++;
        AttributeValue v = attributes.value(t.text(), kind);
        boolean ok = operator.equals("ADD") ? v.type() == AttributeType.N || v.type().isSet() : v.type().isSet();
        if (!ok) {
            throw Errors.invalid(kind, "Incorrect operand type for operator or function; operator: " + operator
                    + ", operand type: " + longTypeName(v.type()));
        }
        return v;
    }

    private Operand setValue() {
        Operand left = updateOperand();
        if (peek().kind() == Token.Kind.PLUS || peek().kind() == Token.Kind.MINUS) {
            boolean plus = next().kind() == Token.Kind.PLUS;
            countOperator();
            Operand right = updateOperand();
            String op = plus ? "+" : "-";
            for (Operand o : List.of(left, right)) {
                if (o instanceof Operand.Literal l && l.value().type() != AttributeType.N) {
                    throw Errors.operandType(kind, op, l.value().type().name());
                }
            }
            return new Operand.Arithmetic(left, plus, right);
        }
        return left;
    }

    private Operand updateOperand() {
        if (isFunctionCall()) {
            String name = next().text();
            countOperator();
            pos++; // (
            List<Operand> args = new ArrayList<>();
            if (peek().kind() != Token.Kind.RPAREN) {
                args.add(updateOperand());
                while (accept(Token.Kind.COMMA)) args.add(updateOperand());
            }
            expect(Token.Kind.RPAREN);
            switch (name) {
                case "if_not_exists" -> {
                    requireArgs(name, args, 2);
                    return new Operand.IfNotExists(requirePath(name, args.get(0)), args.get(1));
                }
                case "list_append" -> {
                    requireArgs(name, args, 2);
                    for (Operand o : args) {
                        if (o instanceof Operand.Literal l && l.value().type() != AttributeType.L) {
                            throw Errors.operandType(kind, name, l.value().type().name());
                        }
                    }
                    return new Operand.ListAppend(args.get(0), args.get(1));
                }
                case "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size" ->
                        throw Errors.invalid(kind, "The function is not allowed in an update expression; function: " + name);
                default -> throw Errors.invalid(kind, "Invalid function name; function: " + name);
            }
        }
        return simpleOperand();
    }

    // ---- shared pieces ----

    private Operand simpleOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            pos++;
            return new Operand.Literal(attributes.value(t.text(), kind));
        }
        return new Operand.Path(path());
    }

    private DocumentPath path() {
        List<PathElement> elements = new ArrayList<>();
        elements.add(PathElement.name(pathName()));
        while (true) {
            if (accept(Token.Kind.DOT)) {
                elements.add(PathElement.name(pathName()));
            } else if (accept(Token.Kind.LBRACKET)) {
                Token n = peek();
                if (n.kind() != Token.Kind.NUMBER) throw syntaxError(n);
                pos++;
                int index;
                try {
                    index = Integer.parseInt(n.text());
                } catch (NumberFormatException e) {
                    throw Errors.invalid(kind, "List index is too large; index: " + n.text());
                }
                elements.add(PathElement.index(index));
                expect(Token.Kind.RBRACKET);
            } else {
                break;
            }
        }
        if (elements.size() > 32) {
            throw Errors.invalid(kind, "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new DocumentPath(elements);
    }

    private String pathName() {
        Token t = next();
        switch (t.kind()) {
            case NAME_REF:
                return attributes.name(t.text(), kind);
            case IDENTIFIER:
                if (ReservedWords.contains(t.text())) {
                    throw Errors.invalid(kind, "Attribute name is a reserved keyword; reserved keyword: " + t.text());
                }
                return t.text();
            default:
                throw syntaxError(t);
        }
    }

    /** Every operator and function counts against DynamoDB's limit of 300 in one expression. */
    private void countOperator() {
        if (++operators > MAX_OPERATORS) {
            throw Errors.invalid(kind, "The expression contains too many operators; operator count: " + operators);
        }
    }

    private boolean isFunctionCall() {
        return peek().kind() == Token.Kind.IDENTIFIER && tokens.get(pos + 1).kind() == Token.Kind.LPAREN;
    }

    private void requireArgs(String function, List<Operand> args, int count) {
        if (args.size() != count) throw Errors.operandCount(kind, function, args.size());
    }

    private DocumentPath requirePath(String function, Operand operand) {
        if (operand instanceof Operand.Path p) return p.path();
        throw Errors.invalid(kind, "Operator or function requires a document path; operator or function: " + function);
    }

    private void requireOrderable(Operand o, String operator) {
        if (o instanceof Operand.Literal l && !Condition.isOrderable(l.value())) {
            throw Errors.operandType(kind, operator, l.value().type().name());
        }
    }

    private static Condition.Comparator comparator(Token.Kind k) {
        return switch (k) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.LT;
            case LE -> Condition.Comparator.LE;
            case GT -> Condition.Comparator.GT;
            case GE -> Condition.Comparator.GE;
            default -> null;
        };
    }

    private static String typeName(Operand o) {
        return o instanceof Operand.Literal l ? l.value().type().name() : "PATH";
    }

    static String longTypeName(AttributeType t) {
        return switch (t) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case NULL -> "NULL";
            case M -> "MAP";
            case L -> "LIST";
            case SS -> "STRING_SET";
            case NS -> "NUMBER_SET";
            case BS -> "BINARY_SET";
        };
    }

    private static String describe(AttributeValue v) {
        String text = switch (v.type()) {
            case S -> v.s();
            case N -> io.tributary.core.model.Numbers.format(v.n());
            default -> v.toString();
        };
        return "{" + v.type() + ":" + text + "}";
    }

    /** The index of the parenthesis closing the one at {@code open}, or the EOF token's. */
    private int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token.Kind k = tokens.get(i).kind();
            if (k == Token.Kind.LPAREN) depth++;
            if (k == Token.Kind.RPAREN && --depth == 0) return i;
        }
        return tokens.size() - 1;
    }

    /** contains(a, a), a = a and the like compare a path with itself, which DynamoDB refuses. */
    private void requireDistinct(String operator, Operand first, List<Operand> rest) {
        if (!(first instanceof Operand.Path p)) return;
        for (Operand o : rest) {
            if (o instanceof Operand.Path q && q.path().equals(p.path())) {
                throw Errors.invalid(kind, "The first operand must be distinct from the remaining operands for this operator "
                        + "or function; operator: " + operator + ", first operand: " + p.path());
            }
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) pos++;
        return t;
    }

    private boolean accept(Token.Kind k) {
        if (peek().kind() == k) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(Token.Kind k) {
        if (!accept(k)) throw syntaxError(peek());
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) throw syntaxError(peek());
        pos++;
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) throw syntaxError(peek());
    }

    /** AWS quotes the offending token with the one before it, or with the one after it when it comes first. */
    private RuntimeException syntaxError(Token t) {
        int index = tokens.indexOf(t);
        int nearStart, nearEnd;
        if (index > 0) {
            nearStart = tokens.get(index - 1).start();
            nearEnd = t.kind() == Token.Kind.EOF ? tokens.get(index - 1).end() : t.end();
        } else {
            nearStart = t.start();
            Token after = index + 1 < tokens.size() ? tokens.get(index + 1) : t;
            nearEnd = after.kind() == Token.Kind.EOF ? t.end() : after.end();
        }
        return Errors.invalid(kind, "Syntax error; token: \"" + t.display() + "\", near: \""
                + source.substring(nearStart, nearEnd) + "\"");
    }
}
