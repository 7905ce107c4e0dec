package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reverse mode. For straight-line SSA it walks the forward instructions backwards, seeds the result's adjoint
 * with 1, and applies {@link Rules} to every instruction whose result is <em>active</em> (depends on a
 * differentiated parameter and reaches the result). The first contribution to an adjoint declares it;
 * later ones accumulate, which is how fan-out adds up (for arrays, {@code ArrayMath.addTo} in place). A method
 * that returns an array is seeded with its caller's upstream adjoint instead of 1: its gradient is a pullback.
 * A body with branches, loops or element stores gets its {@link Flow} instead: the same rules per instruction,
 * laid out along the body's structure by {@link Schedule}.
 */
public final class ReverseMode {

    private ReverseMode() {}

    /** Differentiates {@code function} with respect to {@code wrt}, a subset of its parameters. */
    public static Adjoint differentiate(Function function, List<Value> wrt) {
        if (function.hasControlFlow()) {
            Map<Instruction.Call, SortedSet<Integer>> activeCalls = new LinkedHashMap<>();
            Flow flow = Flow.analyze(function, wrt, activeCalls);
            Set<Value> reached = new LinkedHashSet<>();
            for (Value parameter : wrt) {
                if (flow.active().contains(parameter)) {
                    reached.add(parameter);
                }
            }
            return new Adjoint(function, wrt, List.of(), reached, activeCalls, flow);
        }
        Set<Value> varied = varied(function, wrt);
        Set<Value> active = useful(function, varied);

        List<Adjoint.Statement> statements = new ArrayList<>();
        Set<Value> declared = new HashSet<>();
        Map<Instruction.Call, SortedSet<Integer>> activeCalls = new LinkedHashMap<>();
        if (function.result() instanceof Value result && active.contains(result)) {
            if (!result.type().isArray()) {
                statements.add(new Adjoint.Statement(result, true, Expr.num(1)));
            } // an array result's adjoint is the caller's upstream adjoint, a parameter of the pullback
            declared.add(result);
        }
        Map<Expr.Call, Value> computed = forwardMathCalls(function);
        List<Instruction> body = function.straightLine();
        for (int k = body.size() - 1; k >= 0; k--) {
            Instruction instruction = body.get(k);
            Value out = instruction.out();
            if (!declared.contains(out)) {
                continue; // inactive, or every contribution to it folded to zero
            }
            List<Rules.Partial> partials = Rules.of(instruction);
            Rules.Site site = site(instruction, varied);
            // one statement per operand: x * x gives "2 * x * dz", not two lines for the same x
            Map<Value, Expr> contributions = new LinkedHashMap<>();
            for (int i = 0; i < partials.size(); i++) {
                Operand operand = instruction.operands().get(i);
                Rules.Partial partial = partials.get(i);
                if (partial == null || !(operand instanceof Value v) || !active.contains(v)) {
                    continue;
                }
                Expr contribution = reuse(partial.contribution(site), computed);
                if (Expr.isZero(contribution)) {
                    continue;
                }
                if (contribution instanceof Expr.Scatter) {
                    statements.add(new Adjoint.Statement(v, declared.add(v), contribution)); // one element at a time
                    continue;
                }
                contributions.merge(v, contribution, Expr.sum(v.type()));
                if (instruction instanceof Instruction.Call call) {
                    activeCalls.computeIfAbsent(call, c -> new TreeSet<>()).add(i);
                }
            }
            contributions.forEach((v, contribution) ->
                    statements.add(new Adjoint.Statement(v, declared.add(v), contribution)));
        }
        Set<Value> reached = new LinkedHashSet<>();
        for (Value parameter : wrt) {
            if (declared.contains(parameter)) {
                reached.add(parameter);
            }
        }
        return new Adjoint(function, wrt, unaliased(statements, function.parameters()), reached, activeCalls, null);
    }

