package io.github.sourcegrad.processor.ad;

import static io.github.sourcegrad.processor.ad.Expr.add;
import static io.github.sourcegrad.processor.ad.Expr.call;
import static io.github.sourcegrad.processor.ad.Expr.div;
import static io.github.sourcegrad.processor.ad.Expr.mul;
import static io.github.sourcegrad.processor.ad.Expr.neg;
import static io.github.sourcegrad.processor.ad.Expr.num;
import static io.github.sourcegrad.processor.ad.Expr.op;
import static io.github.sourcegrad.processor.ad.Expr.sub;
import static io.github.sourcegrad.processor.ad.Expr.when;
import static io.github.sourcegrad.processor.ir.MathFunction.*;

import io.github.sourcegrad.processor.ad.Expr.Comparison;
import io.github.sourcegrad.processor.ir.ArrayFunction;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The derivative table: for each primitive {@code z = op(a, b, ...)}, what each argument's adjoint receives,
 * written as "local derivative times {@code dz}", the way the slides write {@code db = e^a * dc}.
 * One entry per primitive; {@code null} in a list means the argument gets no derivative.
 *
 * <p>Arrays: each {@code ArrayMath} operation has its entry too, written with {@code ArrayMath}'s backward helpers
 * ({@code matmul}'s {@code dA += timesTransposed(dC, B)}); an element read {@code z = a[i]} gives back
 * {@code da[i] += dz} ({@link Expr.Scatter}); a store {@code a[i] = v} and an array literal give {@code v} the
 * element's adjoint {@code da[i]} ({@link Expr.Element}).
 *
 * <p>Kinks follow the lecture's convention ({@code relu'(0) = 0}):
 * <ul>
 *   <li>{@code max(a, b)}: {@code a} receives {@code dz} when {@code a > b}, {@code b} when {@code b > a}.
 *       At a tie between two differentiated values each receives half; against a constant the
 *       differentiated side receives nothing, so {@code max(p, 0)} and {@code max(0, p)} pass no gradient at
 *       {@code p == 0}. {@code min} is the mirror image.</li>
 *   <li>{@code abs'(0) = 0} ({@code signum}); {@code hypot} at the origin passes nothing.</li>
 *   <li>{@code pow(x, c)} with constant {@code c} is exact at {@code x == 0}; with a differentiated exponent,
 *       the exponent's derivative at base {@code 0} is {@code 0}.</li>
 *   <li>{@code signum}, {@code floor}, {@code ceil}, {@code rint}, {@code round}, {@code ulp} and
 *       {@code getExponent} are piecewise constant: derivative 0. {@code nextUp}, {@code nextDown} and
 *       {@code nextAfter} move their argument by one ulp and follow it: derivative 1.</li>
 *   <li>{@code copySign(m, s)}: {@code m} receives {@code +dz} or {@code -dz} as its sign is kept or flipped,
 *       nothing at {@code m == 0} (as {@code abs}); {@code s} receives nothing.</li>
 *   <li>{@code IEEEremainder(x, y) = x - n y}: {@code dy = -n dz} with {@code n = rint(x / y)}, the side of the
 *       jump that {@code rint} picks at a tie.</li>
 * </ul>
 *
 * <p>Extreme magnitudes: each rule computes its local derivative without an intermediate overflow or underflow
 * wherever that local derivative is a normal double, so a partial is within a few ulps of the exact one from
 * {@code 1e-300} to {@code 1e300} ({@code ExtremeMagnitudesTest}); only where the local derivative itself is
 * subnormal may it come out as 0, and only where it overflows is it infinite. Hence the forms below:
 * <ul>
 *   <li>{@code z = x / y}: {@code dy += -z / y * dz}, not {@code -x / (y * y) * dz}, whose {@code y * y} overflows
 *       or underflows while {@code x / y^2} is an ordinary number ({@code x / (x + y)} at {@code 1e-170}). The
 *       slides' {@code -1 / (c * c) * dd} stays for a numerator of {@code 1} or {@code -1}: there {@code c * c}
 *       overflows only where {@code 1 / c^2} is below 5.6e-309 (subnormal), and underflows to a subnormal only where
 *       {@code 1 / c^2} is above 4.5e307, with at most 4 ulps lost, and to 0 only where {@code 1 / c^2} overflows.
 *       Any other numerator {@code k} breaks this ({@code 1e200 / c} at {@code c = 1e160}: {@code c * c} is
 *       infinite, {@code k / c^2} is 1e-120), so it takes the stable form.</li>
 *   <li>{@code atan2(y, x)}: {@code x / h / h} with {@code h = hypot(y, x)}, not {@code x / (x * x + y * y)}.</li>
 *   <li>{@code expm1}: {@code exp(x)}, as {@code z + 1} is 0 from {@code x = -38} on.</li>
 *   <li>{@code tanh} keeps the lecture's {@code 1 - z * z} (it reads {@code tanh}'s result, which a loop keeps
 *       anyway): accurate to a few ulps of 1, not of the derivative, which it gives as 0 from {@code |x| = 19} on
 *       (where {@code sech^2 x} is below 1.7e-17). {@code 1 / (cosh(x) * cosh(x))} would be exact there, at the
 *       price of two {@code cosh} and of recomputing {@code x}.</li>
 *   <li>{@code atan}'s {@code 1 + x * x}, {@code log10}'s {@code x * ln 10} and {@code tan}'s {@code 1 + z * z}
 *       overflow only where the local derivative is subnormal or infinite anyway; {@code cbrt}'s {@code 3 * z * z}
 *       never does ({@code z} lies between 1e-108 and 6e102); {@code hypot}'s {@code x / z} is at most 1.</li>
 * </ul>
 * What no rule can avoid: a sum of contributions that cancel ({@code x / (x + y)} with respect to {@code x} at
 * {@code y = 1e-300 * x} is {@code 1 / s - x / s^2}, which is 0 in doubles), and a product of a local derivative
 * that is subnormal or infinite with an adjoint that would bring it back into range.
 */
