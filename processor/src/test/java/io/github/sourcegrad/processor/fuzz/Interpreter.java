package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.processor.fuzz.Ast.ArrCall;
import io.github.sourcegrad.processor.fuzz.Ast.ArrLit;
import io.github.sourcegrad.processor.fuzz.Ast.Assign;
import io.github.sourcegrad.processor.fuzz.Ast.Binary;
import io.github.sourcegrad.processor.fuzz.Ast.Block;
import io.github.sourcegrad.processor.fuzz.Ast.Break;
import io.github.sourcegrad.processor.fuzz.Ast.Call;
import io.github.sourcegrad.processor.fuzz.Ast.Cast;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Cmp;
import io.github.sourcegrad.processor.fuzz.Ast.Cond;
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
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.NewArr;
import io.github.sourcegrad.processor.fuzz.Ast.Not;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Ast.Return;
import io.github.sourcegrad.processor.fuzz.Ast.Stmt;
import io.github.sourcegrad.processor.fuzz.Ast.Store;
import io.github.sourcegrad.processor.fuzz.Ast.Unary;
import io.github.sourcegrad.processor.fuzz.Ast.Var;
import io.github.sourcegrad.processor.fuzz.Ast.While;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a generated method the way the JVM does (same operations, same {@code Math} calls, Java's
 * int, long and float semantics) while carrying forward-mode tangents (dual numbers) for the
 * differentiated parameters. The derivative rules here are written independently of the processor's.
 *
 * <p>It also measures how close the point is to trouble: for every kink ({@code abs}, {@code max},
 * {@code floor}, an {@code (int)} cast, ...) and domain edge ({@code sqrt} near 0, {@code asin} near
 * +-1, ...) whose argument depends on a differentiated parameter, the distance in value divided by the
 * speed at which the argument moves gives an estimate of the distance in input space; test points with a
 * small estimate are discarded.
 *
 * <p>Control flow runs as Java runs it (short-circuit {@code &&} and {@code ||}, only the chosen branch of
 * {@code ?:}, labelled {@code break} and {@code continue}, early {@code return}), and the tangents follow
 * the path taken. Every comparison of doubles whose difference moves with the parameters is measured the
 * same way ({@link Result#branchDistance()}): the derivative of the path taken is exact there, but a
 * finite difference whose step crosses the switch point is not, so the test only skips finite differences
 * at points near a switch.
 *
 * <p>Arrays are arrays of such values (a matrix: an array of rows), shared by reference as in Java, so every
 * element carries its own tangent; the tangent of a differentiated array parameter has one slot per element
 * (row-major). The {@code ArrayMath} operations compute their values with the same floating-point operations
 * in the same order as {@code io.github.sourcegrad.ArrayMath} (so values agree bit for bit) and their
 * tangents from the textbook derivatives; {@code relu} and {@code max} are kinks, {@code log} and
 * {@code divide} have domain edges. A method that returns an array is checked through a pullback: its
 * "value" for the gradient is {@code sum(result * upstream)}.
 *
 * <p>For Hessians, {@link #hessianVector} evaluates forward over forward: each double carries, for a direction
 * {@code v}, a hyper-dual number (its gradient, its derivative along {@code v}, and the derivative of its gradient along
 * {@code v}), with every local function's second derivatives written here (0 for a kink away from it).
 */
public final class Interpreter {

    /** The end of the message of the exception thrown when a loop of the program runs too often to terminate. */
    public static final String NON_TERMINATING = "a generated loop does not terminate";


    /**
     * A value: {@code d} for double/float, {@code l} for int/long/boolean; {@code g} the tangent, null when
     * constant; {@code items} an array's elements (a vector's doubles, a matrix's rows), mutable.
     */
    public static final class Val {
        final JType type;
        final double d;
        final long l;
        final double[] g;
        final Val[] items;

        private Val(JType type, double d, long l, double[] g) {
            this(type, d, l, g, null);
        }

        private Val(JType type, double d, long l, double[] g, Val[] items) {
            this.type = type;
            this.d = d;
            this.l = l;
            this.g = g;
            this.items = items;
        }

        static Val ofArray(JType type, Val[] items) {
            return new Val(type, 0, 0, null, items);
        }

        static Val ofDouble(double d, double[] g) {
            return new Val(JType.DOUBLE, d, 0, g);
        }

        static Val ofFloat(float f) {
            return new Val(JType.FLOAT, f, 0, null);
        }

        static Val ofInt(int i) {
            return new Val(JType.INT, 0, i, null);
        }

        static Val ofLong(long l) {
            return new Val(JType.LONG, 0, l, null);
        }

        static Val ofBoolean(boolean b) {
            return new Val(JType.BOOLEAN, 0, b ? 1 : 0, null);
        }

        double asDouble() {
            return switch (type) {
                case DOUBLE, FLOAT -> d;
                default -> (double) l;
            };
        }

        float asFloat() {
            return switch (type) {
                case FLOAT -> (float) d;
                case INT -> (float) (int) l;
                case LONG -> (float) l;
                default -> throw new IllegalStateException("no float conversion from " + type);
            };
        }
    }

    /**
     * The outcome of one evaluation. {@code kinkDistance}: the estimated distance (in input units) to the
     * nearest kink or domain edge met; {@code branchDistance}: to the nearest point where a comparison of
     * doubles evaluated on the way would switch.
     */
    public record Result(double value, double[] gradient, double kinkDistance, String nearestKink,
                         double branchDistance, String nearestBranch, String invalid, Object array, Object upstream,
                         String shapeError, double[] magnitudes, int underflow, boolean[] finitenessOnly) {
        /** Whether the point is usable: finite, moderate, and no arithmetic exception. */
        public boolean valid() {
            return invalid == null;
        }
    }

    /**
     * Thrown where Java would throw for an array: an index out of range, a negative size, or ArrayMath's
     * shape check. Generated programs never do: a shape error is the generator's (or a shrinking step's).
     */
    private static final class ShapeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeError(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown when the evaluation leaves the region where the comparison makes sense (NaN, overflow, int division by 0). */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final double HUGE = 1e12;
    /** Loop iterations (summed over the evaluation) beyond which the program is taken not to terminate. */
    private static final int MAX_ITERATIONS = 100_000;
    /** At a log-uniform point: loops whose bounds are 1e200 are common there, and such a point is just not used. */
    private static final int MAX_WIDE_ITERATIONS = 10_000;

    private final Program program;
    /** The number of derivatives: one tangent per differentiated double, per element of a differentiated array. */
    private final int dim;
    /**
     * Whether the evaluation is for inputs across the whole double range ({@link #evaluate(Program, String, String,
     * Object[], java.util.function.UnaryOperator, boolean) wide}): every finite value and tangent is usable, and each
     * tangent vector carries, after its {@code dim} derivatives, their magnitudes: the sum over all paths of the
     * absolute values of the products of local derivatives, which bounds the size of the terms that forward and
     * reverse mode add up in different orders.
     */
    private final boolean wide;
    /**
     * The direction {@code v} of a forward-over-forward evaluation ({@link #hessianVector}), or null. Then each tangent
     * vector is a hyper-dual number's: the gradient ({@code dim} slots), the derivative of the gradient along {@code v}
     * ({@code dim} slots: at the result, the Hessian times {@code v}) and the derivative along {@code v} (one slot,
     * {@link #along}).
     */
    private final double[] direction;
    /** In a forward-over-forward evaluation: the slot of a tangent vector that holds the derivative along {@code v}. */
    private final int along;
    /** The length of a tangent vector: {@code dim}, {@code 2 * dim} with the magnitudes, {@code 2 * dim + 1} hyper-dual. */
    private final int len;
    /** Values and tangents at or beyond this in magnitude make the point unusable. */
    private final double limit;
    /** {@link Result#underflow()}: none met. */
    public static final int NO_UNDERFLOW = 0;
    /**
     * A local derivative or a tangent (or a term of one) on the way was subnormal or underflowed to 0: digits were
     * lost, differently in forward and reverse mode, but no value is off.
     */
    public static final int DERIVATIVE_UNDERFLOW = 1;
    /**
     * A value on the way was subnormal, or underflowed to 0 ({@code exp(-1e200)}, a product of tiny numbers), or a
     * local derivative was 0 on a moving argument ({@link #blind}), or an adjoint may overflow ({@link #track}): an
     * adjoint may overflow while the local derivative it meets is 0, and reverse mode multiplies the two (NaN);
     * forward mode never forms that product. The point says nothing about the rules and is skipped.
     */
    public static final int VALUE_UNDERFLOW = 2;
    /** The worst underflow met (only tracked when {@link #wide}). */
    private int underflow;
    /** The partials' magnitudes from a first wide evaluation, for {@link #track}; null in the first. */
    private double[] known;
    /** Per partial: an adjoint on the way may underflow by more than rounding ({@link #track}). */
    private boolean[] loose;
    private double kinkDistance = Double.POSITIVE_INFINITY;
    private String nearestKink;
    private double branchDistance = Double.POSITIVE_INFINITY;
    private String nearestBranch;
    private int callDepth;
    private int iterations;

    private Interpreter(Program program, int dim, boolean wide, double[] direction) {
        this.program = program;
        this.dim = dim;
        this.wide = wide;
        this.direction = direction;
        this.along = 2 * dim;
        this.len = direction != null ? 2 * dim + 1 : wide ? 2 * dim : dim;
        this.limit = wide ? Double.POSITIVE_INFINITY : HUGE;
    }

    /**
     * Where reverse mode's adjoints may leave the double range although forward mode stayed inside it. Reverse mode
     * computes the adjoint {@code d out / d v} of every value {@code v}; forward mode never sees it, but bounds it:
     * the paths from input {@code i} through {@code v} to the result have magnitudes summing to
     * {@code T(v, i) * R(v)}, where {@code T(v, i)} is {@code v}'s tangent magnitude ({@code g}'s second half) and
     * {@code R(v)} that of its adjoint, and that sum is at most the partial's magnitude {@code M(i)} ({@link #known}).
     * So {@code R(v) <= M(i) / T(v, i)} for every {@code i} that reaches {@code v}:
     * <ul>
     *   <li>if that bound exceeds the largest double, the adjoint may overflow (and {@code 0 * Infinity} give NaN):
     *       the point says nothing about the rules, and is skipped ({@link #VALUE_UNDERFLOW});</li>
     *   <li>an adjoint that underflows loses at most {@code T(v, i) * MIN_NORMAL} of partial {@code i}: where that
     *       exceeds rounding ({@code 2^-53 M(i)}), partial {@code i} can only be checked for being finite.</li>
     * </ul>
     */
    private void track(double[] g) {
        if (known == null) {
            return;
        }
        boolean reached = false;
        double bound = Double.POSITIVE_INFINITY;
        for (int i = 0; i < dim; i++) {
            double t = g[dim + i];
            if (t > 0) {
                reached = true;
                bound = Math.min(bound, known[i] / t);
                loose[i] |= t * Double.MIN_NORMAL > 0x1p-53 * known[i];
            }
        }
        if (reached && bound > Double.MAX_VALUE) {
            underflow = VALUE_UNDERFLOW;
        }
    }

    /**
     * Evaluates {@code classId.method(args)} with tangents seeded for the method's differentiated
     * parameters (in declaration order, an array's elements row-major). Arguments: Double, Integer, Long,
     * Boolean, double[] or double[][] per parameter. A method that returns an array needs
     * {@link #evaluate(Program, String, String, Object[], Object) an upstream array}.
     */
    public static Result evaluate(Program program, String classId, String method, Object[] args) {
        return evaluate(program, classId, method, args, Interpreter::ones);
    }

    /** An array of the shape of {@code like} (a double[] or double[][]) filled with 1. */
    public static Object ones(Object like) {
        if (like instanceof double[] v) {
            double[] out = new double[v.length];
            java.util.Arrays.fill(out, 1);
            return out;
        }
        double[][] m = (double[][]) like;
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = (double[]) ones(m[i]);
        }
        return out;
    }

    /**
     * Evaluates {@code classId.method(args)}; for a method that returns an array, the value and gradient are
     * those of {@code sum(result * upstream)}, where {@code upstreamFor} gives an upstream array of the shape
     * of the result it is passed ({@link Result#upstream()}), and {@link Result#array()} is the result itself.
     */
    public static Result evaluate(Program program, String classId, String method, Object[] args,
                                  java.util.function.UnaryOperator<Object> upstreamFor) {
        return evaluate(program, classId, method, args, upstreamFor, false);
    }

    /**
     * As above; {@code wide}: for inputs across the whole double range, where any finite value and derivative is
     * usable (not only those below 1e12), and {@link Result#magnitudes()} gives, for each derivative, the sum of the
     * magnitudes of the terms it adds up.
     */
    public static Result evaluate(Program program, String classId, String method, Object[] args,
                                  java.util.function.UnaryOperator<Object> upstreamFor, boolean wide) {
        return wide ? evaluate(program, classId, method, args, upstreamFor, null)
                : evaluate(program, classId, method, args, upstreamFor, false, null);
    }

    /** A wide evaluation; {@code known}: the partials' magnitudes from a first evaluation, or null. */
    private static Result evaluate(Program program, String classId, String method, Object[] args,
                                   java.util.function.UnaryOperator<Object> upstreamFor, double[] known) {
        return evaluate(program, classId, method, args, upstreamFor, true, known);
    }

    private static Result evaluate(Program program, String classId, String method, Object[] args,
                                   java.util.function.UnaryOperator<Object> upstreamFor, boolean wide, double[] known) {
        Method m = program.classDef(classId).method(method, args.length);
        List<Param> diff = m.differentiated();
        int dim = 0;
        for (Param p : diff) {
            dim += p.size();
        }
        Interpreter in = new Interpreter(program, dim, wide, null);
        in.known = known;
        in.loose = new boolean[dim];
        Val[] vals = in.arguments(m, args);
        try {
            Val r = in.call(classId, m, vals);
            double value;
            double[] g;
            Object array = null;
            Object upstream = null;
            if (r.type.isArray()) {
                array = plain(r);
                upstream = upstreamFor.apply(array);
                double[] sum = new double[in.len];
                double[] total = {0};
                in.pullback(r, upstream, sum, total, "the result");
                value = total[0];
                g = sum;
            } else {
                value = r.asDouble();
                g = r.g == null ? new double[in.len] : r.g.clone();
            }
            in.check(value, g, "the result");
            double[] magnitudes = wide ? java.util.Arrays.copyOfRange(g, dim, in.len) : null;
            if (wide && known == null) {
                // again, knowing the partials' magnitudes, to bound the adjoints on the way (see track)
                Object up = upstream;
                return evaluate(program, classId, method, args, like -> up, magnitudes);
            }
            boolean[] finitenessOnly = null;
            if (wide) {
                finitenessOnly = in.loose;
                for (int i = 0; i < dim; i++) {
                    finitenessOnly[i] |= in.underflow != NO_UNDERFLOW;
                }
            }
            return new Result(value, java.util.Arrays.copyOf(g, dim), in.kinkDistance, in.nearestKink, in.branchDistance,
                    in.nearestBranch, null, array, upstream, null, magnitudes, in.underflow, finitenessOnly);
        } catch (Invalid e) {
            return new Result(Double.NaN, new double[dim], in.kinkDistance, in.nearestKink, in.branchDistance,
                    in.nearestBranch, e.getMessage(), null, null, null, null, NO_UNDERFLOW, null);
        } catch (ArithmeticException e) {
            return new Result(Double.NaN, new double[dim], in.kinkDistance, in.nearestKink, in.branchDistance,
                    in.nearestBranch, "ArithmeticException " + e.getMessage(), null, null, null, null, NO_UNDERFLOW, null);
        } catch (ShapeError e) {
            return new Result(Double.NaN, new double[dim], in.kinkDistance, in.nearestKink, in.branchDistance,
                    in.nearestBranch, "shape error: " + e.getMessage(), null, null, e.getMessage(), null, NO_UNDERFLOW, null);
        }
    }

    /** The arguments as values, with tangents seeded for the method's differentiated parameters (row-major). */
    private Val[] arguments(Method m, Object[] args) {
        List<Param> diff = m.differentiated();
        Val[] vals = new Val[args.length];
        int[] slot = {0};
        for (int i = 0; i < args.length; i++) {
            Param p = m.params().get(i);
            Object a = args[i];
            boolean seeded = diff.contains(p);
            vals[i] = switch (p.type()) {
                case DOUBLE -> {
                    double[] g = null;
                    if (seeded) {
                        g = seed(slot[0]++);
                    }
                    yield Val.ofDouble(((Number) a).doubleValue(), g);
                }
                case VECTOR -> seedVector((double[]) a, seeded, slot);
                case MATRIX -> {
                    double[][] rows = (double[][]) a;
                    Val[] items = new Val[rows.length];
                    for (int r = 0; r < rows.length; r++) {
                        items[r] = seedVector(rows[r], seeded, slot);
                    }
                    yield Val.ofArray(JType.MATRIX, items);
                }
                case INT -> Val.ofInt((Integer) a);
                case LONG -> Val.ofLong(((Number) a).longValue());
                case BOOLEAN -> Val.ofBoolean((Boolean) a);
                case FLOAT -> throw new IllegalArgumentException("float parameter");
            };
        }
        return vals;
    }

    /** Value, gradient and Hessian times {@code v} from a forward-over-forward evaluation; invalid as {@link Result}. */
    public record SecondOrder(double value, double[] gradient, double[] hessianVector, String invalid) {
        public boolean valid() {
            return invalid == null;
        }
    }

    /**
     * Evaluates {@code classId.method(args)} (a method that returns a double) with hyper-dual numbers for the direction
     * {@code v} (one entry per differentiated input, row-major): each double carries its gradient {@code g}, its
     * derivative along {@code v}, {@code t = g . v}, and the derivative of {@code g} along {@code v}, {@code h}. A local
     * function {@code r = f(a, b)} gives {@code g_r = f_a g_a + f_b g_b}, {@code t_r = f_a t_a + f_b t_b} and
     * {@code h_r = f_a h_a + f_b h_b + (f_aa t_a + f_ab t_b) g_a + (f_ab t_a + f_bb t_b) g_b}; at the result,
     * {@code h} is the Hessian times {@code v}. The second derivatives are written here, independently of the
     * processor's rules (a kink's is 0 away from it).
     */
    public static SecondOrder hessianVector(Program program, String classId, String method, Object[] args, double[] v) {
        Method m = program.classDef(classId).method(method, args.length);
        int dim = 0;
        for (Param p : m.differentiated()) {
            dim += p.size();
        }
        if (v.length != dim) {
            throw new IllegalArgumentException("a direction of length " + v.length + " for " + dim + " inputs");
        }
        Interpreter in = new Interpreter(program, dim, false, v.clone());
        in.loose = new boolean[dim];
        try {
            Val r = in.call(classId, m, in.arguments(m, args));
            if (r.type.isArray()) {
                throw new IllegalStateException("a Hessian of a method that returns an array");
            }
            double[] g = r.g == null ? new double[in.len] : r.g;
            in.check(r.asDouble(), g, "the result");
            return new SecondOrder(r.asDouble(), java.util.Arrays.copyOf(g, dim), java.util.Arrays.copyOfRange(g, dim, 2 * dim), null);
        } catch (Invalid e) {
            return new SecondOrder(Double.NaN, null, null, e.getMessage());
        } catch (ArithmeticException e) {
            return new SecondOrder(Double.NaN, null, null, "ArithmeticException " + e.getMessage());
        } catch (ShapeError e) {
            return new SecondOrder(Double.NaN, null, null, "shape error: " + e.getMessage());
        }
    }

    private Val seedVector(double[] xs, boolean seeded, int[] slot) {
        Val[] items = new Val[xs.length];
        for (int j = 0; j < xs.length; j++) {
            double[] g = null;
            if (seeded) {
                g = seed(slot[0]++);
            }
            items[j] = Val.ofDouble(xs[j], g);
        }
        return Val.ofArray(JType.VECTOR, items);
    }

    /** An array value as plain {@code double[]} or {@code double[][]}. */
    private static Object plain(Val v) {
        if (v.type == JType.VECTOR) {
            double[] out = new double[v.items.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = v.items[i].d;
            }
            return out;
        }
        double[][] out = new double[v.items.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = (double[]) plain(v.items[i]);
        }
        return out;
    }

    /** Adds {@code upstream ⊙ r} to {@code total} and the tangents weighted by upstream to {@code g}. */
    private void pullback(Val r, Object upstream, double[] g, double[] total, String where) {
        if (r.type == JType.MATRIX) {
            double[][] up = (double[][]) upstream;
            if (up.length != r.items.length) {
                throw new ShapeError("upstream has " + up.length + " rows, the result " + r.items.length);
            }
            for (int i = 0; i < up.length; i++) {
                pullback(r.items[i], up[i], g, total, where);
            }
            return;
        }
        double[] up = (double[]) upstream;
        if (up.length != r.items.length) {
            throw new ShapeError("upstream has length " + up.length + ", the result " + r.items.length);
        }
        for (int i = 0; i < up.length; i++) {
            Val e = r.items[i];
            check(e.d, e.g, where);
            total[0] += up[i] * e.d;
            if (e.g != null) {
                for (int k = 0; k < len; k++) {
                    g[k] += (k < dim || !wide ? up[i] : Math.abs(up[i])) * e.g[k];
                }
            }
        }
    }

    // ------------------------------------------------------------------ statements

    private static final class Slot {
        final JType type;
        Val val;

        Slot(JType type, Val val) {
            this.type = type;
            this.val = val;
        }
    }

    private final class Frame {
        final String classId;
        final Deque<Map<String, Slot>> scopes = new ArrayDeque<>();

        Frame(String classId) {
            this.classId = classId;
            scopes.push(new HashMap<>());
        }

        Slot lookup(String name) {
            for (Map<String, Slot> scope : scopes) {
                Slot s = scope.get(name);
                if (s != null) {
                    return s;
                }
            }
            throw new IllegalStateException("unbound variable " + name);
        }
    }

    private Val call(String classId, Method m, Val[] args) {
        if (++callDepth > 50) {
            throw new IllegalStateException("call depth: recursion in a generated program");
        }
        Frame f = new Frame(classId);
        for (int i = 0; i < args.length; i++) {
            Param p = m.params().get(i);
            f.scopes.peek().put(p.name(), new Slot(p.type(), convert(args[i], p.type())));
        }
        f.scopes.push(new HashMap<>());
        Val r = null;
        for (Stmt s : m.body()) {
            Jump j = stmt(f, s);
            if (j != null) {
                if (j.kind != JumpKind.RETURN) {
                    throw new IllegalStateException(j.kind + " " + j.label + " outside a loop");
                }
                r = j.value;
                break;
            }
        }
        if (r == null) {
            r = convert(expr(f, m.result()), m.resultType());
        }
        callDepth--;
        return r;
    }

    private enum JumpKind { BREAK, CONTINUE, RETURN }

    /** How a statement completed abruptly: {@code break}, {@code continue} (with their labels) or {@code return}. */
    private record Jump(JumpKind kind, String label, Val value) {
    }

    /** Runs statements in a new scope; the abrupt completion that ended them, or null. */
    private Jump block(Frame f, List<Stmt> body) {
        f.scopes.push(new HashMap<>());
        try {
            for (Stmt inner : body) {
                Jump j = stmt(f, inner);
                if (j != null) {
                    return j;
                }
            }
            return null;
        } finally {
            f.scopes.pop();
        }
    }

    private Jump stmt(Frame f, Stmt s) {
        if (s instanceof Decl d) {
            JType type = d.style() == Ast.DeclStyle.VAR || d.style() == Ast.DeclStyle.FINAL_VAR ? d.init().type() : d.type();
            Val v = d.init() == null ? null : convert(expr(f, d.init()), type);
            f.scopes.peek().put(d.name(), new Slot(type, v));
        } else if (s instanceof Store st) {
            store(f, st);
        } else if (s instanceof Assign a) {
            assign(f, a.name(), a.op(), a.value(), a);
        } else if (s instanceof IncDec i) {
            incDec(f, i.name(), i.increment(), i);
        } else if (s instanceof Block b) {
            return block(f, b.body());
        } else if (s instanceof ExprStmt e) {
            expr(f, e.call());
        } else if (s instanceof Ast.Switch sw) {
            return switchStatement(f, sw);
        } else if (s instanceof If i) {
            if (condition(f, i.cond())) {
                return block(f, i.then().body());
            } else if (i.otherwise() != null) {
                return stmt(f, i.otherwise());
            }
        } else if (s instanceof For fo) {
            f.scopes.push(new HashMap<>());
            try {
                stmt(f, fo.init());
                while (condition(f, fo.cond())) {
                    Jump j = block(f, fo.body().body());
                    if (j != null) {
                        if (j.kind == JumpKind.RETURN || !targets(j, fo.label())) {
                            return j;
                        }
                        if (j.kind == JumpKind.BREAK) {
                            break;
                        }
                    }
                    stmt(f, fo.update());
                    iterated();
                }
            } finally {
                f.scopes.pop();
            }
        } else if (s instanceof Ast.ForEach fe) {
            Val array = expr(f, fe.array());
            for (int i = 0; i < array.items.length; i++) {
                f.scopes.push(new HashMap<>());
                try {
                    f.scopes.peek().put(fe.var(), new Slot(fe.type(), array.items[i]));
                    Jump j = block(f, fe.body().body());
                    if (j != null) {
                        if (j.kind == JumpKind.RETURN || !targets(j, fe.label())) {
                            return j;
                        }
                        if (j.kind == JumpKind.BREAK) {
                            break;
                        }
                    }
                } finally {
                    f.scopes.pop();
                }
                iterated();
            }
        } else if (s instanceof While w) {
            while (condition(f, w.cond())) {
                Jump j = block(f, w.body().body());
                if (j != null) {
                    if (j.kind == JumpKind.RETURN || !targets(j, w.label())) {
                        return j;
                    }
                    if (j.kind == JumpKind.BREAK) {
                        break;
                    }
                }
                iterated();
            }
        } else if (s instanceof DoWhile d) {
            do {
                Jump j = block(f, d.body().body());
                if (j != null) {
                    if (j.kind == JumpKind.RETURN || !targets(j, d.label())) {
                        return j;
                    }
                    if (j.kind == JumpKind.BREAK) {
                        break;
                    }
                }
                iterated();
            } while (condition(f, d.cond()));
        } else if (s instanceof Break b) {
            return new Jump(JumpKind.BREAK, b.label(), null);
        } else if (s instanceof Continue c) {
            return new Jump(JumpKind.CONTINUE, c.label(), null);
        } else if (s instanceof Return r) {
            return new Jump(JumpKind.RETURN, null, convert(expr(f, r.value()), JType.DOUBLE));
        }
        return null;
    }

    /**
     * {@code name op value}: a compound assignment reads the variable before it evaluates {@code value} (JLS 15.26.2),
     * which may change it; the new value.
     */
    private Val assign(Frame f, String name, String op, Expr value, Object where) {
        Slot slot = f.lookup(name);
        if (op.equals("=")) {
            slot.val = convert(expr(f, value), slot.type);
        } else {
            Val old = slot.val;
            Val rhs = expr(f, value);
            Val r = binary(op.charAt(0), old, rhs);
            slot.val = r.type == slot.type ? r : cast(slot.type, r);
            checkScalar(slot.val, where); // x /= r is an operation like x / r: its value and tangent must be usable
        }
        return slot.val;
    }

    /** {@code name++} and the others: the new value (the old one is the caller's to keep). */
    private Val incDec(Frame f, String name, boolean increment, Object where) {
        Slot slot = f.lookup(name);
        Val r = binary(increment ? '+' : '-', slot.val, Val.ofInt(1));
        slot.val = r.type == slot.type ? r : cast(slot.type, r);
        checkScalar(slot.val, where);
        return slot.val;
    }

    /** A switch expression: the case's statements in a scope of their own, then its value in that scope. */
    private Val switchExpression(Frame f, Ast.SwitchExpr sw) {
        Val selector = expr(f, sw.selector());
        int k = (int) selector.l;
        Ast.ExprCase chosen = null;
        for (Ast.ExprCase c : sw.cases()) {
            if (c.labels().contains(k)) {
                chosen = c;
            }
        }
        if (chosen == null) {
            chosen = sw.cases().stream().filter(c -> c.labels().isEmpty()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("a switch expression without default"));
        }
        f.scopes.push(new HashMap<>());
        try {
            for (Stmt inner : chosen.body().body()) {
                if (stmt(f, inner) != null) {
                    throw new IllegalStateException("a jump out of a switch expression");
                }
            }
            return convert(expr(f, chosen.value()), sw.type());
        } finally {
            f.scopes.pop();
        }
    }

    /**
     * Enters at the case whose label is the selector's value (or at {@code default}) and runs the cases from
     * there, falling through in the colon form, until a {@code break} of the switch.
     */
    private Jump switchStatement(Frame f, Ast.Switch sw) {
        Val selector = expr(f, sw.selector());
        int k = (int) selector.l;
        int entry = -1;
        for (int i = 0; i < sw.cases().size() && entry < 0; i++) {
            if (sw.cases().get(i).labels().contains(k)) {
                entry = i;
            }
        }
        for (int i = 0; i < sw.cases().size() && entry < 0; i++) {
            if (sw.cases().get(i).labels().isEmpty()) {
                entry = i;
            }
        }
        if (entry < 0) {
            return null;
        }
        if (sw.arrow()) {
            Jump j = block(f, sw.cases().get(entry).body().body());
            return j != null && j.kind == JumpKind.BREAK && j.label == null ? null : j;
        }
        for (int i = entry; i < sw.cases().size(); i++) {
            Ast.Case c = sw.cases().get(i);
            Jump j = block(f, c.body().body());
            if (j != null) {
                return j.kind == JumpKind.BREAK && j.label == null ? null : j;
            }
            if (c.breaks()) {
                return null;
            }
        }
        return null;
    }

    /** Whether a {@code break} or {@code continue} is aimed at the loop labelled {@code label} (null: no label). */
    private static boolean targets(Jump j, String label) {
        return j.label == null || j.label.equals(label);
    }

    private void iterated() {
        if (wide && iterations > MAX_WIDE_ITERATIONS) {
            // a loop that counts up to 1e200 in steps of 1 ends in theory, not in the test
            throw new Invalid("more than " + MAX_WIDE_ITERATIONS + " loop iterations at a log-uniform point");
        }
        if (++iterations > MAX_ITERATIONS) {
            if (wide) {
                // a loop that counts up to 1e200 in steps of 1 ends in theory, not in the test
                throw new Invalid("more than " + MAX_ITERATIONS + " loop iterations at a log-uniform point");
            }
            throw new IllegalStateException("more than " + MAX_ITERATIONS + " loop iterations: " + NON_TERMINATING);
        }
    }

    private boolean condition(Frame f, Expr e) {
        Val v = expr(f, e);
        if (v.type != JType.BOOLEAN) {
            throw new IllegalStateException("condition of type " + v.type);
        }
        return v.l != 0;
    }

    /** Assignment conversion (identity or widening). */
    private Val convert(Val v, JType to) {
        if (v.type == to) {
            return v;
        }
        if (v.type.isArray() || to.isArray()) {
            throw new IllegalStateException("no conversion from " + v.type + " to " + to);
        }
        return switch (to) {
            case DOUBLE -> Val.ofDouble(v.asDouble(), v.type == JType.DOUBLE ? v.g : null);
            case FLOAT -> Val.ofFloat(v.asFloat());
            case LONG -> {
                if (v.type != JType.INT) {
                    throw new IllegalStateException("no widening from " + v.type + " to long");
                }
                yield Val.ofLong(v.l);
            }
            default -> throw new IllegalStateException("no widening from " + v.type + " to " + to);
        };
    }

    // ------------------------------------------------------------------ expressions

    private Val expr(Frame f, Expr e) {
        Val v;
        if (e instanceof Lit l) {
            v = switch (l.type()) {
                case INT -> Val.ofInt((int) l.value());
                case LONG -> Val.ofLong((long) l.value());
                case DOUBLE -> Val.ofDouble(l.value(), null);
                case BOOLEAN -> Val.ofBoolean(l.text().equals("true"));
                default -> throw new IllegalStateException("literal of type " + l.type());
            };
        } else if (e instanceof Var v2) {
            v = f.lookup(v2.name()).val;
            if (v == null) {
                throw new IllegalStateException("variable " + v2.name() + " read before assignment");
            }
        } else if (e instanceof Field fl) {
            v = switch (fl.type()) {
                case INT -> Val.ofInt((int) fl.value());
                case LONG -> Val.ofLong((long) fl.value());
                case DOUBLE -> Val.ofDouble(fl.value(), null);
                default -> throw new IllegalStateException("field of type " + fl.type());
            };
        } else if (e instanceof Unary u) {
            v = unary(u.op(), expr(f, u.operand()));
        } else if (e instanceof Binary b) {
            v = binary(b.op(), expr(f, b.left()), expr(f, b.right()));
        } else if (e instanceof Cast c) {
            v = cast(c.to(), expr(f, c.operand()));
        } else if (e instanceof MathCall m) {
            v = math(m, f);
        } else if (e instanceof Cmp c) {
            v = compare(c, expr(f, c.left()), expr(f, c.right()));
        } else if (e instanceof Logic lg) {
            boolean left = condition(f, lg.left());
            boolean and = lg.op().equals("&&");
            // short-circuit: the right operand is evaluated (and its comparisons measured) only when needed
            v = Val.ofBoolean(and ? left && condition(f, lg.right()) : left || condition(f, lg.right()));
        } else if (e instanceof Not n) {
            v = Val.ofBoolean(!condition(f, n.operand()));
        } else if (e instanceof Cond c) {
            Val chosen = condition(f, c.cond()) ? expr(f, c.then()) : expr(f, c.otherwise());
            v = convert(chosen, c.type());
        } else if (e instanceof Ast.AssignExpr a) {
            v = assign(f, a.name(), a.op(), a.value(), a);
        } else if (e instanceof Ast.IncDecExpr i) {
            Val old = f.lookup(i.name()).val;
            Val now = incDec(f, i.name(), i.increment(), i);
            v = i.prefix() ? now : old;
        } else if (e instanceof Ast.StoreExpr st) {
            v = store(f, st.array(), st.indices(), st.op(), st.value(), st);
        } else if (e instanceof Ast.SwitchExpr sw) {
            v = switchExpression(f, sw);
        } else if (e instanceof Index ix) {
            Val array = expr(f, ix.array());
            v = array.items[index(array, expr(f, ix.index()))];
        } else if (e instanceof Length len) {
            v = Val.ofInt(expr(f, len.array()).items.length);
        } else if (e instanceof NewArr na) {
            int n = size(expr(f, na.dims().get(0)));
            if (na.type() == JType.VECTOR) {
                v = zeros(n);
            } else {
                int m = size(expr(f, na.dims().get(1)));
                Val[] rows = new Val[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = zeros(m);
                }
                v = Val.ofArray(JType.MATRIX, rows);
            }
        } else if (e instanceof ArrLit lit) {
            Val[] elements = new Val[lit.elements().size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = convert(expr(f, lit.elements().get(i)), JType.DOUBLE);
            }
            if (lit.type() == JType.VECTOR) {
                v = Val.ofArray(JType.VECTOR, elements);
            } else {
                int columns = lit.columns();
                Val[] rows = new Val[elements.length / columns];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = Val.ofArray(JType.VECTOR, java.util.Arrays.copyOfRange(elements, i * columns, (i + 1) * columns));
                }
                v = Val.ofArray(JType.MATRIX, rows);
            }
        } else if (e instanceof ArrCall ac) {
            Val[] args = new Val[ac.args().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = expr(f, ac.args().get(i));
            }
            v = ArrayOps.apply(this, ac.fn(), args);
            if (v.type != ac.type()) {
                throw new IllegalStateException("ArrayMath." + ac.fn() + " gives " + v.type + ", the generator said " + ac.type());
            }
        } else {
            Call c = (Call) e;
            Val[] args = new Val[c.args().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = expr(f, c.args().get(i));
            }
            ClassDef owner = program.classDef(c.owner());
            v = call(c.owner(), owner.method(c.method(), args.length), args);
        }
        if (v.type == JType.DOUBLE || v.type == JType.FLOAT) {
            check(v.d, v.g, e);
        } else if (v.type.isArray()) {
            checkArray(v, e);
        }
        return v;
    }

    private void checkScalar(Val v, Object where) {
        if (v.type == JType.DOUBLE || v.type == JType.FLOAT) {
            check(v.d, v.g, where);
        }
    }

    private void checkArray(Val v, Object where) {
        for (Val item : v.items) {
            if (item.type.isArray()) {
                checkArray(item, where);
            } else {
                check(item.d, item.g, where);
            }
        }
    }

    /** {@code array[i] op value}: {@code +=} and the others as Java does them, {@code (double) (old op value)}. */
    private void store(Frame f, Store st) {
        store(f, st.array(), st.indices(), st.op(), st.value(), st);
    }

    /**
     * The array and its indices first, then (for a compound assignment) the element's old value, then {@code value}
     * (JLS 15.26.2: it may change the element); the new value.
     */
    private Val store(Frame f, String name, List<Expr> indices, String op, Expr valueExpr, Object where) {
        Val array = f.lookup(name).val;
        if (array == null) {
            throw new IllegalStateException("array " + name + " written before assignment");
        }
        Val row = array;
        for (int k = 0; k < indices.size() - 1; k++) {
            row = row.items[index(row, expr(f, indices.get(k)))];
        }
        int i = index(row, expr(f, indices.get(indices.size() - 1)));
        if (row.type != JType.VECTOR) {
            throw new IllegalStateException("a store into a row of " + name);
        }
        Val old = row.items[i];
        Val value = expr(f, valueExpr);
        Val result;
        if (op.equals("=")) {
            result = convert(value, JType.DOUBLE);
        } else {
            result = binary(op.charAt(0), old, value);
            if (result.type != JType.DOUBLE) {
                result = convert(result, JType.DOUBLE);
            }
        }
        check(result.d, result.g, where);
        row.items[i] = result;
        return result;
    }

    private static int index(Val array, Val index) {
        if (!array.type.isArray()) {
            throw new IllegalStateException("indexing a " + array.type);
        }
        if (index.type != JType.INT) {
            throw new IllegalStateException("an index of type " + index.type);
        }
        if (index.l < 0 || index.l >= array.items.length) {
            throw new ShapeError("index " + index.l + " out of bounds for length " + array.items.length);
        }
        return (int) index.l;
    }

    private static int size(Val n) {
        if (n.type != JType.INT) {
            throw new IllegalStateException("an array size of type " + n.type);
        }
        if (n.l < 0) {
            throw new ShapeError("negative array size " + n.l);
        }
        return (int) n.l;
    }

    static Val zeros(int n) {
        Val[] items = new Val[n];
        java.util.Arrays.fill(items, Val.ofDouble(0, null));
        return Val.ofArray(JType.VECTOR, items);
    }

    static ShapeError shapeError(String message) {
        return new ShapeError(message);
    }

    void check(double value, double[] g, Object where) {
        if (!(Math.abs(value) < limit)) {
            throw new Invalid("value " + value + " at " + where);
        }
        if (wide && subnormal(value)) {
            underflow = VALUE_UNDERFLOW;
        }
        if (g != null) {
            for (double x : g) {
                if (!(Math.abs(x) < limit)) {
                    throw new Invalid("derivative " + x + " at " + where);
                }
                if (wide && subnormal(x)) {
                    underflow = Math.max(underflow, DERIVATIVE_UNDERFLOW);
                }
            }
        }
    }

    Val unary(char op, Val a) {
        if (op == '+') {
            return a;
        }
        return switch (a.type) {
            case INT -> Val.ofInt(-(int) a.l);
            case LONG -> Val.ofLong(-a.l);
            case FLOAT -> Val.ofFloat(-(float) a.d);
            case DOUBLE -> Val.ofDouble(-a.d, scale(a.g, -1));
            default -> throw new IllegalStateException("unary on " + a.type);
        };
    }

    Val binary(char op, Val a, Val b) {
        JType t = JType.promote(a.type, b.type);
        switch (t) {
            case INT: {
                int x = (int) a.l;
                int y = (int) b.l;
                return Val.ofInt(switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    case '/' -> x / y;
                    case '%' -> x % y;
                    case '&' -> x & y;
                    default -> throw new IllegalStateException("op " + op);
                });
            }
            case LONG: {
                long x = a.l;
                long y = b.l;
                return Val.ofLong(switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    case '/' -> x / y;
                    case '%' -> x % y;
                    case '&' -> x & y;
                    default -> throw new IllegalStateException("op " + op);
                });
            }
            case FLOAT: {
                float x = a.asFloat();
                float y = b.asFloat();
                return Val.ofFloat(switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    case '/' -> x / y;
                    case '%' -> x % y;
                    default -> throw new IllegalStateException("op " + op);
                });
            }
            default:
                break;
        }
        double x = a.asDouble();
        double y = b.asDouble();
        double[] ga = a.type == JType.DOUBLE ? a.g : null;
        double[] gb = b.type == JType.DOUBLE ? b.g : null;
        switch (op) {
            case '+':
                return Val.ofDouble(x + y, add(ga, 1, gb, 1));
            case '-':
                return Val.ofDouble(x - y, add(ga, 1, gb, -1));
            case '*':
                valueUnderflowIf(x * y == 0 && x != 0 && y != 0);
                return Val.ofDouble(x * y, curve(add(ga, y, gb, x), ga, gb, 0, 1, 0));
            case '/': {
                double r = x / y;
                valueUnderflowIf(r == 0 && x != 0);
                if (gb != null) {
                    edge(Math.abs(y), gb, "division by a value near 0");
                }
                // d2(x / y): 0 in x twice, -1 / y^2 across, 2 x / y^3 = 2 r / y^2 in y twice
                return Val.ofDouble(r, curve(add(ga, 1 / y, gb, -r / y), ga, gb, 0, -1 / (y * y), 2 * r / (y * y)));
            }
            default:
                throw new IllegalStateException("double op " + op);
        }
    }

    /** A numeric comparison after binary numeric promotion; comparisons of moving doubles are measured. */
    private Val compare(Cmp c, Val a, Val b) {
        JType t = JType.promote(a.type, b.type);
        int sign;
        switch (t) {
            case INT, LONG -> sign = Long.compare(a.l, b.l);
            case FLOAT -> {
                float x = a.asFloat();
                float y = b.asFloat();
                sign = x < y ? -1 : x > y ? 1 : 0;
            }
            default -> {
                double x = a.asDouble();
                double y = b.asDouble();
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    throw new Invalid("NaN compared at " + c);
                }
                sign = x < y ? -1 : x > y ? 1 : 0;
                double[] ga = a.type == JType.DOUBLE ? a.g : null;
                double[] gb = b.type == JType.DOUBLE ? b.g : null;
                if (ga != null || gb != null) {
                    branch(Math.abs(x - y), add(ga, 1, gb, -1), c);
                }
            }
        }
        boolean r = switch (c.op()) {
            case "<" -> sign < 0;
            case "<=" -> sign <= 0;
            case ">" -> sign > 0;
            case ">=" -> sign >= 0;
            default -> throw new IllegalStateException("comparison " + c.op());
        };
        return Val.ofBoolean(r);
    }

    /** Records a comparison at value distance {@code m} from switching, its difference moving with tangent {@code g}. */
    private void branch(double m, double[] g, Cmp where) {
        double speed = 0;
        for (double x : g) {
            speed = Math.max(speed, Math.abs(x));
        }
        if (speed == 0) {
            return;
        }
        double d = m / speed;
        if (d < branchDistance) {
            branchDistance = d;
            nearestBranch = JavaPrinter.expression(program, program.p(), where) + " (value distance " + m + ")";
        }
    }

    private Val cast(JType to, Val a) {
        switch (to) {
            case DOUBLE:
                return Val.ofDouble(a.asDouble(), null);
            case INT:
            case LONG: {
                if (a.type == JType.DOUBLE || a.type == JType.FLOAT) {
                    double x = a.d;
                    if (a.g != null) {
                        double r = Math.abs(x);
                        double dist = r < 1 ? 1 - r : Math.min(r - Math.floor(r), Math.ceil(r) - r);
                        edge(dist, a.g, "(" + to.keyword() + ") cast near an integer");
                    }
                    if (a.type == JType.FLOAT) {
                        float fx = (float) x;
                        return to == JType.INT ? Val.ofInt((int) fx) : Val.ofLong((long) fx);
                    }
                    return to == JType.INT ? Val.ofInt((int) x) : Val.ofLong((long) x);
                }
                return to == JType.INT ? Val.ofInt((int) a.l) : Val.ofLong(a.l);
            }
            default:
                throw new IllegalStateException("cast to " + to);
        }
    }

    // ------------------------------------------------------------------ Math

    private Val math(MathCall m, Frame f) {
        Val[] a = new Val[m.args().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = expr(f, m.args().get(i));
        }
        boolean s = m.strict();
        String fn = m.fn();
        JType t = m.type();
        switch (fn) {
            case "abs": {
                Val v = a[0];
                switch (v.type) {
                    case INT:
                        return Val.ofInt(s ? StrictMath.abs((int) v.l) : Math.abs((int) v.l));
                    case LONG:
                        return Val.ofLong(s ? StrictMath.abs(v.l) : Math.abs(v.l));
                    case FLOAT:
                        return Val.ofFloat(s ? StrictMath.abs((float) v.d) : Math.abs((float) v.d));
                    default:
                        if (v.g != null) {
                            edge(Math.abs(v.d), v.g, "abs near 0");
                        }
                        return Val.ofDouble(s ? StrictMath.abs(v.d) : Math.abs(v.d), scale(v.g, Math.signum(v.d)));
                }
            }
            case "max":
            case "min": {
                boolean max = fn.equals("max");
                switch (t) {
                    case INT: {
                        int x = (int) a[0].l;
                        int y = (int) a[1].l;
                        return Val.ofInt(max ? (s ? StrictMath.max(x, y) : Math.max(x, y)) : (s ? StrictMath.min(x, y) : Math.min(x, y)));
                    }
                    case LONG: {
                        long x = a[0].l;
                        long y = a[1].l;
                        return Val.ofLong(max ? (s ? StrictMath.max(x, y) : Math.max(x, y)) : (s ? StrictMath.min(x, y) : Math.min(x, y)));
                    }
                    case FLOAT: {
                        float x = a[0].asFloat();
                        float y = a[1].asFloat();
                        return Val.ofFloat(max ? (s ? StrictMath.max(x, y) : Math.max(x, y)) : (s ? StrictMath.min(x, y) : Math.min(x, y)));
                    }
                    default:
                        break;
                }
                double x = a[0].asDouble();
                double y = a[1].asDouble();
                double[] gx = a[0].type == JType.DOUBLE ? a[0].g : null;
                double[] gy = a[1].type == JType.DOUBLE ? a[1].g : null;
                double r = max ? (s ? StrictMath.max(x, y) : Math.max(x, y)) : (s ? StrictMath.min(x, y) : Math.min(x, y));
                if (gx != null || gy != null) {
                    edge(Math.abs(x - y), add(gx, 1, gy, -1), fn + " near a tie");
                }
                double[] g;
                boolean first = max ? x > y : x < y;
                boolean second = max ? y > x : y < x;
                if (first) {
                    g = copy(gx);
                } else if (second) {
                    g = copy(gy);
                } else if (gx != null && gy != null) {
                    g = add(gx, 0.5, gy, 0.5);
                } else {
                    g = gx != null || gy != null ? new double[len] : null;
                }
                return Val.ofDouble(r, g);
            }
            case "signum": {
                Val v = a[0];
                if (v.type != JType.DOUBLE) {
                    float x = v.asFloat();
                    return Val.ofFloat(s ? StrictMath.signum(x) : Math.signum(x));
                }
                if (v.g != null) {
                    edge(Math.abs(v.d), v.g, "signum near 0");
                }
                return Val.ofDouble(s ? StrictMath.signum(v.d) : Math.signum(v.d), zeroLike(v.g));
            }
            case "round": {
                Val v = a[0];
                if (v.type != JType.DOUBLE) {
                    float x = v.asFloat();
                    return Val.ofInt(s ? StrictMath.round(x) : Math.round(x));
                }
                if (v.g != null) {
                    edge(Math.abs(v.d - (Math.floor(v.d) + 0.5)), v.g, "round near a half-integer");
                }
                return Val.ofLong(s ? StrictMath.round(v.d) : Math.round(v.d));
            }
            default:
                break;
        }
        // every other function takes and returns double
        double x = a[0].asDouble();
        double[] gx = a[0].type == JType.DOUBLE ? a[0].g : null;
        double y = a.length > 1 ? a[1].asDouble() : 0;
        double[] gy = a.length > 1 && a[1].type == JType.DOUBLE ? a[1].g : null;
        double r;
        double dx;
        double d2; // the second derivative, for forward-over-forward evaluations (curve)
        switch (fn) {
            case "exp" -> {
                r = s ? StrictMath.exp(x) : Math.exp(x);
                valueUnderflowIf(r == 0);
                dx = r;
                d2 = r;
            }
            case "expm1" -> {
                r = s ? StrictMath.expm1(x) : Math.expm1(x);
                dx = Math.exp(x);
                d2 = dx;
            }
            case "log" -> {
                r = s ? StrictMath.log(x) : Math.log(x);
                dx = 1 / x;
                d2 = -1 / (x * x);
                edgeIf(gx, x, "log near 0");
            }
            case "log10" -> {
                r = s ? StrictMath.log10(x) : Math.log10(x);
                dx = 1 / (x * Math.log(10));
                d2 = -dx / x;
                edgeIf(gx, x, "log10 near 0");
            }
            case "log1p" -> {
                r = s ? StrictMath.log1p(x) : Math.log1p(x);
                dx = 1 / (1 + x);
                d2 = -dx * dx;
                edgeIf(gx, 1 + x, "log1p near -1");
            }
            case "sqrt" -> {
                r = s ? StrictMath.sqrt(x) : Math.sqrt(x);
                dx = 0.5 / Math.sqrt(x);
                d2 = -0.25 / (x * Math.sqrt(x));
                edgeIf(gx, x, "sqrt near 0");
            }
            case "cbrt" -> {
                r = s ? StrictMath.cbrt(x) : Math.cbrt(x);
                double c = Math.cbrt(x);
                dx = 1 / (3 * c * c);
                d2 = -2 / (9 * c * c * c * c * c); // (x^(1/3))'' = -2/9 x^(-5/3)
                edgeIf(gx, Math.abs(x), "cbrt near 0");
            }
            case "sin" -> {
                r = s ? StrictMath.sin(x) : Math.sin(x);
                dx = Math.cos(x);
                d2 = -Math.sin(x);
            }
            case "cos" -> {
                r = s ? StrictMath.cos(x) : Math.cos(x);
                dx = -Math.sin(x);
                d2 = -Math.cos(x);
            }
            case "tan" -> {
                r = s ? StrictMath.tan(x) : Math.tan(x);
                double c = Math.cos(x);
                dx = 1 / (c * c);
                d2 = 2 * Math.tan(x) * dx; // (sec^2)' = 2 sec^2 tan
                edgeIf(gx, Math.abs(c), "tan near a pole");
            }
            case "asin" -> {
                r = s ? StrictMath.asin(x) : Math.asin(x);
                dx = 1 / Math.sqrt(1 - x * x);
                d2 = x * dx * dx * dx; // x (1 - x^2)^(-3/2)
                edgeIf(gx, 1 - Math.abs(x), "asin near +-1");
            }
            case "acos" -> {
                r = s ? StrictMath.acos(x) : Math.acos(x);
                dx = -1 / Math.sqrt(1 - x * x);
                d2 = x * dx * dx * dx; // -x (1 - x^2)^(-3/2)
                edgeIf(gx, 1 - Math.abs(x), "acos near +-1");
            }
            case "atan" -> {
                r = s ? StrictMath.atan(x) : Math.atan(x);
                dx = 1 / (1 + x * x);
                d2 = -2 * x * dx * dx;
            }
            case "sinh" -> {
                r = s ? StrictMath.sinh(x) : Math.sinh(x);
                dx = Math.cosh(x);
                d2 = Math.sinh(x);
            }
            case "cosh" -> {
                r = s ? StrictMath.cosh(x) : Math.cosh(x);
                dx = Math.sinh(x);
                d2 = Math.cosh(x);
            }
            case "tanh" -> {
                r = s ? StrictMath.tanh(x) : Math.tanh(x);
                double th = Math.tanh(x);
                dx = 1 - th * th;
                d2 = -2 * th * dx;
            }
            case "floor", "ceil" -> {
                r = fn.equals("floor") ? (s ? StrictMath.floor(x) : Math.floor(x)) : (s ? StrictMath.ceil(x) : Math.ceil(x));
                dx = 0;
                d2 = 0;
                edgeIf(gx, Math.min(x - Math.floor(x), Math.ceil(x) - x), fn + " near an integer");
            }
            case "rint" -> {
                r = s ? StrictMath.rint(x) : Math.rint(x);
                dx = 0;
                d2 = 0;
                edgeIf(gx, Math.abs(x - (Math.floor(x) + 0.5)), "rint near a half-integer");
            }
            case "hypot" -> {
                r = s ? StrictMath.hypot(x, y) : Math.hypot(x, y);
                if (gx != null || gy != null) {
                    edge(r, add(abs(gx), 1, abs(gy), 1), "hypot near the origin");
                }
                double r3 = r * r * r; // d2 hypot: y^2 / r^3, -x y / r^3, x^2 / r^3
                return Val.ofDouble(r, curve(add(gx, x / r, gy, y / r), gx, gy, y * y / r3, -x * y / r3, x * x / r3));
            }
            case "atan2" -> {
                // atan2(y, x): here x is the first argument (the "y" of atan2) and y the second
                r = s ? StrictMath.atan2(x, y) : Math.atan2(x, y);
                // x^2 + y^2 would overflow from 1.3e154 and underflow below 1.5e-154: divide by the norm twice
                double h = Math.hypot(x, y);
                if (gx != null || gy != null) {
                    edge(h, add(abs(gx), 1, abs(gy), 1), "atan2 near the origin");
                    if (y < 0 && gx != null) {
                        edge(Math.abs(x), gx, "atan2 near its branch cut");
                    }
                }
                // d/dx = y / s, d/dy = -x / s with s = x^2 + y^2: second derivatives -2xy / s^2, (x^2 - y^2) / s^2, 2xy / s^2
                double u = x / h / h;
                double w = y / h / h;
                return Val.ofDouble(r, curve(add(gx, w, gy, -u), gx, gy, -2 * u * w, (u - w) * (u + w), 2 * u * w));
            }
            case "pow" -> {
                r = s ? StrictMath.pow(x, y) : Math.pow(x, y);
                valueUnderflowIf(r == 0 && x != 0);
                boolean positiveInteger = y == Math.rint(y) && y >= 1;
                if ((gx != null && !positiveInteger) || gy != null) {
                    edge(Math.abs(x), gx != null ? gx : gy, "pow near a zero base");
                }
                double dBase = y * Math.pow(x, y - 1);
                double dExp = gy == null ? 0 : r * Math.log(x);
                // second derivatives: y (y - 1) x^(y-2); x^(y-1) (1 + y ln x) across; x^y (ln x)^2 (where they are used)
                double dBaseBase = y == 1 || y == 0 ? 0 : y * (y - 1) * Math.pow(x, y - 2);
                double across = Math.pow(x, y - 1) * (1 + y * Math.log(x));
                double dExpExp = r * Math.log(x) * Math.log(x);
                return Val.ofDouble(r, curve(add(gx, dBase, gy, dExp), gx, gy, dBaseBase, across, dExpExp));
            }
            // SmoothMath: values from SmoothMath itself (bit for bit), tangents from the textbook derivatives
            case "softplus" -> {
                r = io.github.sourcegrad.SmoothMath.softplus(x);
                dx = 1 / (1 + Math.exp(-x));
                double e = Math.exp(-Math.abs(x));
                d2 = e / ((1 + e) * (1 + e)); // sigmoid'
            }
            case "logSigmoid" -> {
                r = io.github.sourcegrad.SmoothMath.logSigmoid(x);
                dx = 1 / (1 + Math.exp(x));
                double e = Math.exp(-Math.abs(x));
                d2 = -e / ((1 + e) * (1 + e)); // -sigmoid'
            }
            case "sigmoid" -> {
                r = io.github.sourcegrad.SmoothMath.sigmoid(x);
                double e = Math.exp(-Math.abs(x)); // sigmoid' is even: e^-|x| / (1 + e^-|x|)^2 never overflows
                dx = e / ((1 + e) * (1 + e));
                d2 = -Math.tanh(x / 2) * dx; // sigmoid (1 - sigmoid) (1 - 2 sigmoid), 1 - 2 sigmoid = -tanh(x / 2)
            }
            case "logAddExp" -> {
                r = io.github.sourcegrad.SmoothMath.logAddExp(x, y);
                // e^x / (e^x + e^y) = 1 / (1 + e^(y - x)): not e^(x - r), which is 1 for x == y once r rounds to x
                double px = 1 / (1 + Math.exp(y - x));
                double py = 1 / (1 + Math.exp(x - y));
                double pq = px * py; // d2: px py, -px py, px py
                return Val.ofDouble(r, curve(add(gx, px, gy, py), gx, gy, pq, -pq, pq));
            }
            default -> throw new IllegalStateException("unknown Math function " + fn);
        }
        return Val.ofDouble(r, smooth(gx, dx, d2));
    }

    // ------------------------------------------------------------------ kinks

    private void edgeIf(double[] g, double distance, String what) {
        if (g != null) {
            edge(distance, g, what);
        }
    }

    /** Records a kink or domain edge at value distance {@code m} from an argument moving with tangent {@code g}. */
    /** A point exactly at a kink, whatever the tangents: not used. */
    void kink(String what) {
        kinkDistance = 0;
        nearestKink = what;
    }

    void edge(double m, double[] g, String what) {
        if (g == null) {
            return;
        }
        double speed = 0;
        for (double x : g) {
            speed = Math.max(speed, Math.abs(x));
        }
        if (Double.isNaN(m)) {
            throw new Invalid(what + ": NaN");
        }
        if (speed == 0) {
            return;
        }
        double d = m / speed;
        if (d < kinkDistance) {
            kinkDistance = d;
            nearestKink = what + " (value distance " + m + ")";
        }
    }

    // ------------------------------------------------------------------ tangent vectors (null = 0, constant)

    double[] add(double[] a, double ca, double[] b, double cb) {
        if (a == null && b == null) {
            return null;
        }
        double[] out = new double[len];
        if (a != null) {
            for (int i = 0; i < len; i++) {
                out[i] += (i < dim || !wide ? ca : Math.abs(ca)) * a[i];
            }
        }
        if (b != null) {
            for (int i = 0; i < len; i++) {
                out[i] += (i < dim || !wide ? cb : Math.abs(cb)) * b[i];
            }
        }
        if (wide) {
            if (underflows(ca, a) || underflows(cb, b)) {
                underflow = Math.max(underflow, DERIVATIVE_UNDERFLOW);
            }
            if (blind(ca, a) || blind(cb, b)) {
                underflow = VALUE_UNDERFLOW;
            }
            track(out);
        }
        return out;
    }

    double[] scale(double[] a, double c) {
        return add(a, c, null, 0);
    }

    /**
     * In a forward-over-forward evaluation, adds to {@code out} (the tangent of {@code r = f(a, b)}, its first-order
     * terms from {@link #add}) the second-order terms {@code (f_aa t_a + f_ab t_b) g_a + (f_ab t_a + f_bb t_b) g_b} of
     * the derivative of the gradient along {@code v}. Second derivatives that meet a constant operand (a null tangent)
     * are not used: they may be NaN there ({@code log} of a negative base in {@code pow}). Otherwise {@code out}.
     */
    double[] curve(double[] out, double[] ga, double[] gb, double faa, double fab, double fbb) {
        if (direction == null || out == null) {
            return out;
        }
        double ca = 0;
        double cb = 0;
        if (ga != null) {
            ca += faa * ga[along];
        }
        if (gb != null) {
            cb += fbb * gb[along];
        }
        if (ga != null && gb != null) {
            ca += fab * gb[along];
            cb += fab * ga[along];
        }
        for (int i = 0; i < dim; i++) {
            out[dim + i] += (ga == null ? 0 : ca * ga[i]) + (gb == null ? 0 : cb * gb[i]);
        }
        return out;
    }

    /** {@code r = f(x)} with {@code f'(x) = d1} and {@code f''(x) = d2}: its tangent (hyper-dual when so evaluated). */
    double[] smooth(double[] gx, double d1, double d2) {
        return curve(scale(gx, d1), gx, null, d2, 0, 0);
    }

    /**
     * In a forward-over-forward evaluation: copies the derivative of the gradient along {@code v} from {@code from} (a
     * tangent of the same value computed another way) into {@code to}, whose gradient and derivative along {@code v}
     * stay as they are (bit for bit those of a plain forward evaluation).
     */
    void secondOrderFrom(double[] to, double[] from) {
        if (direction != null && to != null) {
            for (int i = dim; i < 2 * dim; i++) {
                to[i] = from == null ? 0 : from[i];
            }
        }
    }

    /** Whether this is a forward-over-forward evaluation. */
    boolean secondOrder() {
        return direction != null;
    }

    private static double[] abs(double[] a) {
        if (a == null) {
            return null;
        }
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(out[i]);
        }
        return out;
    }

    private static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }

    private double[] zeroLike(double[] a) {
        return a == null ? null : new double[len];
    }

    private void valueUnderflowIf(boolean condition) {
        if (wide && condition) {
            underflow = VALUE_UNDERFLOW;
        }
    }

    /**
     * A local derivative of 0 on a moving argument ({@code 1 - tanh(x)^2} at {@code x = 1e161}, a factor 0): no
     * tangent flows through it, so {@link #track} cannot bound the adjoint of its result, which may overflow, and
     * reverse mode multiplies the two (NaN).
     */
    private boolean blind(double c, double[] a) {
        if (a == null || c != 0) {
            return false;
        }
        for (int i = dim; i < len; i++) {
            if (a[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Nonzero and below the smallest normal double. */
    private static boolean subnormal(double x) {
        return x != 0 && Math.abs(x) < Double.MIN_NORMAL;
    }

    /** Whether {@code c} or a product {@code c * a[i]} of nonzero numbers is subnormal or 0. */
    private boolean underflows(double c, double[] a) {
        if (a == null) {
            return false;
        }
        if (subnormal(c)) {
            return true;
        }
        for (int i = 0; i < dim; i++) {
            if (c != 0 && a[i] != 0 && Math.abs(c * a[i]) < Double.MIN_NORMAL) {
                return true;
            }
        }
        return false;
    }

    /** The tangent of differentiated input number {@code k}: 1 in slot {@code k} (and in its magnitude). */
    private double[] seed(int k) {
        double[] g = new double[len];
        g[k] = 1;
        if (wide) {
            g[dim + k] = 1;
        }
        if (direction != null) {
            g[along] = direction[k];
        }
        return g;
    }
}
