package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.processor.fuzz.Ast.Assign;
import io.github.sourcegrad.processor.fuzz.Ast.Binary;
import io.github.sourcegrad.processor.fuzz.Ast.Block;
import io.github.sourcegrad.processor.fuzz.Ast.Call;
import io.github.sourcegrad.processor.fuzz.Ast.Cast;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Constant;
import io.github.sourcegrad.processor.fuzz.Ast.Decl;
import io.github.sourcegrad.processor.fuzz.Ast.Expr;
import io.github.sourcegrad.processor.fuzz.Ast.ExprStmt;
import io.github.sourcegrad.processor.fuzz.Ast.Field;
import io.github.sourcegrad.processor.fuzz.Ast.IncDec;
import io.github.sourcegrad.processor.fuzz.Ast.Lit;
import io.github.sourcegrad.processor.fuzz.Ast.MathCall;
import io.github.sourcegrad.processor.fuzz.Ast.MathStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Placement;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Ast.Stmt;
import io.github.sourcegrad.processor.fuzz.Ast.Unary;
import io.github.sourcegrad.processor.fuzz.Ast.Var;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link Program} as Java source files. Names are printed in the shortest form that means the
 * same thing in Java: a {@code Math} function is left unqualified only under a static import and when no
 * method of the class (or an enclosing class) of that name hides it.
 */
public final class JavaPrinter {

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
        if (top.mathStyle() == MathStyle.ON_DEMAND) {
            out.append("import static java.lang.Math.*;\n");
        } else if (top.mathStyle() == MathStyle.SINGLE) {
            for (String name : topCtx.singleImports) {
                out.append("import static java.lang.Math.").append(name).append(";\n");
            }
        }
        out.append('\n').append(body);
        return out.toString();
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
            Ctx inner = new Ctx(nested, ctx.fileClass, ctx.singleImports);
            classBody(out, inner, null, level + 1);
        }
        out.append(indent).append("}\n");
    }

    private void method(StringBuilder out, Ctx ctx, Method m, String indent) {
        out.append(indent).append(ctx.cls.qualifiedAnnotation() ? "@io.github.sourcegrad.Differentiable" : "@Differentiable");
        if (m.wrt() != null) {
            out.append("(wrt = ");
            if (m.wrt().size() == 1) {
                out.append('"').append(m.wrt().get(0)).append('"');
            } else {
                out.append('{');
                for (int i = 0; i < m.wrt().size(); i++) {
                    out.append(i > 0 ? ", " : "").append('"').append(m.wrt().get(i)).append('"');
                }
                out.append('}');
            }
            out.append(')');
        }
        out.append('\n').append(indent).append(m.visibility().prefix()).append("static double ").append(m.name()).append('(');
        for (int i = 0; i < m.params().size(); i++) {
            Param p = m.params().get(i);
            out.append(i > 0 ? ", " : "").append(p.isFinal() ? "final " : "").append(p.type().keyword()).append(' ').append(p.name());
        }
        out.append(") {\n");
        statements(out, ctx, m.body(), indent + "    ");
        out.append(indent).append("    return ").append(expr(ctx, m.result())).append(";\n");
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
            out.append(switch (d.style()) {
                case TYPED -> d.type().keyword();
                case VAR -> "var";
                case FINAL_TYPED -> "final " + d.type().keyword();
                case FINAL_VAR -> "final var";
            }).append(' ').append(d.name());
            if (d.init() != null) {
                out.append(" = ").append(expr(ctx, d.init()));
            }
            out.append(";\n");
        } else if (s instanceof Assign a) {
            out.append(a.name()).append(' ').append(a.op()).append(' ').append(expr(ctx, a.value())).append(";\n");
        } else if (s instanceof IncDec i) {
            String op = i.increment() ? "++" : "--";
            out.append(i.prefix() ? op + i.name() : i.name() + op).append(";\n");
        } else if (s instanceof Block b) {
            out.append("{\n");
            statements(out, ctx, b.body(), indent + "    ");
            out.append(indent).append("}\n");
        } else if (s instanceof ExprStmt e) {
            out.append(expr(ctx, e.call())).append(";\n");
        } else {
            out.append(";\n");
        }
    }

    // ------------------------------------------------------------------ expressions

    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int UNARY = 3;
    private static final int PRIMARY = 4;

    private static int precedence(Expr e) {
        if (e instanceof Binary b) {
            return b.op() == '+' || b.op() == '-' ? ADDITIVE : MULTIPLICATIVE;
        }
        return e instanceof Unary || e instanceof Cast ? UNARY : PRIMARY;
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
        }
        Call c = (Call) e;
        return callName(ctx, c) + args(ctx, c.args());
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
        if (m.strict()) {
            return "StrictMath." + m.fn();
        }
        if (!m.qualified() && !hidden(ctx, m.fn()) && ctx.mathImported(m.fn())) {
            return m.fn();
        }
        return "Math." + m.fn();
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

        Ctx(ClassDef cls, ClassDef fileClass, Set<String> singleImports) {
            this.cls = cls;
            this.fileClass = fileClass;
            this.singleImports = singleImports;
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