public final class Rules {

    /** What a rule sees: the instruction's arguments and result as expressions, the result's adjoint, and which arguments carry derivatives. */
    public record Site(List<Expr> args, Expr z, Expr dz, List<Boolean> differentiated) {
        Expr x() {
            return args.get(0);
        }

        Expr y() {
            return args.get(1);
        }

        /** The type of argument {@code i}: arrays are always values, numbers are doubles. */
        Type type(int i) {
            return args.get(i) instanceof Expr.Forward f ? f.operand().type() : Type.DOUBLE;
        }
    }

    /** One argument's contribution. */
    @FunctionalInterface
    public interface Partial {
        Expr contribution(Site s);
    }

    private static final Map<MathFunction, List<Partial>> MATH = new EnumMap<>(MathFunction.class);

    /**
     * {@code SourceGrad.noGradient(a)}, of a number or an array: its argument gets nothing, so its result depends on no
     * differentiated value and has no adjoint (the stop-gradient; the forward pass still computes the value).
     */
    private static final List<Partial> NO_GRADIENT = Collections.singletonList(null);

    /**
     * The vectorized operations of {@code ArrayMath}, written with its backward helpers: the slides'
     * {@code dX = dP W^T} is {@code timesTransposed(dP, W)}. Each helper returns a fresh array; the V and M
     * overloads of an operation share one entry.
     */
    private static final Map<ArrayFunction, List<Partial>> ARRAY = new EnumMap<>(ArrayFunction.class);

