package io.github.sourcegrad.processor.ad;

import static io.github.sourcegrad.processor.ad.Expr.add;
import static io.github.sourcegrad.processor.ad.Expr.call;
import static io.github.sourcegrad.processor.ad.Expr.div;
import static io.github.sourcegrad.processor.ad.Expr.mul;
import static io.github.sourcegrad.processor.ad.Expr.neg;
import static io.github.sourcegrad.processor.ad.Expr.num;
import static io.github.sourcegrad.processor.ad.Expr.sub;
import static io.github.sourcegrad.processor.ad.Expr.when;
import static io.github.sourcegrad.processor.ir.MathFunction.*;

import io.github.sourcegrad.processor.ad.Expr.Comparison;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Type;
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
 * <p>Kinks follow the lecture's convention ({@code relu'(0) = 0}):
 * <ul>
 *   <li>{@code max(a, b)}: {@code a} receives {@code dz} when {@code a > b}, {@code b} when {@code b > a}.
 *       At a tie between two differentiated values each receives half; against a constant the
 *       differentiated side receives nothing, so {@code max(p, 0)} and {@code max(0, p)} pass no gradient at
 *       {@code p == 0}. {@code min} is the mirror image.</li>
 *   <li>{@code abs'(0) = 0} ({@code signum}); {@code hypot} at the origin passes nothing.</li>
 *   <li>{@code pow(x, c)} with constant {@code c} is exact at {@code x == 0}; with a differentiated exponent,
 *       the exponent's derivative at base {@code 0} is {@code 0}.</li>
 *   <li>{@code signum}, {@code floor}, {@code ceil}, {@code rint}, {@code round} are piecewise constant:
 *       derivative 0.</li>
 * </ul>
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
    }

    /** One argument's contribution. */
    @FunctionalInterface
    public interface Partial {
        Expr contribution(Site s);
    }

    private static final Map<MathFunction, List<Partial>> MATH = new EnumMap<>(MathFunction.class);

    static {
        unary(EXP, s -> mul(s.z(), s.dz()));
        unary(LOG, s -> div(s.dz(), s.x()));
        unary(LOG10, s -> div(s.dz(), mul(s.x(), call(LOG, num(10)))));
        unary(LOG1P, s -> div(s.dz(), add(num(1), s.x())));
        unary(EXPM1, s -> mul(add(s.z(), num(1)), s.dz()));
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
                s -> mul(div(s.y(), squaredNorm(s)), s.dz()),   // atan2(y, x): the first argument is y
                s -> mul(div(neg(s.x()), squaredNorm(s)), s.dz()));
        unary(SINH, s -> mul(call(COSH, s.x()), s.dz()));
        unary(COSH, s -> mul(call(SINH, s.x()), s.dz()));
        unary(TANH, s -> mul(sub(num(1), mul(s.z(), s.z())), s.dz()));
        unary(ABS, s -> mul(call(SIGNUM, s.x()), s.dz()));
        binary(MAX, s -> winner(s, 0, Comparison.GREATER), s -> winner(s, 1, Comparison.GREATER));
        binary(MIN, s -> winner(s, 0, Comparison.LESS), s -> winner(s, 1, Comparison.LESS));
        binary(HYPOT,
                s -> when(s.z(), Comparison.EQUAL, num(0), num(0), mul(div(s.x(), s.z()), s.dz())),
                s -> when(s.z(), Comparison.EQUAL, num(0), num(0), mul(div(s.y(), s.z()), s.dz())));
        for (MathFunction piecewiseConstant : List.of(SIGNUM, FLOOR, CEIL, RINT, ROUND)) {
            MATH.put(piecewiseConstant, Collections.singletonList(null));
        }
    }

    private Rules() {}

    /** The partials of an instruction, one per operand, {@code null} where the operand gets nothing. */
    public static List<Partial> of(Instruction instruction) {
        if (instruction.out().type() != Type.DOUBLE) {
            return Collections.nCopies(instruction.operands().size(), null);
        }
        if (instruction instanceof Instruction.Negate) {
            return List.of(s -> neg(s.dz()));
        }
        if (instruction instanceof Instruction.Copy || instruction instanceof Instruction.Cast) {
            return List.of(Site::dz);
        }
        if (instruction instanceof Instruction.Binary b) {
            return switch (b.op()) {
                case ADD -> List.of(Site::dz, Site::dz);
                case SUBTRACT -> List.of(Site::dz, s -> neg(s.dz()));
                case MULTIPLY -> List.of(s -> mul(s.y(), s.dz()), s -> mul(s.x(), s.dz()));
                case DIVIDE -> List.of(
                        s -> div(s.dz(), s.y()),
                        s -> mul(div(neg(s.x()), mul(s.y(), s.y())), s.dz()));
                // The parser accepts % on integers only; a double remainder never reaches here.
                case REMAINDER -> throw new IllegalStateException("no derivative rule for % on double values");
            };
        }
        if (instruction instanceof Instruction.MathCall m) {
            return MATH.get(m.function());
        }
        Instruction.Call c = (Instruction.Call) instruction;
        List<Partial> partials = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            int index = i;
            partials.add(c.callee().parameterTypes().get(i) == Type.DOUBLE
                    ? s -> mul(new Expr.Partial(c, index), s.dz())
                    : null);
        }
        return partials;
    }

    /** True when the primitive has an entry: every {@link MathFunction} must. */
    static boolean covers(MathFunction function) {
        return MATH.containsKey(function);
    }

    private static void unary(MathFunction f, Partial x) {
        MATH.put(f, List.of(x));
    }

    private static void binary(MathFunction f, Partial x, Partial y) {
        MATH.put(f, List.of(x, y));
    }

    private static Expr squaredNorm(Site s) {
        return add(mul(s.x(), s.x()), mul(s.y(), s.y()));
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
