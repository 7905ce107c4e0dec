package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import java.util.function.Function;

/** Prints backward expressions and forward operands as Java, with only the parentheses Java needs. */
final class ExprPrinter {
    private static final ClassName MATH = ClassName.get(Math.class);
    static final ClassName SMOOTH_MATH = ClassName.bestGuess(io.github.sourcegrad.processor.ir.MathFunction.SMOOTH_OWNER);
    static final ClassName ARRAY_MATH = ClassName.bestGuess(io.github.sourcegrad.processor.ir.ArrayFunction.OWNER);

    // Java precedence levels, lowest first.
    private static final int CONDITIONAL = 1;
    private static final int EQUALITY = 2;
    private static final int RELATIONAL = 3;
    private static final int ADDITIVE = 4;
    private static final int MULTIPLICATIVE = 5;
    private static final int UNARY = 6;
    private static final int PRIMARY = 7;

    /**
     * A printed expression. {@code text} is its source when it names no type (operands, literals, arithmetic on
     * them), else null and {@code block} holds it: JavaPoet then renders one piece instead of one per token, which
     * keeps writing the companion cheap (it renders each body three times: for the fingerprint and twice for the file).
     */
    private record Printed(CodeBlock block, int precedence, String text) {
        Printed(CodeBlock block, int precedence) {
            this(block, precedence, null);
        }

        static Printed plain(String text, int precedence) {
            return new Printed(null, precedence, text);
        }

        CodeBlock code() {
            return text != null ? CodeBlock.of("$L", text) : block;
        }

        /** What a {@code $L} argument takes: the text itself, or the code block. */
        Object arg() {
            return text != null ? text : block;
        }
    }

    private final Function<Value, String> forwardNames;
    private final Function<Value, String> adjointNames;
    private final Function<Expr.Partial, CodeBlock> partials;
    /** The buffer form's workspace variable ({@code ws}), or null: then every ArrayMath result is allocated. */
    private final String workspace;
    /** Set when a printed ArrayMath result had to be allocated although a workspace was given. */
    private final boolean[] allocated;

    ExprPrinter(Names names, Function<Expr.Partial, CodeBlock> partials) {
        this(names::of, names::adjoint, partials);
    }

    ExprPrinter(Function<Value, String> forwardNames, Function<Value, String> adjointNames,
            Function<Expr.Partial, CodeBlock> partials) {
        this(forwardNames, adjointNames, partials, null, new boolean[1]);
    }

    private ExprPrinter(Function<Value, String> forwardNames, Function<Value, String> adjointNames,
            Function<Expr.Partial, CodeBlock> partials, String workspace, boolean[] allocated) {
        this.forwardNames = forwardNames;
        this.adjointNames = adjointNames;
        this.partials = partials;
        this.workspace = workspace;
        this.allocated = allocated;
    }

    /**
     * This printer, printing each ArrayMath operation that returns an array as its {@code Into} kernel writing into an
     * array of the thread's workspace {@code ws}: {@code addInto(t1, b1, ws.like(t1))}.
     */
    ExprPrinter withWorkspace(String ws) {
        return new ExprPrinter(forwardNames, adjointNames, partials, ws, new boolean[1]);
    }

    /** True when, with a workspace, some ArrayMath result printed so far is still allocated (no Into kernel, or an unknown shape). */
    boolean allocatedArrays() {
        return allocated[0];
    }

    /** True when this printer writes ArrayMath results into the workspace. */
    boolean usesWorkspace() {
        return workspace != null;
    }

    /**
     * {@code e} written straight into a parameter's gradient buffer {@code out} ({@code transposedTimesInto(x, dt1,
     * gradW1)}), or null where it is computed in the workspace and copied at the end. The kernels that accept
     * {@code out} of the parameter's shape whatever the arguments' shapes ({@code sumRows}, {@code transposedTimes},
     * {@code xᵀA} and {@code copy}: a gradient summed over a minibatch of no rows is zeros of any shape, as
     * {@code copyInto} writes it) write into it, and any other whose result has its exact shape
     * ({@code scaleInto(dt2, h, gradW2)}, see {@link ArrayShapes.Exact}); any other would throw where
     * {@code copyInto} writes zeros.
     */
    CodeBlock printInto(Expr e, CodeBlock out, ArrayShapes.Exact exact) {
        if (e instanceof Expr.ArrayOp a && workspace != null && ArrayShapes.dims(a, this) != null
                && (a.method().equals("sumRows") || a.method().equals("transposedTimes") || a.method().equals("copy")
                        || a.method().equals("matmul") && ArrayShapes.type(a.args().get(0)) == Type.VECTOR
                        || exact.test(a))) {
            return into(a, out);
        }
        return null;
    }