    static {
        unary(EXP, s -> mul(s.z(), s.dz()));
        unary(LOG, s -> div(s.dz(), s.x()));
        unary(LOG10, s -> div(s.dz(), mul(s.x(), call(LOG, num(10)))));
        unary(LOG1P, s -> div(s.dz(), add(num(1), s.x())));
        unary(EXPM1, s -> mul(call(EXP, s.x()), s.dz()));
        unary(SQRT, s -> div(s.dz(), mul(num(2), s.z())));
        unary(CBRT, s -> div(s.dz(), mul(mul(num(3), s.z()), s.z())));
        binary(POW, Rules::powBase, Rules::powExponent);
        unary(SIN, s -> mul(call(COS, s.x()), s.dz()));
        unary(COS, s -> mul(neg(call(SIN, s.x())), s.dz()));
        unary(TAN, s -> mul(add(num(1), mul(s.z(), s.z())), s.dz()));
        unary(ASIN, s -> div(s.dz(), call(SQRT, sub(num(1), mul(s.x(), s.x())))));
        unary(ACOS, s -> div(neg(s.dz()), call(SQRT, sub(num(1), mul(s.x(), s.x())))));
        unary(ATAN, s -> div(s.dz(), add(num(1), mul(s.x(), s.x()))));
        binary(ATAN2,
                s -> mul(overNormSquared(s, s.y()), s.dz()),   // atan2(y, x): the first argument is y
                s -> mul(overNormSquared(s, neg(s.x())), s.dz()));
        unary(SINH, s -> mul(call(COSH, s.x()), s.dz()));
        unary(COSH, s -> mul(call(SINH, s.x()), s.dz()));
        unary(TANH, s -> mul(sub(num(1), mul(s.z(), s.z())), s.dz()));
        unary(ABS, s -> mul(call(SIGNUM, s.x()), s.dz()));
        binary(MAX, s -> winner(s, 0, Comparison.GREATER), s -> winner(s, 1, Comparison.GREATER));
        binary(MIN, s -> winner(s, 0, Comparison.LESS), s -> winner(s, 1, Comparison.LESS));
        binary(HYPOT,
                s -> when(s.z(), Comparison.EQUAL, num(0), num(0), mul(div(s.x(), s.z()), s.dz())),
                s -> when(s.z(), Comparison.EQUAL, num(0), num(0), mul(div(s.y(), s.z()), s.dz())));
        // SmoothMath: the derivatives are sigmoids, which are stable and exactly 0.5 at the points where the
        // kinked formulations of these functions (max, abs) would pass nothing
        unary(SOFTPLUS, s -> mul(call(SIGMOID, s.x()), s.dz()));
        unary(LOG_SIGMOID, s -> mul(call(SIGMOID, neg(s.x())), s.dz()));
        // sigmoid(x) sigmoid(-x), not z (1 - z), which is 0 from x = 37 on, where the derivative is still e^-x
        unary(SIGMOID, s -> mul(mul(s.z(), call(SIGMOID, neg(s.x()))), s.dz()));
        binary(LOG_ADD_EXP,                                          // e^(a - z) = sigmoid(a - b)
                s -> mul(call(SIGMOID, sub(s.x(), s.y())), s.dz()),
                s -> mul(call(SIGMOID, sub(s.y(), s.x())), s.dz()));
        for (MathFunction piecewiseConstant : List.of(SIGNUM, FLOOR, CEIL, RINT, ROUND, ULP, GET_EXPONENT)) {
            MATH.put(piecewiseConstant, Collections.singletonList(null));
        }
        // linear maps: the adjoint goes through the same map (toRadians(x) is x * (pi / 180), rounded once)
        unary(TO_RADIANS, s -> call(TO_RADIANS, s.dz()));
        unary(TO_DEGREES, s -> call(TO_DEGREES, s.dz()));
        binary(SCALB, s -> call(SCALB, asDouble(s.dz()), s.y()), null);               // x * 2^n: scalb(dz, n), exact
        MATH.put(FMA, List.of(s -> mul(s.y(), s.dz()), s -> mul(s.x(), s.dz()), Site::dz));   // fma(a, b, c) = a * b + c
        // copySign(m, s) is |m| with the sign of s: dm = +-dz as the sign is kept or flipped, 0 at m == 0 as for abs;
        // the sign's source passes nothing (a step function of s)
        binary(COPY_SIGN, s -> mul(mul(call(SIGNUM, s.x()), call(SIGNUM, s.z())), s.dz()), null);
        // IEEEremainder(x, y) = x - n * y, n the integer nearest x / y: piecewise linear, jumping where n changes
        binary(IEEE_REMAINDER, Site::dz, s -> mul(neg(call(RINT, div(s.x(), s.y()))), s.dz()));
        // the neighbouring double follows its argument: x + ulp(x) has derivative 1 as far as any difference sees it
        unary(NEXT_UP, Site::dz);
        unary(NEXT_DOWN, Site::dz);
        binary(NEXT_AFTER, Site::dz, null);
        MATH.put(CLAMP, List.of(Rules::clampValue, Rules::clampLow, Rules::clampHigh));
        for (MathFunction integer : MathFunction.values()) {
            if (integer.isInteger()) {                      // int and long results: nothing to differentiate
                MATH.put(integer, Collections.nCopies(integer.arity(), null));
            }
        }
    }