    /**
     * An array adjoint that is declared as another array ({@code dQ = dR}) shares it, which is right while neither
     * changes. It gets a copy when more contributions will be added into it in place, or when it is a parameter's
     * gradient, which the caller owns.
     */
    private static List<Adjoint.Statement> unaliased(List<Adjoint.Statement> statements, List<Value> parameters) {
        Map<Value, Integer> count = new HashMap<>();
        statements.forEach(s -> count.merge(s.target(), 1, Integer::sum));
        List<Adjoint.Statement> out = new ArrayList<>();
        for (Adjoint.Statement s : statements) {
            boolean shared = s.expr() instanceof Expr.Adjoint || s.expr() instanceof Expr.Forward;
            if (s.declares() && s.target().type().isArray() && shared
                    && (count.get(s.target()) > 1 || parameters.contains(s.target()))) {
                out.add(new Adjoint.Statement(s.target(), true, Expr.op("copy", s.expr())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The Math calls the forward pass already made, by function and arguments: {@code Math.cos(x)} is {@code c}. */
    private static Map<Expr.Call, Value> forwardMathCalls(Function function) {
        Map<Expr.Call, Value> computed = new HashMap<>();
        for (Instruction instruction : function.straightLine()) {
            if (instruction instanceof Instruction.MathCall m && m.out().type() == Type.DOUBLE) {
                List<Expr> args = m.args().stream().map(Expr::of).toList();
                computed.putIfAbsent(new Expr.Call(m.function(), args), m.out());
            }
        }
        return computed;
    }

    /** Reads a forward value instead of calling the same Math function again (sin's rule needs cos(x)). */
    private static Expr reuse(Expr e, Map<Expr.Call, Value> computed) {
        if (e instanceof Expr.Call c) {
            Value known = computed.get(c);
            if (known != null) {
                return new Expr.Forward(known);
            }
            return new Expr.Call(c.function(), c.args().stream().map(a -> reuse(a, computed)).toList());
        }
        if (e instanceof Expr.Negate n) {
            return Expr.neg(reuse(n.operand(), computed));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), reuse(b.left(), computed), reuse(b.right(), computed));
        }
        if (e instanceof Expr.ArrayOp a) {
            return new Expr.ArrayOp(a.method(), a.args().stream().map(arg -> reuse(arg, computed)).toList());
        }
        if (e instanceof Expr.Scatter sc) {
            return new Expr.Scatter(sc.indices(), reuse(sc.value(), computed));
        }
        if (e instanceof Expr.Conditional c) {
            return new Expr.Conditional(reuse(c.left(), computed), c.cmp(), reuse(c.right(), computed),
                    reuse(c.then(), computed), reuse(c.otherwise(), computed));
        }
        return e;
    }

    private static Set<Value> varied(Function function, List<Value> wrt) {
        Set<Value> varied = new HashSet<>(wrt);
        for (Instruction instruction : function.straightLine()) {
            if (!instruction.out().type().isReal()) {
                continue;
            }
            List<Rules.Partial> partials = Rules.of(instruction);
            for (int i = 0; i < partials.size(); i++) {
                if (partials.get(i) != null && varied.contains(instruction.operands().get(i))) {
                    varied.add(instruction.out());
                    break;
                }
            }
        }
        return varied;
    }

    /** The varied values that the result depends on: the ones whose adjoints are worth computing. */
    private static Set<Value> useful(Function function, Set<Value> varied) {
        Set<Value> useful = new HashSet<>();
        if (function.result() instanceof Value result && varied.contains(result)) {
            useful.add(result);
        }
        List<Instruction> body = function.straightLine();
        for (int k = body.size() - 1; k >= 0; k--) {
            Instruction instruction = body.get(k);
            if (!useful.contains(instruction.out())) {
                continue;
            }
            List<Rules.Partial> partials = Rules.of(instruction);
            for (int i = 0; i < partials.size(); i++) {
                Operand operand = instruction.operands().get(i);
                if (partials.get(i) != null && operand instanceof Value v && varied.contains(v)) {
                    useful.add(v);
                }
            }
        }
        return useful;
    }

    private static Rules.Site site(Instruction instruction, Set<Value> varied) {
        List<Expr> args = new ArrayList<>();
        List<Boolean> differentiated = new ArrayList<>();
        for (Operand operand : instruction.operands()) {
            args.add(Expr.of(operand));
            differentiated.add(varied.contains(operand));
        }
        return new Rules.Site(args, new Expr.Forward(instruction.out()), new Expr.Adjoint(instruction.out()), differentiated);
    }
}
