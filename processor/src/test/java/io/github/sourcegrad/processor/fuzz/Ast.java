package io.github.sourcegrad.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fuzzer's model of a generated program: immutable records that {@link JavaPrinter} writes as Java
 * source, {@link Interpreter} evaluates with dual numbers and {@link Shrinker}
 * rewrites. Only the supported subset of Java is representable.
 */
public final class Ast {

    private Ast() {
    }

    // ------------------------------------------------------------------ types

    /**
     * Java's primitive types as they occur in generated programs ({@code FLOAT} only as the result of
     * {@code Math.signum(int)}), and the two array types: {@code VECTOR} is {@code double[]}, {@code MATRIX}
     * is {@code double[][]}.
     */
    public enum JType {
        INT("int"), LONG("long"), FLOAT("float"), DOUBLE("double"), BOOLEAN("boolean"), VECTOR("double[]"), MATRIX("double[][]");

        private final String keyword;

        JType(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        public boolean isIntegral() {
            return this == INT || this == LONG;
        }

        public boolean isNumeric() {
            return this != BOOLEAN && !isArray();
        }

        public boolean isArray() {
            return this == VECTOR || this == MATRIX;
        }

        /** Differentiable: a double, or an array of doubles. */
        public boolean isReal() {
            return this == DOUBLE || isArray();
        }

        /** Binary numeric promotion (JLS 5.6). */
        public static JType promote(JType a, JType b) {
            if (a == DOUBLE || b == DOUBLE) {
                return DOUBLE;
            }
            if (a == FLOAT || b == FLOAT) {
                return FLOAT;
            }
            if (a == LONG || b == LONG) {
                return LONG;
            }
            return INT;
        }

        /** Identity or widening primitive conversion, as in assignment and invocation contexts. */
        public static boolean assignable(JType from, JType to) {
            if (from == to) {
                return true;
            }
            return switch (to) {
                case DOUBLE -> from == INT || from == LONG || from == FLOAT;
                case FLOAT -> from == INT || from == LONG;
                case LONG -> from == INT;
                default -> false;
            };
        }
    }

    // ------------------------------------------------------------------ expressions

    public sealed interface Expr permits Lit, Var, Field, Unary, Binary, Cast, MathCall, Call, Cmp, Logic, Not, Cond,
            Index, Length, ArrCall, NewArr, ArrLit, AssignExpr, IncDecExpr, StoreExpr, SwitchExpr {
        JType type();

        /** Direct subexpressions, left to right. */
        List<Expr> children();

        /** This node with its children replaced (same number, same order). */
        Expr withChildren(List<Expr> children);
    }