    static {
        array(ArrayFunction.MATMUL, Rules::matmulLeft, Rules::matmulRight);
        array(ArrayFunction.TRANSPOSE, s -> op("transpose", s.dz()));
        // add(a, c), subtract(c, a), ...: a number added to every element receives the sum of the adjoints
        array(ArrayFunction.ADD, s -> summedIfNumber(s, 0, s.dz()), s -> summedIfNumber(s, 1, s.dz()));
        array(ArrayFunction.SUBTRACT, s -> summedIfNumber(s, 0, s.dz()), s -> s.type(1) == Type.DOUBLE
                ? neg(op("sum", s.dz())) : op("negate", s.dz()));
        array(ArrayFunction.MULTIPLY, s -> op("multiply", s.y(), s.dz()), s -> op("multiply", s.x(), s.dz()));
        array(ArrayFunction.DIVIDE,
                s -> op("divide", s.dz(), s.y()),
                s -> op("negate", op("multiply", op("divide", s.z(), s.y()), s.dz())));    // -(x / y) / y * dz
        array(ArrayFunction.SCALE, s -> op("dot", s.y(), s.dz()), s -> scaled(s.x(), s.dz()));
        array(ArrayFunction.NEGATE, s -> op("negate", s.dz()));
        array(ArrayFunction.ADD_ROW, Site::dz, s -> op("sumRows", s.dz()));
        array(ArrayFunction.SUBTRACT_ROW, Site::dz, s -> op("negate", op("sumRows", s.dz())));
        array(ArrayFunction.MULTIPLY_ROW, s -> op("multiplyRow", s.dz(), s.y()), s -> op("sumRows", op("multiply", s.x(), s.dz())));
        array(ArrayFunction.SQUARE, s -> op("scale", num(2), op("multiply", s.x(), s.dz())));
        array(ArrayFunction.EXP, s -> op("multiply", s.z(), s.dz()));
        array(ArrayFunction.LOG, s -> op("divide", s.dz(), s.x()));
        array(ArrayFunction.TANH, s -> op("multiply", op("oneMinusSquare", s.z()), s.dz()));
        array(ArrayFunction.SIGMOID, s -> op("multiply", s.z(), op("oneMinus", s.z()), s.dz()));
        array(ArrayFunction.RELU, s -> op("maskGreater", s.x(), num(0), s.dz()));          // (p > 0) * dq
        array(ArrayFunction.SOFTPLUS, s -> op("multiply", op("sigmoid", s.x()), s.dz()));
        array(ArrayFunction.LOG_SIGMOID, s -> op("multiply", op("sigmoid", op("negate", s.x())), s.dz()));
        array(ArrayFunction.LOG_ADD_EXP,
                s -> op("multiply", op("sigmoid", op("subtract", s.x(), s.y())), s.dz()),
                s -> op("multiply", op("sigmoid", op("subtract", s.y(), s.x())), s.dz()));
        // max(a, c): the elements above c pass dz to a, the ones below pass it to c; at a tie with a constant c
        // nothing passes (relu'(0) = 0), with a differentiated c each side gets half, as for Math.max
        array(ArrayFunction.MAX,
                s -> op(s.differentiated().get(1) ? "maskGreaterOrHalf" : "maskGreater", s.x(), s.y(), s.dz()),
                s -> op("sum", op("maskGreaterOrHalf", op("negate", s.x()), neg(s.y()), s.dz())));
        array(ArrayFunction.SUM, s -> Expr.isOne(s.dz()) ? op("onesLike", s.x()) : op("filled", s.x(), s.dz()));
        array(ArrayFunction.SUM_ROWS, s -> op("broadcastRows", s.dz(), s.x()));
        array(ArrayFunction.DOT, s -> scaled(s.dz(), s.y()), s -> scaled(s.dz(), s.x()));
        array(ArrayFunction.LOG_SUM_EXP, s -> scaled(s.dz(), op("softmax", s.x())));
        array(ArrayFunction.SOFTMAX, s -> op("softmaxBackward", s.z(), s.dz()));
        array(ArrayFunction.COPY, Site::dz);
        // d where a > c: the mask is piecewise constant in a and c, and passes d's adjoint through where it is open
        array(ArrayFunction.MASK_GREATER, null, null, s -> op("maskGreater", s.x(), s.y(), s.dz()));
    }

