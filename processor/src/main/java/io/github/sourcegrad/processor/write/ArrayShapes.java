package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shapes of ArrayMath results, for the buffer form, which writes each into an array of the thread's workspace
 * of exactly that shape: {@code ws.scratchLike(t1)} for an element-wise result, {@code ws.scratch(w1.length)} for
 * {@code matmul(w1, x)}, {@code ws.scratch(x.length, columns(w1))} for {@code matmul(x, w1)}. The workspace does
 * not clear these arrays ({@code scratch}, not {@code vector} or {@code matrix}): every {@code Into} kernel writes
 * all of its {@code out}. A shape is read from arguments that are variables, never by evaluating an argument twice.
 */
final class ArrayShapes {

    /** The operations whose result has the shape of their (first) array argument. */
    private static final Set<String> ELEMENT_WISE = Set.of("add", "subtract", "multiply", "divide", "scale", "negate",
            "square", "exp", "log", "tanh", "sigmoid", "relu", "softplus", "logSigmoid", "logAddExp", "max", "softmax",
            "copy", "filled", "onesLike", "zerosLike", "maskGreater", "maskGreaterOrHalf", "oneMinus", "oneMinusSquare",
            "softmaxBackward", "addRow", "subtractRow", "multiplyRow");

    private ArrayShapes() {}

    /** The shape of an array result: printable as the workspace request for an array of it. */
    sealed interface Dims {
        /** {@code ws.scratchLike(x)}, {@code ws.scratch(n)} or {@code ws.scratch(rows, cols)}: an array not cleared. */
        CodeBlock scratch(String ws);

        /** The length of a vector, the number of rows of a matrix. */
        CodeBlock rows();

        /** The number of columns of a matrix. */
        CodeBlock columns();
    }

    /** The shape of the variable {@code x}. */
    record Like(CodeBlock x, Type type) implements Dims {
        public CodeBlock scratch(String ws) {
            return CodeBlock.of("$N.scratchLike($L)", ws, x);
        }

        public CodeBlock rows() {
            return CodeBlock.of("$L.length", x);
        }

        public CodeBlock columns() {
            return CodeBlock.of("$T.columns($L)", ExprPrinter.ARRAY_MATH, x);
        }
    }

    record Vector(CodeBlock length) implements Dims {
        public CodeBlock scratch(String ws) {
            return CodeBlock.of("$N.scratch($L)", ws, length);
        }

        public CodeBlock rows() {
            return length;
        }

        public CodeBlock columns() {
            throw new IllegalStateException("a vector has no columns");
        }
    }

    record Matrix(CodeBlock rows, CodeBlock columns) implements Dims {
        public CodeBlock scratch(String ws) {
            return CodeBlock.of("$N.scratch($L, $L)", ws, rows, columns);
        }
    }

    /**
     * The shape of the array {@code op} returns, or null when it returns a number, has no {@code Into} kernel or
     * has an argument whose type is not known here (then the buffer form allocates its result as before).
     */
    static Dims dims(Expr.ArrayOp op, ExprPrinter printer) {
        Type result = type(op);
        if (result != Type.VECTOR && result != Type.MATRIX) {
            return null;
        }
        List<Expr> args = op.args();
        for (Expr arg : args) {
            if (type(arg) == null) {
                return null;
            }
        }
        String m = op.method();
        if (ELEMENT_WISE.contains(m)) {
            Expr first = null;
            for (Expr arg : args) {
                if (type(arg) == result) {
                    if (simple(arg)) {
                        return new Like(printer.print(arg), result);
                    }
                    first = first == null ? arg : first;
                }
            }
            return first instanceof Expr.ArrayOp nested ? dims(nested, printer) : null;
        }
        if (m.equals("broadcastRows")) {
            return of(args.get(1), printer);
        }
        if (args.isEmpty()) {
            return null;
        }
        Dims a = of(args.get(0), printer);
        Dims b = args.size() > 1 ? of(args.get(1), printer) : null;
        if (a == null || (args.size() > 1 && b == null)) {
            return null;
        }
        Type ta = type(args.get(0));
        return switch (m) {
            case "matmul" -> ta == Type.VECTOR ? new Vector(b.columns())
                    : result == Type.VECTOR ? new Vector(a.rows()) : new Matrix(a.rows(), b.columns());
            case "timesTransposed" -> result == Type.VECTOR ? new Vector(b.rows()) : new Matrix(a.rows(), b.rows());
            case "transposedTimes" -> result == Type.VECTOR ? new Vector(a.columns()) : new Matrix(a.columns(), b.columns());
            case "outer" -> new Matrix(a.rows(), b.rows());
            case "transpose" -> new Matrix(a.columns(), a.rows());
            case "sumRows" -> new Vector(a.columns());
            default -> null;
        };
    }

