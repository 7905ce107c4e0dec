package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.processor.fuzz.Ast.ArrCall;
import io.github.sourcegrad.processor.fuzz.Ast.ArrLit;
import io.github.sourcegrad.processor.fuzz.Ast.ArrayStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Assign;
import io.github.sourcegrad.processor.fuzz.Ast.Binary;
import io.github.sourcegrad.processor.fuzz.Ast.Block;
import io.github.sourcegrad.processor.fuzz.Ast.Break;
import io.github.sourcegrad.processor.fuzz.Ast.Call;
import io.github.sourcegrad.processor.fuzz.Ast.Cast;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Cmp;
import io.github.sourcegrad.processor.fuzz.Ast.Cond;
import io.github.sourcegrad.processor.fuzz.Ast.Constant;
import io.github.sourcegrad.processor.fuzz.Ast.Continue;
import io.github.sourcegrad.processor.fuzz.Ast.Decl;
import io.github.sourcegrad.processor.fuzz.Ast.DoWhile;
import io.github.sourcegrad.processor.fuzz.Ast.Expr;
import io.github.sourcegrad.processor.fuzz.Ast.ExprStmt;
import io.github.sourcegrad.processor.fuzz.Ast.Field;
import io.github.sourcegrad.processor.fuzz.Ast.For;
import io.github.sourcegrad.processor.fuzz.Ast.If;
import io.github.sourcegrad.processor.fuzz.Ast.IncDec;
import io.github.sourcegrad.processor.fuzz.Ast.Index;
import io.github.sourcegrad.processor.fuzz.Ast.JType;
import io.github.sourcegrad.processor.fuzz.Ast.Length;
import io.github.sourcegrad.processor.fuzz.Ast.Lit;
import io.github.sourcegrad.processor.fuzz.Ast.Logic;
import io.github.sourcegrad.processor.fuzz.Ast.MathCall;
import io.github.sourcegrad.processor.fuzz.Ast.MathStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.NewArr;
import io.github.sourcegrad.processor.fuzz.Ast.Not;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Placement;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Ast.Return;
import io.github.sourcegrad.processor.fuzz.Ast.Stmt;
import io.github.sourcegrad.processor.fuzz.Ast.Store;
import io.github.sourcegrad.processor.fuzz.Ast.Unary;
import io.github.sourcegrad.processor.fuzz.Ast.Var;
import io.github.sourcegrad.processor.fuzz.Ast.While;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link Program} as Java source files. Names are printed in the shortest form that means the
 * same thing in Java: a {@code Math} function is left unqualified only under a static import and when no
 * method of the class (or an enclosing class) of that name hides it; so is an {@code ArrayMath} operation,
 * which also stays qualified when its name is a {@code Math} function that a single static import of the file
 * names (under two on-demand imports the name is left unqualified, and the arguments choose the class).
 */
public final class JavaPrinter {

    private static final String ARRAY_MATH = "io.github.sourcegrad.ArrayMath";
    /** ArrayMath operations named like Math functions. */
    private static final Set<String> MATH_NAMES = Set.of("exp", "log", "tanh", "max");
    private static final String SMOOTH_MATH = "io.github.sourcegrad.SmoothMath";
    /** The functions of SmoothMath (some also ArrayMath operations: sigmoid, softplus, logSigmoid, logAddExp). */
    static final Set<String> SMOOTH_NAMES = Set.of("softplus", "logSigmoid", "sigmoid", "logAddExp");

    private final Program program;

    private JavaPrinter(Program program) {
        this.program = program;
    }

    /** Source files by top-level class name ({@code fz12.P}, {@code fz12.sub.Q}), P first. */
    public static Map<String, String> sources(Program program) {
        return new JavaPrinter(program).files();
    }

    /** All files of the program in one string, for failure messages. */
    public static String describe(Program program) {
        StringBuilder out = new StringBuilder();
        sources(program).forEach((name, code) -> out.append("// ---- ").append(name.replace('.', '/'))
                .append(".java\n").append(code));
        return out.toString();
    }