    private Rules() {}

    /** The partials of an instruction, one per operand, {@code null} where the operand gets nothing. */
    public static List<Partial> of(Instruction instruction) {
        if (!instruction.out().type().isReal()) {
            return Collections.nCopies(instruction.operands().size(), null);
        }
        if (instruction instanceof Instruction.ArrayCall a) {
            return ARRAY.get(a.function());
        }
        if (instruction instanceof Instruction.NewArray) {
            return Collections.nCopies(instruction.operands().size(), null);
        }
        if (instruction instanceof Instruction.ArrayLiteral literal) {
            List<Partial> partials = new ArrayList<>();
            for (int k = 0; k < literal.elements().size(); k++) {
                List<Expr> indices = literal.indices(k).stream().map(i -> num(i)).toList();
                partials.add(s -> new Expr.Element(literal.out(), indices.stream().map(Rules::intIndex).toList()));
            }
            return partials;
        }
        if (instruction instanceof Instruction.Store store) {
            // a store passes the element's adjoint to the value it wrote (the writer then clears the element, which
            // the store overwrote); += and -= leave the element's adjoint as it is
            List<Partial> partials = new ArrayList<>(Collections.nCopies(instruction.operands().size(), null));
            Value array = (Value) store.array();
            partials.set(partials.size() - 1, s -> {
                Expr element = new Expr.Element(array, s.args().subList(1, s.args().size() - 1));
                return store.compound() == Instruction.BinaryOperator.SUBTRACT ? neg(element) : element;
            });
            return partials;
        }
        if (instruction instanceof Instruction.Load load) {
            List<Partial> partials = new ArrayList<>(Collections.nCopies(instruction.operands().size(), null));
            partials.set(0, s -> new Expr.Scatter(s.args().subList(1, s.args().size()), s.dz()));
            return partials;
        }
        if (instruction instanceof Instruction.Negate) {
            return List.of(s -> neg(s.dz()));
        }
        if (instruction instanceof Instruction.Copy copy && copy.noGradient()) {
            return NO_GRADIENT;     // SourceGrad.noGradient(a): the identity, a constant for differentiation
        }
        if (instruction instanceof Instruction.Copy || instruction instanceof Instruction.Cast) {
            return List.of(Site::dz);
        }
        if (instruction instanceof Instruction.Binary b) {
            return switch (b.op()) {
                case ADD -> List.of(Site::dz, Site::dz);
                case SUBTRACT -> List.of(Site::dz, s -> neg(s.dz()));
                case MULTIPLY -> List.of(s -> mul(s.y(), s.dz()), s -> mul(s.x(), s.dz()));
                case DIVIDE -> List.of(s -> div(s.dz(), s.y()), Rules::divisor);
                // z = x % y = x - q * y with q = trunc(x / y) piecewise constant, and q = (x - z) / y exactly
                case REMAINDER -> List.of(Site::dz, s -> mul(neg(div(sub(s.x(), s.z()), s.y())), s.dz()));
                // & | ^ and the shifts compute ints, longs and booleans, which have no adjoint (returned above)
                case AND, OR, XOR, SHIFT_LEFT, SHIFT_RIGHT, UNSIGNED_SHIFT_RIGHT -> Collections.nCopies(2, null);
            };
        }
        if (instruction instanceof Instruction.MathCall m) {
            return MATH.get(m.function());
        }
        Instruction.Call c = (Instruction.Call) instruction;
        List<Partial> partials = new ArrayList<>();
        if (c.out().type().isArray()) {
            // an array result's call gets its partials from the callee's pullback, called with this result's adjoint
            // dz: they are already vector-Jacobian products (dv += ysLocal.dv()), nothing to scale
            for (Type type : c.callee().parameterTypes()) {
                int index = partials.size();
                partials.add(type.isReal() ? s -> new Expr.Partial(c, index) : null);
            }
            return partials;
        }
        for (int i = 0; i < c.args().size(); i++) {
            int index = i;
            Type type = c.callee().parameterTypes().get(i);
            // an array parameter's partial is a fresh array of the callee's gradient record: dv += dq * qLocal.dv()
            partials.add(type == Type.DOUBLE ? s -> mul(new Expr.Partial(c, index), s.dz())
                    : type.isRealArray() ? s -> scaled(s.dz(), new Expr.Partial(c, index))
                    : null);
        }
        return partials;
    }