    /**
     * {@code e} as a new array where it is an ArrayMath operation (its arguments may still be printed into the
     * workspace): a gradient that a record returns.
     */
    CodeBlock printFresh(Expr e) {
        if (workspace == null || !(e instanceof Expr.ArrayOp a)) {
            return print(e);
        }
        CodeBlock.Builder args = CodeBlock.builder();
        for (int i = 0; i < a.args().size(); i++) {
            args.add(i == 0 ? "$L" : ", $L", printed(a.args().get(i)).arg());
        }
        return CodeBlock.of("$T." + a.method() + "($L)", ARRAY_MATH, args.build());
    }

    /** A zero array of {@code v}'s shape from the workspace ({@code ws.like(h)}), or null without a workspace. */
    CodeBlock workspaceZeros(Value v) {
        return workspace == null || !v.type().isReal() || !v.type().isArray() ? null
                : CodeBlock.of("$N.like($N)", workspace, forwardNames.apply(v));
    }

    String workspaceName() {
        return workspace;
    }

    private CodeBlock into(Expr.ArrayOp a, CodeBlock out) {
        CodeBlock.Builder args = CodeBlock.builder();
        for (Expr arg : a.args()) {
            args.add("$L, ", printed(arg).arg());
        }
        return CodeBlock.of("$T." + a.method() + "Into($L$L)", ARRAY_MATH, args.build(), out);
    }

    CodeBlock print(Expr e) {
        return printed(e).code();
    }

    CodeBlock operand(Operand operand) {
        return printedOperand(operand).code();
    }

    private Printed printedOperand(Operand operand) {
        if (operand instanceof Value v) {
            return Printed.plain(forwardNames.apply(v), PRIMARY);
        }
        if (operand instanceof Literal literal) {
            return Printed.plain(literal.text(), PRIMARY);
        }
        StaticField field = (StaticField) operand;
        return new Printed(CodeBlock.of("$T.$N", className(field.owner()), field.name()), PRIMARY);
    }

    static ClassName className(TypeRef ref) {
        return ClassName.get(ref.packageName(), ref.simpleNames().get(0),
                ref.simpleNames().subList(1, ref.simpleNames().size()).toArray(new String[0]));
    }

    /** What an element read gives back: {@code da[i] += e}, or {@code addTo(dm[i], e)} for a matrix's row. */
    CodeBlock scatter(String adjoint, io.github.sourcegrad.processor.ir.Type type, Expr.Scatter scatter) {
        CodeBlock.Builder element = CodeBlock.builder().add("$N", adjoint);
        scatter.indices().forEach(i -> element.add("[$L]", printed(i).arg()));
        if (scatter.indices().size() == 1 && type == io.github.sourcegrad.processor.ir.Type.MATRIX) {
            return CodeBlock.of("$T.addTo($L, $L)", ARRAY_MATH, element.build(), printed(scatter.value()).arg());
        }
        return CodeBlock.of("$L += $L", element.build(), printed(scatter.value()).arg());
    }