    /** A literal as written ({@code "0x1p-1"}, {@code "010"}, {@code "3L"}) with its type and numeric value. */
    public record Lit(String text, JType type, double value) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> children) {
            return this;
        }
    }

    /** A parameter or local variable. */
    public record Var(String name, JType type) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> children) {
            return this;
        }
    }

    public enum FieldKind { MATH_PI, MATH_E, STRICT_PI, STRICT_E, CONSTANT }

    /**
     * A static field: {@code Math.PI} (printed {@code PI} under a static import of {@code Math.*} when
     * not {@code qualified}), or a constant {@code name} of class {@code owner} (printed {@code owner.name}
     * when qualified).
     */
    public record Field(FieldKind kind, String owner, String name, JType type, double value, boolean qualified)
            implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> children) {
            return this;
        }
    }

    /** Unary {@code -} or {@code +}. */
    public record Unary(char op, Expr operand) implements Expr {
        public JType type() {
            JType t = operand.type();
            return t == JType.INT || t == JType.LONG || t == JType.FLOAT ? t : JType.DOUBLE;
        }

        public List<Expr> children() {
            return List.of(operand);
        }

        public Expr withChildren(List<Expr> children) {
            return new Unary(op, children.get(0));
        }
    }

    /** {@code + - * / %}. */
    public record Binary(char op, Expr left, Expr right) implements Expr {
        public JType type() {
            return JType.promote(left.type(), right.type());
        }

        public List<Expr> children() {
            return List.of(left, right);
        }

        public Expr withChildren(List<Expr> children) {
            return new Binary(op, children.get(0), children.get(1));
        }
    }

    /** {@code (double) e}, {@code (int) e}, {@code (long) e}. */
    public record Cast(JType to, Expr operand) implements Expr {
        public JType type() {
            return to;
        }

        public List<Expr> children() {
            return List.of(operand);
        }

        public Expr withChildren(List<Expr> children) {
            return new Cast(to, children.get(0));
        }
    }

    /**
     * {@code Math.fn(args)} or {@code StrictMath.fn(args)}; {@code qualified == false} lets the printer
     * write {@code fn(args)} where a static import makes that mean the same function.
     */
    public record MathCall(boolean strict, String fn, List<Expr> args, boolean qualified) implements Expr {
        public MathCall {
            args = List.copyOf(args);
        }

        public JType type() {
            return mathResultType(fn, args.stream().map(Expr::type).toList());
        }

        public List<Expr> children() {
            return args;
        }

        public Expr withChildren(List<Expr> children) {
            return new MathCall(strict, fn, children, qualified);
        }
    }

    /**
     * A call of the {@code @Differentiable} method {@code owner.method}; {@code owner} is a class id ("P" or
     * "Q"); {@code type} is the method's result type.
     */
    public record Call(String owner, String method, List<Expr> args, boolean qualified, JType type) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public Call(String owner, String method, List<Expr> args, boolean qualified) {
            this(owner, method, args, qualified, JType.DOUBLE);
        }

        public List<Expr> children() {
            return args;
        }

        public Expr withChildren(List<Expr> children) {
            return new Call(owner, method, children, qualified, type);
        }
    }

    /** A comparison {@code left op right}, op one of {@code < <= > >=}, of two numeric operands. */
    public record Cmp(String op, Expr left, Expr right) implements Expr {
        public JType type() {
            return JType.BOOLEAN;
        }

        public List<Expr> children() {
            return List.of(left, right);
        }

        public Expr withChildren(List<Expr> children) {
            return new Cmp(op, children.get(0), children.get(1));
        }
    }

    /** {@code left && right} or {@code left || right} (short-circuit). */
    public record Logic(String op, Expr left, Expr right) implements Expr {
        public JType type() {
            return JType.BOOLEAN;
        }

        public List<Expr> children() {
            return List.of(left, right);
        }

        public Expr withChildren(List<Expr> children) {
            return new Logic(op, children.get(0), children.get(1));
        }
    }

    /** {@code !operand}. */
    public record Not(Expr operand) implements Expr {
        public JType type() {
            return JType.BOOLEAN;
        }

        public List<Expr> children() {
            return List.of(operand);
        }

        public Expr withChildren(List<Expr> children) {
            return new Not(children.get(0));
        }
    }

    /**
     * {@code cond ? then : otherwise} with numeric branches; its type is the binary numeric promotion of
     * the branches' types (JLS 15.25.2), and only the chosen branch is evaluated.
     */
    public record Cond(Expr cond, Expr then, Expr otherwise) implements Expr {
        public JType type() {
            return JType.promote(then.type(), otherwise.type());
        }

        public List<Expr> children() {
            return List.of(cond, then, otherwise);
        }

        public Expr withChildren(List<Expr> children) {
            return new Cond(children.get(0), children.get(1), children.get(2));
        }
    }

    /** {@code array[index]}: an element of a vector, or a row of a matrix ({@code m[i][j]} is two of them). */
    public record Index(Expr array, Expr index) implements Expr {
        public JType type() {
            return array.type() == JType.MATRIX ? JType.VECTOR : JType.DOUBLE;
        }

        public List<Expr> children() {
            return List.of(array, index);
        }

        public Expr withChildren(List<Expr> children) {
            return new Index(children.get(0), children.get(1));
        }
    }

    /** {@code array.length}. */
    public record Length(Expr array) implements Expr {
        public JType type() {
            return JType.INT;
        }

        public List<Expr> children() {
            return List.of(array);
        }

        public Expr withChildren(List<Expr> children) {
            return new Length(children.get(0));
        }
    }

    /**
     * A call of {@code io.github.sourcegrad.ArrayMath.fn(args)} of result type {@code type}; {@code qualified ==
     * false} lets the printer leave it unqualified where the class's static imports make that mean the same.
     */
    public record ArrCall(String fn, List<Expr> args, JType type, boolean qualified) implements Expr {
        public ArrCall {
            args = List.copyOf(args);
        }

        public List<Expr> children() {
            return args;
        }

        public Expr withChildren(List<Expr> children) {
            return new ArrCall(fn, children, type, qualified);
        }
    }

    /** {@code new double[n]} or {@code new double[n][m]}. */
    public record NewArr(JType type, List<Expr> dims) implements Expr {
        public NewArr {
            dims = List.copyOf(dims);
        }

        public List<Expr> children() {
            return dims;
        }

        public Expr withChildren(List<Expr> children) {
            return new NewArr(type, children);
        }
    }

    /**
     * An array initializer: {@code new double[] {a, b}}, {@code new double[][] {{a, b}, {c, d}}} (a matrix's
     * elements row by row, {@code columns} per row), or without {@code new double[]} when {@code bare} (only as
     * the initializer of a typed declaration).
     */
    public record ArrLit(JType type, List<Expr> elements, int columns, boolean bare) implements Expr {
        public ArrLit {
            elements = List.copyOf(elements);
        }

        public List<Expr> children() {
            return elements;
        }

        public Expr withChildren(List<Expr> children) {
            return new ArrLit(type, children, columns, bare);
        }
    }

    /**
     * An assignment used as a value, {@code (name op value)} with op one of {@code = += -= *= /=}: its value is the
     * variable's new value, of the variable's type {@code type}.
     */
    public record AssignExpr(String name, String op, Expr value, JType type) implements Expr {
        public List<Expr> children() {
            return List.of(value);
        }

        public Expr withChildren(List<Expr> children) {
            return new AssignExpr(name, op, children.get(0), type);
        }
    }

    /** {@code name++}, {@code ++name}, {@code name--} or {@code --name} used as a value, of the variable's type. */
    public record IncDecExpr(String name, boolean increment, boolean prefix, JType type) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> children) {
            return this;
        }
    }

    /** {@code (array[i] op value)} (or {@code array[i][j]}) used as a value: the element's new value, a double. */
    public record StoreExpr(String array, List<Expr> indices, String op, Expr value) implements Expr {
        public StoreExpr {
            indices = List.copyOf(indices);
        }

        public JType type() {
            return JType.DOUBLE;
        }

        public List<Expr> children() {
            List<Expr> out = new ArrayList<>(indices);
            out.add(value);
            return out;
        }

        public Expr withChildren(List<Expr> children) {
            return new StoreExpr(array, children.subList(0, indices.size()), op, children.get(indices.size()));
        }
    }

    /**
     * A switch expression on an int, arrow form: {@code switch (k) { case 1, 2 -> v; default -> { ...; yield w; } }}.
     * Every case has a value (and a body, possibly empty, that runs before it); one of the cases is the default
     * (no labels). {@code type}: every value's type (the generator makes them all the same).
     */
    public record SwitchExpr(Expr selector, List<ExprCase> cases, JType type) implements Expr {
        public SwitchExpr {
            cases = List.copyOf(cases);
        }

        public List<Expr> children() {
            List<Expr> out = new ArrayList<>();
            out.add(selector);
            cases.forEach(c -> out.add(c.value()));
            return out;
        }

        public Expr withChildren(List<Expr> children) {
            List<ExprCase> out = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                ExprCase c = cases.get(i);
                out.add(new ExprCase(c.labels(), c.body(), children.get(i + 1)));
            }
            return new SwitchExpr(children.get(0), out, type);
        }
    }

    /** One case of a {@link SwitchExpr}: labels (none for {@code default}), statements, and the value it yields. */
    public record ExprCase(List<Integer> labels, Block body, Expr value) {
        public ExprCase {
            labels = List.copyOf(labels);
        }
    }

    /** Java's overload resolution for the Math functions the generator uses. */
    public static JType mathResultType(String fn, List<JType> args) {
        return switch (fn) {
            case "abs" -> args.get(0);
            case "max", "min" -> JType.promote(args.get(0), args.get(1));
            case "signum" -> args.get(0) == JType.DOUBLE ? JType.DOUBLE : JType.FLOAT;
            case "round" -> args.get(0) == JType.DOUBLE ? JType.LONG : JType.INT;
            default -> JType.DOUBLE;
        };
    }

    // ------------------------------------------------------------------ statements

    public sealed interface Stmt permits Decl, Assign, IncDec, Block, ExprStmt, Empty,
            If, For, While, DoWhile, Break, Continue, Return, Store, ForEach, Switch {
    }

    public enum DeclStyle { TYPED, VAR, FINAL_TYPED, FINAL_VAR }

    /**
     * {@code double a = e;}, {@code var a = e;}, {@code final double a = e;} or {@code double a;} (init
     * null). {@code joined}: printed together with the next declaration when that has the same style and
     * type ({@code double a = e1, b = e2;}).
     */
    public record Decl(DeclStyle style, JType type, String name, Expr init, boolean joined) implements Stmt {
        public boolean isFinal() {
            return style == DeclStyle.FINAL_TYPED || style == DeclStyle.FINAL_VAR;
        }
    }

    /** {@code name op e;} with op one of {@code = += -= *= /= %=}. */
    public record Assign(String name, String op, Expr value) implements Stmt {
    }

    /** {@code array[i] op value;} or {@code array[i][j] op value;} with op one of {@code = += -= *= /=}. */
    public record Store(String array, List<Expr> indices, String op, Expr value) implements Stmt {
        public Store {
            indices = List.copyOf(indices);
        }
    }

    /** {@code x++;}, {@code ++x;}, {@code x--;}, {@code --x;}. */
    public record IncDec(String name, boolean increment, boolean prefix) implements Stmt {
    }

    public record Block(List<Stmt> body) implements Stmt {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** A call whose result is discarded. */
    public record ExprStmt(Expr call) implements Stmt {
    }

    /** A lone {@code ;}. */
    public record Empty() implements Stmt {
    }

    /**
     * {@code if (cond) then else otherwise}; {@code otherwise} is null, a {@link Block} or an {@link If}
     * (an else-if chain). {@code braces == false}: a branch holding one simple statement is printed
     * without braces ({@code if (h > 1) break;}).
     */
    public record If(Expr cond, Block then, Stmt otherwise, boolean braces) implements Stmt {
        public If {
            if (otherwise != null && !(otherwise instanceof Block) && !(otherwise instanceof If)) {
                throw new IllegalArgumentException("else branch " + otherwise);
            }
        }
    }

    /**
     * {@code label: for (init; cond; update) body}: {@code init} declares the int counter, {@code update}
     * is an {@link IncDec} or an {@link Assign} of it; {@code label} may be null.
     */
    public record For(String label, Decl init, Expr cond, Stmt update, Block body) implements Stmt {
    }

    /**
     * {@code label: for (double v : array) body} or {@code for (double[] row : matrix)} ({@code type} is the
     * variable's: DOUBLE or VECTOR), declared {@code var} or {@code final} by {@code style} (TYPED, VAR or
     * FINAL_TYPED); {@code label} may be null.
     */
    public record ForEach(String label, DeclStyle style, JType type, String var, Expr array, Block body) implements Stmt {
    }

    /** {@code label: while (cond) body}; {@code label} may be null. */
    public record While(String label, Expr cond, Block body) implements Stmt {
    }

    /** {@code label: do body while (cond);}; {@code label} may be null. */
    public record DoWhile(String label, Block body, Expr cond) implements Stmt {
    }

    /**
     * {@code switch (selector) { ... }} on an int: the arrow form ({@code case 1, 2 -> { ... }}) or the colon form
     * ({@code case 1, 2: ...}), where a case that does not end in {@code break} falls through into the next.
     */
    public record Switch(Expr selector, List<Case> cases, boolean arrow) implements Stmt {
        public Switch {
            cases = List.copyOf(cases);
        }

        /** Whether a case of the colon form falls through into the next one (javac's -Xlint:fallthrough warns). */
        public boolean fallsThrough() {
            return !arrow && cases.subList(0, cases.size() - 1).stream().anyMatch(c -> !c.breaks());
        }
    }

    /** One case of a {@link Switch}: its labels (none for {@code default}), its statements, whether it ends in {@code break}. */
    public record Case(List<Integer> labels, Block body, boolean breaks) {
        public Case {
            labels = List.copyOf(labels);
        }
    }

    /** {@code break;} or {@code break label;}. */
    public record Break(String label) implements Stmt {
    }

    /** {@code continue;} or {@code continue label;}. */
    public record Continue(String label) implements Stmt {
    }

    /** An early {@code return value;} (the method's last return is {@link Method#result()}). */
    public record Return(Expr value) implements Stmt {
    }

    /** Whether a statement list contains control flow (branches, loops, jumps, conditional expressions). */
    public static boolean hasControlFlow(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof If || s instanceof For || s instanceof While || s instanceof DoWhile || s instanceof ForEach
                    || s instanceof Switch || s instanceof Break || s instanceof Continue || s instanceof Return) {
                return true;
            }
            if (s instanceof Block b && hasControlFlow(b.body())) {
                return true;
            }
            for (Expr e : expressions(s)) {
                if (hasConditional(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasConditional(Expr e) {
        if (e instanceof Cond || e instanceof Cmp || e instanceof Logic || e instanceof Not || e instanceof SwitchExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (hasConditional(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a method creates or uses arrays in its body. */
    public static boolean usesArrays(Method m) {
        boolean[] found = {false};
        forEachExpression(m.body(), e -> found[0] |= e.type().isArray() || e instanceof Length || e instanceof Index);
        return found[0] || hasArray(m.result());
    }

    private static boolean hasArray(Expr e) {
        if (e.type().isArray() || e instanceof Length || e instanceof Index) {
            return true;
        }
        for (Expr c : e.children()) {
            if (hasArray(c)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code f} on every expression (and subexpression) of the statements, nested ones included. */
    public static void forEachExpression(List<Stmt> body, java.util.function.Consumer<Expr> f) {
        for (Stmt s : body) {
            for (Expr e : expressions(s)) {
                forEachSubexpression(e, f);
            }
            for (List<Stmt> inner : statementLists(s)) {
                forEachExpression(inner, f);
            }
        }
    }

    private static void forEachSubexpression(Expr e, java.util.function.Consumer<Expr> f) {
        f.accept(e);
        for (Expr c : e.children()) {
            forEachSubexpression(c, f);
        }
    }

    /** The statement lists directly inside a statement (an if's branches, a loop's body, a block). */
    public static List<List<Stmt>> statementLists(Stmt s) {
        List<List<Stmt>> out = new ArrayList<>();
        if (s instanceof Block b) {
            out.add(b.body());
        } else if (s instanceof If i) {
            out.add(i.then().body());
            if (i.otherwise() != null) {
                out.add(List.of(i.otherwise()));
            }
        } else if (s instanceof For f) {
            out.add(List.of(f.init()));
            out.add(f.body().body());
        } else if (s instanceof While w) {
            out.add(w.body().body());
        } else if (s instanceof DoWhile d) {
            out.add(d.body().body());
        } else if (s instanceof ForEach fe) {
            out.add(fe.body().body());
        } else if (s instanceof Switch sw) {
            sw.cases().forEach(c -> out.add(c.body().body()));
        }
        return out;
    }

    /** Whether any method of the program has control flow. */
    public static boolean hasControlFlow(Program p) {
        for (ClassDef c : p.classes()) {
            for (Method m : c.methods()) {
                if (hasControlFlow(m.body()) || hasConditional(m.result())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The expressions a statement holds directly (not those of nested statements), in source order. */
    public static List<Expr> expressions(Stmt s) {
        List<Expr> out = new ArrayList<>();
        if (s instanceof Decl d) {
            if (d.init() != null) {
                out.add(d.init());
            }
        } else if (s instanceof Assign a) {
            out.add(a.value());
        } else if (s instanceof ExprStmt e) {
            out.add(e.call());
        } else if (s instanceof If i) {
            out.add(i.cond());
        } else if (s instanceof For f) {
            out.addAll(expressions(f.init()));
            out.add(f.cond());
            out.addAll(expressions(f.update()));
        } else if (s instanceof While w) {
            out.add(w.cond());
        } else if (s instanceof DoWhile d) {
            out.add(d.cond());
        } else if (s instanceof ForEach fe) {
            out.add(fe.array());
        } else if (s instanceof Switch sw) {
            out.add(sw.selector());
        } else if (s instanceof Return r) {
            out.add(r.value());
        } else if (s instanceof Store st) {
            out.addAll(st.indices());
            out.add(st.value());
        }
        return out;
    }

    // ------------------------------------------------------------------ declarations

    /**
     * A parameter; {@code lo..hi} is the range test points (every element of an array) are drawn from (the
     * generator relies on it). {@code shape}: an array's length, or a matrix's rows and columns (a matrix of 0
     * rows has 0 columns); empty for the others.
     */
    public record Param(JType type, String name, double lo, double hi, boolean isFinal, List<Integer> shape) {
        public Param {
            shape = List.copyOf(shape);
        }

        public Param(JType type, String name, double lo, double hi, boolean isFinal) {
            this(type, name, lo, hi, isFinal, List.of());
        }

        /** How many numbers the parameter holds. */
        public int size() {
            return switch (type) {
                case VECTOR -> shape.get(0);
                case MATRIX -> shape.get(0) * shape.get(1);
                default -> 1;
            };
        }
    }

    public enum Visibility {
        PACKAGE(""), PUBLIC("public "), PRIVATE("private ");

        private final String prefix;

        Visibility(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /**
     * A {@code @Differentiable static} method returning {@code resultType} (double, double[] or double[][]).
     * {@code wrt == null}: the annotation has no {@code wrt} (every double and array parameter); otherwise
     * the names as listed in the annotation.
     */
    public record Method(String name, Visibility visibility, List<Param> params, List<String> wrt,
                         List<Stmt> body, Expr result, JType resultType) {
        public Method {
            params = List.copyOf(params);
            wrt = wrt == null ? null : List.copyOf(wrt);
            body = List.copyOf(body);
        }

        public Method(String name, Visibility visibility, List<Param> params, List<String> wrt, List<Stmt> body, Expr result) {
            this(name, visibility, params, wrt, body, result, JType.DOUBLE);
        }

        /** The differentiated parameters in declaration order. */
        public List<Param> differentiated() {
            List<Param> out = new ArrayList<>();
            for (Param p : params) {
                if (p.type().isReal() && (wrt == null || wrt.contains(p.name()))) {
                    out.add(p);
                }
            }
            return out;
        }

        /** Whether the method takes or returns an array (such methods are never called by the others). */
        public boolean hasArrays() {
            return resultType.isArray() || params.stream().anyMatch(p -> p.type().isArray());
        }

        public Method withBody(List<Stmt> newBody, Expr newResult) {
            return new Method(name, visibility, params, wrt, newBody, newResult, resultType);
        }

        public Method withParams(List<Param> newParams, List<String> newWrt) {
            return new Method(name, visibility, newParams, newWrt, body, result, resultType);
        }

        public Method withVisibility(Visibility newVisibility) {
            return new Method(name, newVisibility, params, wrt, body, result, resultType);
        }
    }

    /** A static field of a generated class: {@code static final double K = 0.75;}. */
    public record Constant(Visibility visibility, boolean isFinal, JType type, String name, String text, double value) {
    }

    /** How a class's source refers to {@code Math}: always qualified, {@code import static java.lang.Math.*}, or single static imports. */
    public enum MathStyle { QUALIFIED, ON_DEMAND, SINGLE }

    /**
     * How a class's source refers to {@code io.github.sourcegrad.ArrayMath}: imported ({@code ArrayMath.sum}),
     * fully qualified, or through static imports on demand or single ones (names that are also {@code Math}
     * functions stay qualified where the imports would make them ambiguous).
     */
    public enum ArrayStyle { IMPORTED, FULLY_QUALIFIED, ON_DEMAND, SINGLE }

    /** What kind of type declares the methods. */
    public enum TypeKind {
        CLASS("class"), INTERFACE("interface"), ENUM("enum"), RECORD("record");

        private final String keyword;

        TypeKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Where class Q lives relative to P. */
    public enum Placement { TOP, NESTED, OTHER_PACKAGE }

    /**
     * A class with {@code @Differentiable} methods: "P" is the first class of a program, "Q" (optional)
     * calls P's methods.
     */
    public record ClassDef(String id, TypeKind kind, Placement placement, boolean isPublic, MathStyle mathStyle,
                           boolean qualifiedAnnotation, boolean staticImportOfP,
                           List<Constant> constants, List<Method> methods, ArrayStyle arrayStyle) {
        public ClassDef {
            constants = List.copyOf(constants);
            methods = List.copyOf(methods);
        }

        public ClassDef(String id, TypeKind kind, Placement placement, boolean isPublic, MathStyle mathStyle,
                        boolean qualifiedAnnotation, boolean staticImportOfP, List<Constant> constants, List<Method> methods) {
            this(id, kind, placement, isPublic, mathStyle, qualifiedAnnotation, staticImportOfP, constants, methods, ArrayStyle.IMPORTED);
        }

        /** The first method named {@code name} (overloads differ in arity). */
        public Method method(String name) {
            for (Method m : methods) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }

        public Method method(String name, int arity) {
            for (Method m : methods) {
                if (m.name().equals(name) && m.params().size() == arity) {
                    return m;
                }
            }
            return null;
        }

        public ClassDef withMethods(List<Method> newMethods) {
            return new ClassDef(id, kind, placement, isPublic, mathStyle, qualifiedAnnotation, staticImportOfP, constants, newMethods, arrayStyle);
        }

        public ClassDef withConstants(List<Constant> newConstants) {
            return new ClassDef(id, kind, placement, isPublic, mathStyle, qualifiedAnnotation, staticImportOfP, newConstants, methods, arrayStyle);
        }

        public ClassDef withMathStyle(MathStyle style) {
            return new ClassDef(id, kind, placement, isPublic, style, qualifiedAnnotation, staticImportOfP, constants, methods, arrayStyle);
        }

        public ClassDef withArrayStyle(ArrayStyle style) {
            return new ClassDef(id, kind, placement, isPublic, mathStyle, qualifiedAnnotation, staticImportOfP, constants, methods, style);
        }
    }

    /**
     * One generated program: package {@code pkg}, class P and optionally class Q. In the default package
     * ({@code pkg} empty) the classes are called {@code Fz<index>P} and {@code Fz<index>Q}.
     */
    public record Program(int index, long seed, String pkg, ClassDef p, ClassDef q) {

        /** The simple name of class {@code id} ("P", or "Fz12P" in the default package; a nested Q is "Q"). */
        public String simpleName(String id) {
            if (id.equals("Q") && q != null && q.placement() == Placement.NESTED) {
                return "Q";
            }
            return pkg.isEmpty() ? "Fz" + index + id : id;
        }

        private String prefix() {
            return pkg.isEmpty() ? "" : pkg + ".";
        }

        public ClassDef classDef(String id) {
            if (id.equals("P")) {
                return p;
            }
            if (q != null && id.equals("Q")) {
                return q;
            }
            throw new IllegalArgumentException("no class " + id);
        }

        public List<ClassDef> classes() {
            return q == null ? List.of(p) : List.of(p, q);
        }

        /** The binary name of a class, as the class loader knows it. */
        public String binaryName(String id) {
            if (id.equals("P")) {
                return prefix() + simpleName("P");
            }
            return switch (Objects.requireNonNull(q).placement()) {
                case TOP -> prefix() + simpleName("Q");
                case NESTED -> prefix() + simpleName("P") + "$Q";
                case OTHER_PACKAGE -> pkg + ".sub.Q";
            };
        }

        public Program withClass(ClassDef c) {
            return c.id().equals("P") ? new Program(index, seed, pkg, c, q) : new Program(index, seed, pkg, p, c);
        }

        public Program withoutQ() {
            return new Program(index, seed, pkg, p, null);
        }

        public Program withPackage(String newPkg) {
            return new Program(index, seed, newPkg, p, q);
        }

        /** Whether a method of the program takes, returns or makes an array. */
        public boolean hasArrays() {
            for (ClassDef c : classes()) {
                for (Method m : c.methods()) {
                    if (m.hasArrays() || usesArrays(m)) {
                        return true;
                    }
                }
            }
            return false;
        }

        public int methodCount() {
            return p.methods().size() + (q == null ? 0 : q.methods().size());
        }
    }
}