    /** True when the primitive has an entry: every {@link MathFunction} must. */
    static boolean covers(MathFunction function) {
        return MATH.containsKey(function);
    }

    /** An index printed as the int it is: {@code dv[0]}, not {@code dv[0.0]}. */
    private static Expr intIndex(Expr e) {
        return e instanceof Expr.Num n ? new Expr.Num(n.value(), Integer.toString((int) n.value())) : e;
    }

    /** True when the vectorized operation has an entry: every {@link ArrayFunction} must. */
    static boolean covers(ArrayFunction function) {
        return ARRAY.containsKey(function);
    }

    private static void array(ArrayFunction f, Partial... partials) {
        ARRAY.put(f, java.util.Arrays.asList(partials));
    }

    /** dC B^T for C = A B; the vector forms: outer(dy, x) for y = A x, and A dy (as timesTransposed) for y = x A. */
    private static Expr matmulLeft(Site s) {
        return isMatrixTimesVector(s) ? op("outer", s.dz(), s.y()) : op("timesTransposed", s.dz(), s.y());
    }

    /** A^T dC for C = A B; transposedTimes(A, dy) for y = A x; outer(x, dy) for y = x A. */
    private static Expr matmulRight(Site s) {
        return isVectorTimesMatrix(s) ? op("outer", s.x(), s.dz()) : op("transposedTimes", s.x(), s.dz());
    }

    private static boolean isMatrixTimesVector(Site s) {
        return s.type(0) == Type.MATRIX && s.type(1) == Type.VECTOR;
    }

    private static boolean isVectorTimesMatrix(Site s) {
        return s.type(0) == Type.VECTOR;
    }

    /** The adjoint {@code dz} for an array argument {@code i}, {@code sum(dz)} for a number broadcast over the result. */
    private static Expr summedIfNumber(Site s, int i, Expr dz) {
        return s.type(i) == Type.DOUBLE ? op("sum", dz) : dz;
    }

    /** c * a for an array a, with c == 1 leaving a itself. */
    private static Expr scaled(Expr c, Expr a) {
        return Expr.isOne(c) ? a : op("scale", c, a);
    }

    private static void unary(MathFunction f, Partial x) {
        MATH.put(f, List.of(x));
    }

    private static void binary(MathFunction f, Partial x, Partial y) {
        MATH.put(f, java.util.Arrays.asList(x, y));
    }

    /** A number written as a double ({@code 1.0}): {@code scalb(1, n)} would pick {@code scalb(float, int)}. */
    private static Expr asDouble(Expr e) {
        return e instanceof Expr.Num n ? new Expr.Num(n.value(), Double.toString(n.value())) : e;
    }

    /**
     * {@code a / (x^2 + y^2)} for atan2's arguments {@code x, y}, as {@code a / h / h} with {@code h = hypot(x, y)}:
     * {@code x * x + y * y} overflows from 1.3e154 and underflows below 1.5e-154, {@code h} does neither.
     */
    private static Expr overNormSquared(Site s, Expr a) {
        Expr h = call(HYPOT, s.x(), s.y());
        return div(div(a, h), h);
    }