    private Printed printed(Expr e) {
        if (e instanceof Expr.Num n) {
            return Printed.plain(n.text(), n.text().startsWith("-") ? UNARY : PRIMARY);
        }
        if (e instanceof Expr.Forward f) {
            return printedOperand(f.operand());
        }
        if (e instanceof Expr.Adjoint a) {
            return Printed.plain(adjointNames.apply(a.of()), PRIMARY);
        }
        if (e instanceof Expr.Tangent t) {
            return Printed.plain(adjointNames.apply(t.of()), PRIMARY); // a forward-mode printer names tangents there
        }
        if (e instanceof Expr.Negate n) {
            Printed inner = wrap(n.operand(), UNARY);
            // "- -x" and "--x" would read badly or not parse: parenthesize an operand that starts with a minus
            if (inner.text() != null) {
                return Printed.plain(inner.text().startsWith("-") ? "-(" + inner.text() + ")" : "-" + inner.text(), UNARY);
            }
            CodeBlock code = inner.block();
            if (code.toString().startsWith("-")) {
                code = CodeBlock.of("($L)", code);
            }
            return new Printed(CodeBlock.of("-$L", code), UNARY);
        }
        if (e instanceof Expr.Binary b) {
            int level = switch (b.op()) {
                case ADD, SUBTRACT -> ADDITIVE;
                case MULTIPLY, DIVIDE -> MULTIPLICATIVE;
            };
            // left-associative: the right operand needs a strictly tighter binding to keep its grouping
            return infix(wrap(b.left(), level), b.op().symbol(), wrap(b.right(), level + 1), level);
        }
        if (e instanceof Expr.Call c) {
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < c.args().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", printed(c.args().get(i)).arg());
            }
            ClassName owner = c.function().isSmooth() ? SMOOTH_MATH : MATH;
            return new Printed(CodeBlock.of("$T.$N($L)", owner, c.function().javaName(), args.build()), PRIMARY);
        }
        if (e instanceof Expr.ArrayOp a && workspace != null) {
            ArrayShapes.Dims dims = ArrayShapes.dims(a, this);
            if (dims != null) {
                return new Printed(into(a, dims.scratch(workspace)), PRIMARY);
            }
        }
        if (e instanceof Expr.ArrayOp a) {
            Type type = ArrayShapes.type(a);
            allocated[0] |= type == null || type.isArray();
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < a.args().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", printed(a.args().get(i)).arg());
            }
            return new Printed(CodeBlock.of("$T." + a.method() + "($L)", ARRAY_MATH, args.build()), PRIMARY);
        }
        if (e instanceof Expr.Element el) {
            String array = adjointNames.apply(el.array());
            List<Printed> indices = el.indices().stream().map(this::printed).toList();
            if (indices.stream().allMatch(i -> i.text() != null)) {
                StringBuilder text = new StringBuilder(array);
                indices.forEach(i -> text.append('[').append(i.text()).append(']'));
                return Printed.plain(text.toString(), PRIMARY);
            }
            CodeBlock.Builder code = CodeBlock.builder().add("$N", array);
            indices.forEach(i -> code.add("[$L]", i.arg()));
            return new Printed(code.build(), PRIMARY);
        }
        if (e instanceof Expr.Scatter sc) {
            // the element itself is printed by the statement (da[i] += ...); here only what goes into it
            return printed(sc.value());
        }
        if (e instanceof Expr.Conditional c) {
            int level = c.cmp() == Expr.Comparison.EQUAL ? EQUALITY : RELATIONAL;
            Printed test = infix(wrap(c.left(), level + 1), c.cmp().symbol(), wrap(c.right(), level + 1), level);
            Printed then = wrap(c.then(), EQUALITY);
            Printed otherwise = wrap(c.otherwise(), CONDITIONAL);
            if (test.text() != null && then.text() != null && otherwise.text() != null) {
                return Printed.plain(test.text() + " ? " + then.text() + " : " + otherwise.text(), CONDITIONAL);
            }
            return new Printed(CodeBlock.of("$L ? $L : $L", test.arg(), then.arg(), otherwise.arg()), CONDITIONAL);
        }
        return new Printed(partials.apply((Expr.Partial) e), PRIMARY);
    }

    /** {@code left op right} at precedence {@code level}, as text when both sides are. */
    private static Printed infix(Printed left, String op, Printed right, int level) {
        if (left.text() != null && right.text() != null) {
            return Printed.plain(left.text() + " " + op + " " + right.text(), level);
        }
        return new Printed(CodeBlock.of("$L $L $L", left.arg(), op, right.arg()), level);
    }

    private Printed wrap(Expr e, int required) {
        Printed p = printed(e);
        if (p.precedence() >= required) {
            return p;
        }
        return p.text() != null ? Printed.plain("(" + p.text() + ")", PRIMARY) : new Printed(CodeBlock.of("($L)", p.block()), PRIMARY);
    }
}
