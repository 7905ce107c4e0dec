package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forward mode (tangent mode). Each value {@code v} that depends on a differentiated parameter gets a tangent
 * {@code tv}, computed right after {@code v} from the tangents of its arguments. It needs no rules of its own: each
 * entry of {@link Rules} is "local derivative times {@code dz}", linear in {@code dz}, so the tangent of
 * {@code z = op(a, b)} is the sum, over the arguments that carry tangents, of that argument's rule with {@code dz}
 * replaced by the argument's tangent: {@code z = x * y} gives {@code tz = y * tx + x * ty}, {@code b = exp(a)} gives
 * {@code tb = b * ta}, as the lecture's forward-mode slides write them. Branches and loops need no tape: the tangents
 * run along with the values, and a loop's carried variables carry their tangents.
 *
 * <p>So far the differentiated parameters and the result must be {@code double}, the calls to other
 * {@code @Differentiable} methods must have been written inline ({@link Inliner}) unless they are reached through
 * their companion's entry point (a library's, a {@code @CustomDerivative}'s), and no array may carry a
 * derivative: {@link #unsupported} says why a function is not covered, before anything is written.
 */
public final class ForwardMode {

    private ForwardMode() {}

    /**
     * The tangents of one function: {@code varied} are the values (and branch and loop variables) that carry one,
     * and {@code tangents} gives, for each instruction's result among them, the expression of its tangent.
     */
    public record Tangents(Function function, List<Value> wrt, Set<Value> varied, Map<Value, Expr> tangents) {
        public Tangents {
            wrt = List.copyOf(wrt);
            varied = Set.copyOf(varied);
            tangents = Map.copyOf(tangents);
        }
    }

    /**
     * Why forward mode cannot be written for {@code function} yet, or empty when it can. {@code inlined}: its calls
     * should have been written inline, so a call left is not supported; before inlining, calls are not checked.
     */
    public static Optional<String> unsupported(Function function, List<Value> wrt, boolean inlined) {
        return unsupported(function, wrt, inlined, call -> false);
    }

    /**
     * {@link #unsupported(Function, List, boolean)}, where the calls that {@code called} accepts stay calls: methods
     * reached through their companion's entry point (compiled separately, or with a {@code @CustomDerivative}), whose
     * record's partial derivatives times the arguments' tangents give the result's tangent. A method with arrays to
     * follow goes through {@link TangentFunction}, which follows no call that stays a call.
     */
    public static Optional<String> unsupported(Function function, List<Value> wrt, boolean inlined,
            java.util.function.Predicate<Instruction.Call> called) {
        if (TangentFunction.hasArrays(function)) {
            return TangentFunction.unsupportedForJvp(function, inlined);
        }
        String so = "forward = true supports methods whose differentiated parameters and result are double so far; ";
        for (Value p : wrt) {
            if (p.type() != Type.DOUBLE) {
                return Optional.of(so + "parameter " + p.hint() + " is a " + p.type().keyword());
            }
        }
        if (function.result() == null || function.result().type() != Type.DOUBLE && !function.result().type().isNumeric()) {
            return Optional.of(so + function.name() + " returns an array");
        }
        for (Instruction i : function.instructions()) {
            if (inlined && i instanceof Instruction.Call call && !called.test(call)) {
                return Optional.of("forward = true cannot follow the call of " + call.callee().name() + " yet: only calls "
                        + "of @Differentiable methods of the same compilation that are written inline (not in a loop's "
                        + "header) are supported");
            }
        }
        Set<Value> varied = varied(function, wrt);
        for (Value v : varied) {
            if (v.type().isArray()) {
                return Optional.of(so + "an array that carries a derivative" + (v.isTemporary() ? "" : " (" + v.hint() + ")")
                        + " is not supported yet");
            }
        }
        return Optional.empty();
    }

    /** The tangent of every varied value of {@code function}, with respect to {@code wrt}; see {@link #unsupported}. */
    public static Tangents differentiate(Function function, List<Value> wrt) {
        Set<Value> varied = varied(function, wrt);
        Map<Value, Expr> tangents = new HashMap<>();
        for (Instruction instruction : function.instructions()) {
            if (varied.contains(instruction.out())) {
                tangents.put(instruction.out(), tangent(instruction, varied));
            }
        }
        return new Tangents(function, wrt, varied, tangents);
    }

    /**
     * The tangent of {@code instruction}'s result: over the arguments in {@code varied}, the sum of each argument's rule
     * with {@code dz} replaced by the argument's tangent.
     */
    static Expr tangent(Instruction instruction, Set<Value> varied) {
        return tangent(instruction, varied, Expr.Tangent::new);
    }

    /** {@link #tangent(Instruction, Set)} with {@code tangentOf} giving the expression of each varied value's tangent. */
    static Expr tangent(Instruction instruction, Set<Value> varied, java.util.function.Function<Value, Expr> tangentOf) {
        List<Rules.Partial> partials = Rules.of(instruction);
        List<Expr> args = new ArrayList<>();
        List<Boolean> differentiated = new ArrayList<>();
        for (Operand operand : instruction.operands()) {
            args.add(Expr.of(operand));
            differentiated.add(varied.contains(operand));
        }
        Expr tangent = Expr.num(0);
        for (int k = 0; k < partials.size(); k++) {
            Operand operand = instruction.operands().get(k);
            if (partials.get(k) == null || !(operand instanceof Value v) || !varied.contains(v)) {
                continue;
            }
            // the rule with dz replaced by the argument's tangent: its contribution along this argument
            Rules.Site site = new Rules.Site(args, new Expr.Forward(instruction.out()), tangentOf.apply(v), differentiated);
            tangent = plus(tangent, partials.get(k).contribution(site));
        }
        return tangent;
    }

    /**
     * {@code sum + term}, written {@code sum - p * q} where {@code term} is {@code -p * q}: the same number, since a
     * negation is exact, and it reads as the slides do.
     */
    static Expr plus(Expr sum, Expr term) {
        Expr negated = Expr.isZero(sum) ? null : withoutLeadingMinus(term);
        return negated != null ? Expr.sub(sum, negated) : Expr.add(sum, term);
    }

    /** {@code p * q} for {@code -p * q} (and {@code -p / q}, {@code -p}), or null when {@code e} does not start with a minus. */
    private static Expr withoutLeadingMinus(Expr e) {
        if (e instanceof Expr.Negate n) {
            return n.operand();
        }
        if (e instanceof Expr.Num n && n.value() < 0) {
            return Expr.neg(n);
        }
        if (e instanceof Expr.Binary b && (b.op() == Expr.Operator.MULTIPLY || b.op() == Expr.Operator.DIVIDE)) {
            Expr left = withoutLeadingMinus(b.left());
            return left == null ? null : new Expr.Binary(b.op(), left, b.right());
        }
        return null;
    }

    /**
     * The values that depend on a differentiated parameter through some derivative: an instruction's result when a
     * rule passes something to a varied argument, a variable when some write gives it a varied value, a loop's entry
     * value when its variable is varied (the value of the previous iteration). Repeated until nothing changes, for
     * what a loop carries from one iteration into the next.
     */
    static Set<Value> varied(Function function, List<Value> wrt) {
        Set<Value> varied = new HashSet<>(wrt);
        boolean[] changed = {true};
        while (changed[0]) {
            changed[0] = false;
            Node.forEach(function.body(), n -> {
                if (n instanceof Instruction.Store store) {
                    if (varied.contains(store.value()) && store.array() instanceof Value array) {
                        changed[0] |= varied.add(array);
                    }
                } else if (n instanceof Instruction i && i.out().type().isRealArray() && varied.contains(i.out())
                        && (i instanceof Instruction.Load || i instanceof Instruction.Copy c && !c.noGradient())
                        && i.operands().get(0) instanceof Value array && !varied.contains(array)) {
                    // an array that carries tangents shares them with what it aliases: a row with its matrix, a copy
                    // of the reference with the array
                    changed[0] |= varied.add(array);
                } else if (n instanceof Instruction i) {
                    if (!i.out().type().isReal() || varied.contains(i.out())) {
                        return;
                    }
                    List<Rules.Partial> partials = Rules.of(i);
                    for (int k = 0; k < partials.size(); k++) {
                        if (partials.get(k) != null && varied.contains(i.operands().get(k))) {
                            changed[0] |= varied.add(i.out());
                            break;
                        }
                    }
                } else if (n instanceof Node.Write w) {
                    if (varied.contains(w.value())) {
                        changed[0] |= varied.add(w.variable());
                    } else if (varied.contains(w.variable()) && w.variable().type().isRealArray() && w.value() instanceof Value array) {
                        changed[0] |= varied.add(array); // the variable's tangent array is then the value's
                    }
                } else if (n instanceof Node.Loop loop) {
                    for (Node.Loop.Carried c : loop.carried()) {
                        if (varied.contains(c.variable())) {
                            changed[0] |= varied.add(c.entry());
                        }
                    }
                }
            });
        }
        return varied;
    }
}