    /**
     * {@code z = x / y} with respect to {@code y}: {@code -x / y^2}, computed as {@code -z / y} (as
     * {@code ArrayMath.divide}'s rule does), or, for the slides' {@code 1 / c}, as {@code -1 / (c * c)} (see the
     * class comment for why that form is safe for a numerator of 1 and no other).
     */
    private static Expr divisor(Site s) {
        if (s.x() instanceof Expr.Num k && Math.abs(k.value()) == 1) {
            return mul(div(neg(s.x()), mul(s.y(), s.y())), s.dz());
        }
        return mul(div(neg(s.z()), s.y()), s.dz());
    }

    /** pow(x, c): c * x^(c-1), written out for the common constant exponents so that x == 0 stays exact. */
    private static Expr powBase(Site s) {
        if (s.y() instanceof Expr.Num c) {
            if (c.value() == 0) {
                return num(0);
            }
            if (c.value() == 1) {
                return s.dz();
            }
            if (c.value() == 2) {
                return mul(mul(num(2), s.x()), s.dz());
            }
            return mul(mul(s.y(), call(POW, s.x(), num(c.value() - 1))), s.dz());
        }
        return mul(mul(s.y(), call(POW, s.x(), sub(s.y(), num(1)))), s.dz());
    }

    /** pow(x, y) with respect to y: x^y * ln(x), taken as 0 at x == 0 where x^y is flat for y > 0. */
    private static Expr powExponent(Site s) {
        Expr local = mul(mul(s.z(), call(LOG, s.x())), s.dz());
        if (s.x() instanceof Expr.Num base && base.value() != 0) {
            return local;
        }
        return when(s.x(), Comparison.EQUAL, num(0), num(0), local);
    }

    /**
     * clamp(v, lo, hi) = min(max(v, lo), hi) (JDK 21) with max's and min's conventions: {@code v} receives dz
     * strictly inside, half at a tie with a differentiated bound, nothing at a tie with a constant one.
     */
    private static Expr clampValue(Site s) {
        Expr v = s.x();
        Expr lo = s.y();
        Expr hi = s.args().get(2);
        Expr half = mul(num(0.5), s.dz());
        Expr atHigh = s.differentiated().get(2) ? when(v, Comparison.EQUAL, hi, half, num(0)) : num(0);
        Expr atLow = s.differentiated().get(1) ? when(v, Comparison.EQUAL, lo, half, num(0)) : num(0);
        return when(v, Comparison.GREATER, lo, when(v, Comparison.LESS, hi, s.dz(), atHigh), atLow);
    }

    /** clamp with respect to {@code lo}: dz below it, half at a tie with a differentiated value. */
    private static Expr clampLow(Site s) {
        Expr tie = s.differentiated().get(0) ? when(s.y(), Comparison.EQUAL, s.x(), mul(num(0.5), s.dz()), num(0)) : num(0);
        return when(s.y(), Comparison.GREATER, s.x(), s.dz(), tie);
    }

    /** clamp with respect to {@code hi}: dz above it, half at a tie (with a value above {@code lo}). */
    private static Expr clampHigh(Site s) {
        Expr hi = s.args().get(2);
        Expr tie = s.differentiated().get(0) ? when(hi, Comparison.EQUAL, s.x(),
                when(hi, Comparison.GREATER, s.y(), mul(num(0.5), s.dz()), num(0)), num(0)) : num(0);
        return when(hi, Comparison.LESS, s.x(), s.dz(), tie);
    }

    /**
     * max/min: the argument that wins receives dz. At a tie two differentiated arguments share it; a
     * differentiated argument tied with a constant receives nothing (relu'(0) = 0).
     */
    private static Expr winner(Site s, int index, Comparison wins) {
        Expr self = s.args().get(index);
        Expr other = s.args().get(1 - index);
        Expr tie = s.differentiated().get(1 - index) ? mul(num(0.5), s.dz()) : num(0);
        Expr lose = Expr.isZero(tie) ? num(0) : when(self, Comparison.EQUAL, other, tie, num(0));
        return when(self, wins, other, s.dz(), lose);
    }
}