    /**
     * The arrays of a straight-line gradient whose shapes are the ones the mathematics gives them: a result
     * computed into a parameter's gradient array ({@code scaleInto(dt2, h, gradW2)}) instead of the workspace and
     * copied must have the parameter's shape, or the kernel throws where {@code copyInto} would have written zeros.
     * Java loses one dimension: a matrix of no rows has no column count, so a length taken from {@code columns(a)}
     * ({@code sumRows}, {@code transposedTimes}, {@code xᵀA}, {@code transpose}, {@code AB}'s columns) can be 0
     * where the mathematics says {@code m} (a minibatch of no rows). Exact are the parameters; the results of
     * element-wise operations with an exact argument of their type (the kernel checks that the others have its
     * shape); {@code outer}, {@code Ax} and {@code x Bᵀ}, {@code A Bᵀ} of exact arguments (their shapes are
     * lengths and row counts); and an adjoint whose declaration is exact (an adjoint has its value's shape).
     */
    record Exact(Set<Value> forward, Set<Value> adjoints) {

        static Exact of(Function f, Adjoint adjoint) {
            Exact exact = new Exact(new HashSet<>(f.parameters()), new HashSet<>());
            for (Instruction instruction : f.straightLine()) {
                if (instruction instanceof Instruction.ArrayCall a && exact.test(
                        new Expr.ArrayOp(a.function().javaName(), a.args().stream().map(Expr::of).toList()))) {
                    exact.forward.add(a.out());
                }
            }
            for (Adjoint.Statement s : adjoint.statements()) {
                if (s.declares() && (s.expr() instanceof Expr.Scatter ? exact.forward.contains(s.target())
                        : exact.test(s.expr()))) {
                    exact.adjoints.add(s.target());
                }
            }
            return exact;
        }

        /** True when {@code e}'s array has the shape the mathematics gives it. */
        boolean test(Expr e) {
            if (e instanceof Expr.Forward f) {
                return f.operand() instanceof Value v && forward.contains(v);
            }
            if (e instanceof Expr.Adjoint a) {
                return adjoints.contains(a.of());
            }
            if (!(e instanceof Expr.ArrayOp op)) {
                return false;
            }
            Type result = type(op);
            List<Expr> args = op.args();
            if (ELEMENT_WISE.contains(op.method())) {
                return args.stream().anyMatch(arg -> type(arg) == result && test(arg));
            }
            return switch (op.method()) {
                case "outer" -> test(args.get(0)) && test(args.get(1));
                case "matmul" -> result == Type.VECTOR && type(args.get(0)) == Type.MATRIX && test(args.get(0));
                case "timesTransposed" -> test(args.get(1)) && (result == Type.VECTOR || test(args.get(0)));
                default -> false;
            };
        }
    }

    /** The shape of an array argument. */
    private static Dims of(Expr e, ExprPrinter printer) {
        if (simple(e)) {
            return new Like(printer.print(e), type(e));
        }
        return e instanceof Expr.ArrayOp op ? dims(op, printer) : null;
    }

    /** A variable: printing it again costs nothing. */
    private static boolean simple(Expr e) {
        return e instanceof Expr.Adjoint || e instanceof Expr.Forward f && f.operand() instanceof Value;
    }

    /** The type of a backward expression, or null where it is not known here. */
    static Type type(Expr e) {
        if (e instanceof Expr.Forward f) {
            return f.operand() instanceof Value v ? v.type() : Type.DOUBLE;
        }
        if (e instanceof Expr.Adjoint a) {
            return a.of().type();
        }
        if (e instanceof Expr.ArrayOp op) {
            return opType(op);
        }
        if (e instanceof Expr.Partial) {
            return null;
        }
        if (e instanceof Expr.Scatter) {
            return null;
        }
        return Type.DOUBLE; // numbers, arithmetic, Math calls, conditionals, elements
    }

    private static Type opType(Expr.ArrayOp op) {
        List<Expr> args = op.args();
        return switch (op.method()) {
            case "sum", "dot", "logSumExp" -> Type.DOUBLE;
            case "matmul", "timesTransposed", "transposedTimes" -> args.size() == 2
                    && type(args.get(0)) == Type.MATRIX && type(args.get(1)) == Type.MATRIX ? Type.MATRIX : Type.VECTOR;
            case "outer", "transpose", "broadcastRows" -> Type.MATRIX;
            case "sumRows" -> Type.VECTOR;
            default -> {
                for (Expr arg : args) {
                    Type t = type(arg);
                    if (t == null || t.isArray()) {
                        yield t;
                    }
                }
                yield null;
            }
        };
    }
}