    private Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        ClassDef q = program.q();
        boolean nested = q != null && q.placement() == Placement.NESTED;
        files.put(qualified(program.pkg(), program.simpleName("P")), file(program.pkg(), program.p(), nested ? q : null));
        if (q != null && !nested) {
            String pkg = q.placement() == Placement.OTHER_PACKAGE ? program.pkg() + ".sub" : program.pkg();
            files.put(qualified(pkg, program.simpleName("Q")), file(pkg, q, null));
        }
        return files;
    }

    // ------------------------------------------------------------------ files and classes

    private static String qualified(String pkg, String simpleName) {
        return pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
    }

    private String file(String pkg, ClassDef top, ClassDef nested) {
        StringBuilder body = new StringBuilder();
        Ctx topCtx = new Ctx(top, top, new TreeSet<>());
        classBody(body, topCtx, nested, 0);

        StringBuilder out = new StringBuilder();
        if (!pkg.isEmpty()) {
            out.append("package ").append(pkg).append(";\n\n");
        }
        if (!top.qualifiedAnnotation() || (nested != null && !nested.qualifiedAnnotation())) {
            out.append("import io.github.sourcegrad.Differentiable;\n");
        }
        if (top.id().equals("Q") && top.placement() == Placement.OTHER_PACKAGE) {
            out.append("import ").append(program.pkg()).append('.').append(program.simpleName("P")).append(";\n");
        }
        if (top.id().equals("Q") && top.staticImportOfP()) {
            String p = qualified(program.pkg(), program.simpleName("P"));
            if (top.mathStyle() == MathStyle.SINGLE) {
                for (String name : topCtx.memberImports) {
                    out.append("import static ").append(p).append('.').append(name).append(";\n");
                }
            } else {
                out.append("import static ").append(p).append(".*;\n");
            }
        }
        boolean arrayFirst = program.index() % 2 == 1;
        if (arrayFirst) {
            arrayImports(out, top, topCtx);
        }
        if (top.mathStyle() == MathStyle.ON_DEMAND) {
            out.append("import static java.lang.Math.*;\n");
        } else if (top.mathStyle() == MathStyle.SINGLE) {
            for (String name : topCtx.singleImports) {
                out.append("import static java.lang.Math.").append(name).append(";\n");
            }
        }
        if (!arrayFirst) {
            arrayImports(out, top, topCtx);
        }
        if (topCtx.smoothNamed.get()) {
            out.append("import ").append(SMOOTH_MATH).append(";\n");
        }
        if (topCtx.smoothImported.get()) {
            out.append("import static ").append(SMOOTH_MATH).append(".*;\n");
        }
        out.append('\n').append(body);
        return out.toString();
    }

    private static void arrayImports(StringBuilder out, ClassDef top, Ctx ctx) {
        if (ctx.arrayMathNamed.get()) {
            out.append("import ").append(ARRAY_MATH).append(";\n");
        }
        if (ctx.arrayImported.get() && top.arrayStyle() == ArrayStyle.ON_DEMAND) {
            out.append("import static ").append(ARRAY_MATH).append(".*;\n");
        }
        for (String name : ctx.arraySingles) {
            out.append("import static ").append(ARRAY_MATH).append('.').append(name).append(";\n");
        }
    }

    private void classBody(StringBuilder out, Ctx ctx, ClassDef nested, int level) {
        String indent = "    ".repeat(level);
        ClassDef c = ctx.cls;
        Ast.TypeKind kind = c.kind();
        out.append(indent);
        if (c.isPublic()) {
            out.append("public ");
        }
        if (level > 0) {
            out.append("static ");
        }
        out.append(level == 0 && kind == Ast.TypeKind.CLASS ? "final " : "").append(kind.keyword()).append(' ')
                .append(program.simpleName(c.id())).append(kind == Ast.TypeKind.RECORD ? "()" : "").append(" {\n");
        if (kind == Ast.TypeKind.ENUM) {
            out.append(indent).append("    ;\n\n");
        }
        for (Constant k : c.constants()) {
            // interface fields are public (and final) whatever they say
            String visibility = kind == Ast.TypeKind.INTERFACE && k.visibility() == Ast.Visibility.PRIVATE ? "" : k.visibility().prefix();
            out.append(indent).append("    ").append(visibility).append("static ")
                    .append(k.isFinal() ? "final " : "").append(k.type().keyword()).append(' ').append(k.name())
                    .append(" = ").append(k.text()).append(";\n");
        }
        if (!c.constants().isEmpty()) {
            out.append('\n');
        }
        for (int i = 0; i < c.methods().size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            method(out, ctx, c.methods().get(i), indent + "    ");
        }
        if (nested != null) {
            out.append('\n');
            Ctx inner = new Ctx(nested, ctx);
            classBody(out, inner, null, level + 1);
        }
        out.append(indent).append("}\n");
    }

    /**
     * True when the method also asks for forward mode: in half of the programs, each method that returns a double,
     * array parameters included (what forward mode refuses inside them, a call that stays a call, makes FuzzTest check
     * the program again without it: see its forwardRefused).
     */
    public boolean forward(Method m) {
        return !WITHOUT_FORWARD.contains(program.seed() + ":" + program.index()) && Math.floorMod(program.seed() + program.index(), 2) == 0 && m.resultType() == JType.DOUBLE
                && !overloaded(m);
    }

    /**
     * True when another method of {@code m}'s class has its name: the jvps of two overloads (one tangent per
     * differentiated parameter) can have one signature, which SourceGrad reports as a compile error by design (seed
     * 33046147, program 1407: {@code f0(a, u, b)} with {@code wrt = "u"} and {@code f0(dy, r)}).
     */
    private boolean overloaded(Method m) {
        return program.classes().stream().filter(c -> c.methods().contains(m)).flatMap(c -> c.methods().stream())
                .anyMatch(other -> other != m && other.name().equals(m.name()));
    }

    /** Programs printed without {@code forward = true}, after the processor refused it (by seed and index). */
    private static final Set<String> WITHOUT_FORWARD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Prints {@code program} without {@code forward = true} from now on. */
    public static void withoutForward(Program program) {
        WITHOUT_FORWARD.add(program.seed() + ":" + program.index());
    }

    /** {@link #forward(Method)} for {@code program}'s method {@code m}. */
    public static boolean forward(Program program, Method m) {
        return new JavaPrinter(program).forward(m);
    }

    /**
     * True when the method also asks for {@code hessian = true}: in half of the programs ({@link #HESSIAN_SHARE}, drawn
     * apart from {@link #forward(Method)}), each method that returns a double, has a differentiated parameter and is not
     * overloaded (the hvps of two overloads can share a signature, as their jvps can), scalar and array parameters
     * alike. Where the processor refuses it (an ArrayMath operation on a differentiated value, a call that stays a
     * call), FuzzTest checks the program again without it on that method: see its hessianRefused.
     */
    public boolean hessian(Method m) {
        String key = program.seed() + ":" + program.index();
        return !WITHOUT_HESSIAN.contains(key) && !WITHOUT_HESSIAN.contains(key + ":" + m.name())
                && new java.util.SplittableRandom(program.seed() * 0x5DEECE66DL + program.index() * 97L + 11).nextDouble() < HESSIAN_SHARE
                && m.resultType() == JType.DOUBLE && !m.differentiated().isEmpty() && !overloaded(m);
    }

    /** {@code -Dfuzz.hessian=F}: the share of programs whose methods ask for {@code hessian = true} (default 0.5). */
    public static final double HESSIAN_SHARE = Double.parseDouble(System.getProperty("fuzz.hessian", "0.5").trim());

    /**
     * Programs (by seed and index) and methods (by seed, index and name) printed without {@code hessian = true}, after
     * the processor refused it.
     */
    private static final Set<String> WITHOUT_HESSIAN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Prints {@code program}'s methods named {@code name} (all of them where null) without {@code hessian = true} from now on. */
    public static void withoutHessian(Program program, String name) {
        WITHOUT_HESSIAN.add(program.seed() + ":" + program.index() + (name == null ? "" : ":" + name));
    }

    /** {@link #hessian(Method)} for {@code program}'s method {@code m}. */
    public static boolean hessian(Program program, Method m) {
        return new JavaPrinter(program).hessian(m);
    }

    private void method(StringBuilder out, Ctx ctx, Method m, String indent) {
        out.append(indent).append(ctx.cls.qualifiedAnnotation() ? "@io.github.sourcegrad.Differentiable" : "@Differentiable");
        List<String> attributes = new java.util.ArrayList<>();
        if (forward(m)) {
            attributes.add("forward = true");
        }
        if (hessian(m)) {
            attributes.add("hessian = true");
        }
        if (m.wrt() != null) {
            StringBuilder wrt = new StringBuilder("wrt = ");
            if (m.wrt().size() == 1) {
                wrt.append('"').append(m.wrt().get(0)).append('"');
            } else {
                wrt.append('{');
                for (int i = 0; i < m.wrt().size(); i++) {
                    wrt.append(i > 0 ? ", " : "").append('"').append(m.wrt().get(i)).append('"');
                }
                wrt.append('}');
            }
            attributes.add(wrt.toString());
        }
        if (!attributes.isEmpty()) {
            out.append('(').append(String.join(", ", attributes)).append(')');
        }
        if (fallsThrough(m.body())) {
            out.append('\n').append(indent).append("@SuppressWarnings(\"fallthrough\")");
        }
        out.append('\n').append(indent).append(m.visibility().prefix()).append("static ").append(m.resultType().keyword())
                .append(' ').append(m.name()).append('(');
        for (int i = 0; i < m.params().size(); i++) {
            Param p = m.params().get(i);
            out.append(i > 0 ? ", " : "").append(p.isFinal() ? "final " : "").append(p.type().keyword()).append(' ').append(p.name());
        }
        out.append(") {\n");
        statements(out, ctx, m.body(), indent + "    ");
        out.append(indent).append("    return ").append(expr(ctx, m.result())).append(";\n");
        out.append(indent).append("}\n");
    }

    private static boolean fallsThrough(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Ast.Switch sw && sw.fallsThrough()) {
                return true;
            }
            for (List<Stmt> inner : Ast.statementLists(s)) {
                if (fallsThrough(inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code switch (k) { case 1, 2 -> { ... } default -> { ... } }}, or the colon form {@code case 1: { ... } break;}. */
    private void switchStatement(StringBuilder out, Ctx ctx, Ast.Switch sw, String indent) {
        out.append("switch (").append(expr(ctx, sw.selector())).append(") {\n");
        String caseIndent = indent + "    ";
        for (Ast.Case c : sw.cases()) {
            out.append(caseIndent).append(c.labels().isEmpty() ? "default" : "case " + c.labels().stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            if (sw.arrow()) {
                out.append(" -> ");
                braced(out, ctx, c.body(), caseIndent);
                out.append('\n');
            } else {
                out.append(": "); // each case's statements in a block of their own: the cases declare fresh names
                braced(out, ctx, c.body(), caseIndent);
                out.append('\n');
                if (c.breaks()) {
                    out.append(caseIndent).append("    break;\n");
                }
            }
        }
        out.append(indent).append("}\n");
    }

    private void statements(StringBuilder out, Ctx ctx, List<Stmt> body, String indent) {
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (s instanceof Decl d && d.joined() && i + 1 < body.size() && body.get(i + 1) instanceof Decl next
                    && joinable(d, next)) {
                // double a = e1, b = e2;
                out.append(indent).append(d.isFinal() ? "final " : "").append(d.type().keyword()).append(' ');
                declarator(out, ctx, d);
                while (i + 1 < body.size() && body.get(i + 1) instanceof Decl n && joinable(d, n)) {
                    out.append(", ");
                    declarator(out, ctx, n);
                    i++;
                    if (!n.joined()) {
                        break;
                    }
                }
                out.append(";\n");
                continue;
            }
            stmt(out, ctx, s, indent);
        }
    }

    private static boolean joinable(Decl a, Decl b) {
        return (a.style() == Ast.DeclStyle.TYPED || a.style() == Ast.DeclStyle.FINAL_TYPED) && a.style() == b.style()
                && a.type() == b.type();
    }

    private void declarator(StringBuilder out, Ctx ctx, Decl d) {
        out.append(d.name());
        if (d.init() != null) {
            out.append(" = ").append(expr(ctx, d.init()));
        }
    }

    private void stmt(StringBuilder out, Ctx ctx, Stmt s, String indent) {
        out.append(indent);
        if (s instanceof Decl d) {
            out.append(decl(ctx, d)).append(";\n");
        } else if (s instanceof Block b) {
            out.append("{\n");
            statements(out, ctx, b.body(), indent + "    ");
            out.append(indent).append("}\n");
        } else if (s instanceof If i) {
            ifChain(out, ctx, i, indent);
        } else if (s instanceof Ast.Switch sw) {
            switchStatement(out, ctx, sw, indent);
        } else if (s instanceof For f) {
            out.append(label(f.label())).append("for (").append(decl(ctx, f.init())).append("; ").append(expr(ctx, f.cond()))
                    .append("; ").append(simple(ctx, f.update())).append(") ");
            braced(out, ctx, f.body(), indent);
            out.append('\n');
        } else if (s instanceof Ast.ForEach fe) {
            String type = switch (fe.style()) {
                case VAR -> "var";
                case FINAL_TYPED -> "final " + fe.type().keyword();
                default -> fe.type().keyword();
            };
            out.append(label(fe.label())).append("for (").append(type).append(' ').append(fe.var()).append(" : ")
                    .append(expr(ctx, fe.array())).append(") ");
            braced(out, ctx, fe.body(), indent);
            out.append('\n');
        } else if (s instanceof While w) {
            out.append(label(w.label())).append("while (").append(expr(ctx, w.cond())).append(") ");
            braced(out, ctx, w.body(), indent);
            out.append('\n');
        } else if (s instanceof DoWhile d) {
            out.append(label(d.label())).append("do ");
            braced(out, ctx, d.body(), indent);
            out.append(" while (").append(expr(ctx, d.cond())).append(");\n");
        } else {
            out.append(simple(ctx, s)).append(";\n");
        }
    }

    private String decl(Ctx ctx, Decl d) {
        StringBuilder out = new StringBuilder();
        out.append(switch (d.style()) {
            case TYPED -> d.type().keyword();
            case VAR -> "var";
            case FINAL_TYPED -> "final " + d.type().keyword();
            case FINAL_VAR -> "final var";
        }).append(' ').append(d.name());
        if (d.init() != null) {
            out.append(" = ").append(expr(ctx, d.init()));
        }
        return out.toString();
    }

    /** A statement that is one line, without its semicolon (also the update of a {@code for}). */
    private String simple(Ctx ctx, Stmt s) {
        if (s instanceof Assign a) {
            return a.name() + ' ' + a.op() + ' ' + expr(ctx, a.value());
        } else if (s instanceof IncDec i) {
            String op = i.increment() ? "++" : "--";
            return i.prefix() ? op + i.name() : i.name() + op;
        } else if (s instanceof ExprStmt e) {
            return expr(ctx, e.call());
        } else if (s instanceof Break b) {
            return b.label() == null ? "break" : "break " + b.label();
        } else if (s instanceof Continue c) {
            return c.label() == null ? "continue" : "continue " + c.label();
        } else if (s instanceof Return r) {
            return "return " + expr(ctx, r.value());
        } else if (s instanceof Ast.Empty) {
            return "";
        } else if (s instanceof Store st) {
            StringBuilder out = new StringBuilder(st.array());
            for (Expr i : st.indices()) {
                out.append('[').append(expr(ctx, i)).append(']');
            }
            return out.append(' ').append(st.op()).append(' ').append(expr(ctx, st.value())).toString();
        }
        throw new IllegalArgumentException("not a simple statement: " + s);
    }

    private static String label(String label) {
        return label == null ? "" : label + ": ";
    }

    /** {@code { ... }} from the current position; the closing brace is indented and not followed by a newline. */
    private void braced(StringBuilder out, Ctx ctx, Block b, String indent) {
        out.append("{\n");
        statements(out, ctx, b.body(), indent + "    ");
        out.append(indent).append('}');
    }

    /** Whether a branch prints without braces: one statement that cannot swallow an else or declare a variable. */
    private static boolean braceless(If i, Block b) {
        if (i.braces() || b.body().size() != 1) {
            return false;
        }
        Stmt only = b.body().get(0);
        return only instanceof Assign || only instanceof IncDec || only instanceof ExprStmt || only instanceof Break
                || only instanceof Continue || only instanceof Return || only instanceof Store;
    }

    private void ifChain(StringBuilder out, Ctx ctx, If i, String indent) {
        out.append("if (").append(expr(ctx, i.cond())).append(") ");
        boolean thenBare = braceless(i, i.then());
        if (thenBare) {
            out.append(simple(ctx, i.then().body().get(0))).append(';');
        } else {
            braced(out, ctx, i.then(), indent);
        }
        Stmt otherwise = i.otherwise();
        if (otherwise == null) {
            out.append('\n');
            return;
        }
        out.append(thenBare ? "\n" + indent + "else " : " else ");
        if (otherwise instanceof If elseIf) {
            ifChain(out, ctx, elseIf, indent);
        } else if (braceless(i, (Block) otherwise)) {
            out.append(simple(ctx, ((Block) otherwise).body().get(0))).append(";\n");
        } else {
            braced(out, ctx, (Block) otherwise, indent);
            out.append('\n');
        }
    }

    // ------------------------------------------------------------------ expressions

    /** An assignment used as a value: parenthesized wherever it is an operand. */
    private static final int ASSIGNMENT = 0;
    private static final int CONDITIONAL = 1;
    private static final int OR = 2;
    private static final int AND = 3;
    private static final int RELATIONAL = 4;
    private static final int ADDITIVE = 5;
    private static final int MULTIPLICATIVE = 6;
    private static final int UNARY = 7;
    private static final int PRIMARY = 8;

    private static int precedence(Expr e) {
        if (e instanceof Binary b) {
            // & (an int mask) binds looser than comparisons, tighter than && (which never takes an int)
            return b.op() == '&' ? AND : b.op() == '+' || b.op() == '-' ? ADDITIVE : MULTIPLICATIVE;
        }
        if (e instanceof Cond) {
            return CONDITIONAL;
        }
        if (e instanceof Ast.AssignExpr || e instanceof Ast.StoreExpr) {
            return ASSIGNMENT;
        }
        if (e instanceof Ast.IncDecExpr i) {
            return i.prefix() ? UNARY : PRIMARY;
        }
        if (e instanceof Ast.SwitchExpr) {
            return UNARY;
        }
        if (e instanceof Logic l) {
            return l.op().equals("||") ? OR : AND;
        }
        if (e instanceof Cmp) {
            return RELATIONAL;
        }
        return e instanceof Unary || e instanceof Cast || e instanceof Not ? UNARY : PRIMARY;
    }

    /** Prints an expression as it would appear in the body of a method of {@code cls}. */
    public static String expression(Program program, ClassDef cls, Expr e) {
        ClassDef file = cls.id().equals("Q") && cls.placement() == Placement.NESTED ? program.p() : cls;
        return new JavaPrinter(program).expr(new Ctx(cls, file, new TreeSet<>()), e);
    }

    private String expr(Ctx ctx, Expr e) {
        if (e instanceof Lit l) {
            return l.text();
        } else if (e instanceof Var v) {
            return v.name();
        } else if (e instanceof Field f) {
            return field(ctx, f);
        } else if (e instanceof Unary u) {
            String inner = operand(ctx, u.operand(), UNARY, false);
            // "- -x" and "+ +x" would read as -- and ++.
            if (inner.charAt(0) == u.op()) {
                inner = "(" + inner + ")";
            }
            return u.op() + inner;
        } else if (e instanceof Binary b) {
            int p = precedence(b);
            return operand(ctx, b.left(), p, false) + " " + b.op() + " " + operand(ctx, b.right(), p, true);
        } else if (e instanceof Cast c) {
            return "(" + c.to().keyword() + ") " + operand(ctx, c.operand(), UNARY, false);
        } else if (e instanceof MathCall m) {
            return mathName(ctx, m) + args(ctx, m.args());
        } else if (e instanceof Cmp c) {
            // relational operators do not associate (a < b < c is not Java): both operands are numeric
            return operand(ctx, c.left(), RELATIONAL, true) + " " + c.op() + " " + operand(ctx, c.right(), RELATIONAL, true);
        } else if (e instanceof Logic l) {
            int p = precedence(l);
            return operand(ctx, l.left(), p, false) + " " + l.op() + " " + operand(ctx, l.right(), p, true);
        } else if (e instanceof Not n) {
            return "!" + operand(ctx, n.operand(), UNARY, false);
        } else if (e instanceof Cond c) {
            // a ? b : c ? d : e needs no parentheses; a conditional as condition or first branch gets them
            return operand(ctx, c.cond(), CONDITIONAL, true) + " ? " + operand(ctx, c.then(), CONDITIONAL, true) + " : "
                    + operand(ctx, c.otherwise(), CONDITIONAL, false);
        }
        if (e instanceof Ast.AssignExpr a) {
            return a.name() + ' ' + a.op() + ' ' + operand(ctx, a.value(), ASSIGNMENT, false);
        } else if (e instanceof Ast.IncDecExpr i) {
            String op = i.increment() ? "++" : "--";
            return i.prefix() ? op + i.name() : i.name() + op;
        } else if (e instanceof Ast.StoreExpr st) {
            StringBuilder out = new StringBuilder(st.array());
            for (Expr i : st.indices()) {
                out.append('[').append(expr(ctx, i)).append(']');
            }
            return out.append(' ').append(st.op()).append(' ').append(operand(ctx, st.value(), ASSIGNMENT, false)).toString();
        } else if (e instanceof Ast.SwitchExpr sw) {
            return switchExpression(ctx, sw);
        }
        if (e instanceof Index ix) {
            return arrayOperand(ctx, ix.array()) + "[" + expr(ctx, ix.index()) + "]";
        } else if (e instanceof Length len) {
            return arrayOperand(ctx, len.array()) + ".length";
        } else if (e instanceof ArrCall ac) {
            return arrayName(ctx, ac) + args(ctx, ac.args());
        } else if (e instanceof NewArr na) {
            StringBuilder out = new StringBuilder("new double");
            for (Expr d : na.dims()) {
                out.append('[').append(expr(ctx, d)).append(']');
            }
            return out.toString();
        } else if (e instanceof ArrLit lit) {
            return arrayLiteral(ctx, lit);
        }
        Call c = (Call) e;
        return callName(ctx, c) + args(ctx, c.args());
    }

    /** {@code switch (k) { case 1 -> v; default -> { double t = ...; yield t; } }}, on one line. */
    private String switchExpression(Ctx ctx, Ast.SwitchExpr sw) {
        StringBuilder out = new StringBuilder("switch (").append(expr(ctx, sw.selector())).append(") {");
        for (Ast.ExprCase c : sw.cases()) {
            out.append(c.labels().isEmpty() ? " default" : " case " + c.labels().stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            out.append(" -> ");
            if (c.body().body().isEmpty()) {
                out.append(expr(ctx, c.value())).append(';');
            } else {
                StringBuilder body = new StringBuilder();
                statements(body, ctx, c.body().body(), "");
                out.append("{ ").append(body.toString().replace('\n', ' ')).append("yield ").append(expr(ctx, c.value()))
                        .append("; }");
            }
        }
        return out.append(" }").toString();
    }

    /** An array expression that is indexed or asked its length: an array creation needs parentheses there. */
    private String arrayOperand(Ctx ctx, Expr e) {
        String s = expr(ctx, e);
        return e instanceof NewArr || e instanceof ArrLit ? "(" + s + ")" : s;
    }

    private String arrayLiteral(Ctx ctx, ArrLit lit) {
        StringBuilder out = new StringBuilder();
        if (!lit.bare()) {
            out.append(lit.type() == JType.VECTOR ? "new double[] " : "new double[][] ");
        }
        List<Expr> elements = lit.elements();
        int columns = lit.type() == JType.VECTOR ? Math.max(1, elements.size()) : lit.columns();
        if (lit.type() == JType.MATRIX) {
            out.append('{');
        }
        for (int r = 0; r * columns < Math.max(1, elements.size()); r++) {
            out.append(r > 0 ? ", " : "").append('{');
            for (int c = 0; c < columns && r * columns + c < elements.size(); c++) {
                out.append(c > 0 ? ", " : "").append(expr(ctx, elements.get(r * columns + c)));
            }
            out.append('}');
        }
        if (lit.type() == JType.MATRIX) {
            out.append('}');
        }
        return out.toString();
    }

    /** {@code fn}, {@code ArrayMath.fn} or {@code io.github.sourcegrad.ArrayMath.fn}, by the file's style. */
    private String arrayName(Ctx ctx, ArrCall ac) {
        ArrayStyle style = ctx.fileClass.arrayStyle();
        String fn = ac.fn();
        if (style == ArrayStyle.FULLY_QUALIFIED) {
            return ARRAY_MATH + "." + fn;
        }
        boolean unqualified = (style == ArrayStyle.ON_DEMAND || style == ArrayStyle.SINGLE) && !ac.qualified() && !hidden(ctx, fn);
        if (unqualified && SMOOTH_NAMES.contains(fn) && style == ArrayStyle.SINGLE && ctx.fileClass.mathStyle() == MathStyle.ON_DEMAND) {
            // a single import of ArrayMath.sigmoid would hide SmoothMath.sigmoid, which the file may import on demand
            unqualified = false;
        }
        if (unqualified && MATH_NAMES.contains(fn) && ctx.fileClass.mathStyle() != MathStyle.QUALIFIED) {
            // Math's static imports hold the same name: the single imports would hide one or the other; under
            // two on-demand imports the arguments choose, as javac does
            unqualified = style == ArrayStyle.ON_DEMAND && ctx.fileClass.mathStyle() == MathStyle.ON_DEMAND;
        }
        if (unqualified) {
            if (style == ArrayStyle.SINGLE) {
                ctx.arraySingles.add(fn);
            } else {
                ctx.arrayImported.set(true);
            }
            return fn;
        }
        ctx.arrayMathNamed.set(true);
        return "ArrayMath." + fn;
    }

    private String operand(Ctx ctx, Expr e, int parent, boolean right) {
        String s = expr(ctx, e);
        int p = precedence(e);
        return p < parent || (right && p == parent && p != UNARY) ? "(" + s + ")" : s;
    }

    private String args(Ctx ctx, List<Expr> args) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            out.append(i > 0 ? ", " : "").append(expr(ctx, args.get(i)));
        }
        return out.append(')').toString();
    }

    private String field(Ctx ctx, Field f) {
        return switch (f.kind()) {
            case MATH_PI, MATH_E -> {
                String name = f.kind() == Ast.FieldKind.MATH_PI ? "PI" : "E";
                yield !f.qualified() && ctx.mathImported(name) ? name : "Math." + name;
            }
            case STRICT_PI -> "StrictMath.PI";
            case STRICT_E -> "StrictMath.E";
            case CONSTANT -> !f.qualified() && canUseUnqualified(ctx, f.owner()) ? imported(ctx, f.owner(), f.name())
                    : program.simpleName(f.owner()) + "." + f.name();
        };
    }

    private String mathName(Ctx ctx, MathCall m) {
        if (SMOOTH_NAMES.contains(m.fn())) {
            return smoothName(ctx, m);
        }
        if (m.strict()) {
            return "StrictMath." + m.fn();
        }
        if (!m.qualified() && !hidden(ctx, m.fn()) && ctx.mathImported(m.fn())) {
            return m.fn();
        }
        return "Math." + m.fn();
    }

    /**
     * A SmoothMath function: fully qualified (for the calls Math would write as StrictMath), unqualified under
     * {@code import static SmoothMath.*} in the files that import Math on demand (unless a single static import
     * of ArrayMath could hide the name), otherwise {@code SmoothMath.fn}.
     */
    private String smoothName(Ctx ctx, MathCall m) {
        if (m.strict()) {
            return SMOOTH_MATH + "." + m.fn();
        }
        if (!m.qualified() && !hidden(ctx, m.fn()) && ctx.fileClass.mathStyle() == MathStyle.ON_DEMAND
                && ctx.fileClass.arrayStyle() != ArrayStyle.SINGLE) {
            ctx.smoothImported.set(true);
            return m.fn();
        }
        ctx.smoothNamed.set(true);
        return "SmoothMath." + m.fn();
    }

    private String callName(Ctx ctx, Call c) {
        boolean mathNamed = Generator.MATH_NAMED_METHODS.contains(c.method());
        if (!c.qualified() && canUseUnqualified(ctx, c.owner()) && !(mathNamed && !c.owner().equals(ctx.cls.id())
                && !(ctx.cls.placement() == Placement.NESTED && c.owner().equals("P")))) {
            return imported(ctx, c.owner(), c.method());
        }
        return program.simpleName(c.owner()) + "." + c.method();
    }

    /** A member of {@code owner} named without qualification; Q's single static imports of P's members are collected. */
    private static String imported(Ctx ctx, String owner, String name) {
        if (!owner.equals(ctx.cls.id()) && ctx.cls.staticImportOfP()) {
            ctx.memberImports.add(name);
        }
        return name;
    }

    /** Whether a member of class {@code owner} can be named without qualification from {@code ctx}. */
    private boolean canUseUnqualified(Ctx ctx, String owner) {
        if (owner.equals(ctx.cls.id())) {
            return true;
        }
        return owner.equals("P") && (ctx.cls.placement() == Placement.NESTED || ctx.cls.staticImportOfP());
    }

    /** Names of methods that hide (or would make ambiguous) a statically imported Math function. */
    private boolean hidden(Ctx ctx, String name) {
        if (ctx.cls.method(name) != null) {
            return true;
        }
        ClassDef p = program.p();
        boolean seesP = ctx.cls.id().equals("P") || ctx.cls.placement() == Placement.NESTED || ctx.cls.staticImportOfP();
        return seesP && p.method(name) != null;
    }

    /** Printing context: the class whose method is printed and the class whose file holds the imports. */
    private static final class Ctx {
        final ClassDef cls;
        final ClassDef fileClass;
        final Set<String> singleImports;
        final Set<String> memberImports = new TreeSet<>();
        // what the file needs of ArrayMath: the class imported, its members on demand, single members
        final java.util.concurrent.atomic.AtomicBoolean arrayMathNamed;
        final java.util.concurrent.atomic.AtomicBoolean arrayImported;
        final Set<String> arraySingles;
        // what the file needs of SmoothMath: the class imported, its members on demand
        final java.util.concurrent.atomic.AtomicBoolean smoothNamed;
        final java.util.concurrent.atomic.AtomicBoolean smoothImported;

        Ctx(ClassDef cls, ClassDef fileClass, Set<String> singleImports) {
            this.cls = cls;
            this.fileClass = fileClass;
            this.singleImports = singleImports;
            this.arrayMathNamed = new java.util.concurrent.atomic.AtomicBoolean();
            this.arrayImported = new java.util.concurrent.atomic.AtomicBoolean();
            this.arraySingles = new TreeSet<>();
            this.smoothNamed = new java.util.concurrent.atomic.AtomicBoolean();
            this.smoothImported = new java.util.concurrent.atomic.AtomicBoolean();
        }

        /** The context of a class nested in the file of {@code outer}: the same imports. */
        Ctx(ClassDef cls, Ctx outer) {
            this.cls = cls;
            this.fileClass = outer.fileClass;
            this.singleImports = outer.singleImports;
            this.arrayMathNamed = outer.arrayMathNamed;
            this.arrayImported = outer.arrayImported;
            this.arraySingles = outer.arraySingles;
            this.smoothNamed = outer.smoothNamed;
            this.smoothImported = outer.smoothImported;
        }

        boolean mathImported(String name) {
            switch (fileClass.mathStyle()) {
                case ON_DEMAND:
                    return true;
                case SINGLE:
                    singleImports.add(name);
                    return true;
                default:
                    return false;
            }
        }
    }
}
