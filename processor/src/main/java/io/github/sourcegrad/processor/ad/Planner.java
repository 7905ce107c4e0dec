package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which gradients each function needs. Every function gets its public gradient (with respect to its
 * {@code wrt} parameters). A function also gets a gradient with respect to all its {@code double} parameters
 * when some caller needs a partial derivative that its {@code wrt} leaves out: {@code wrt} restricts only the
 * public method, never what callers need.
 */
public final class Planner {

    /**
     * What to generate for one function. {@code full} is null when no caller needs more than {@code wrt}.
     * {@code inlined} is the gradient of the function with its calls inlined, which both public forms run unless it
     * would be too large for the JIT; {@code fullInlined} is {@code full}'s with its calls inlined (null with {@code full}).
     */
    public record Plan(Function function, Adjoint primary, Adjoint full, Adjoint inlined, Adjoint fullInlined) {}

    private Planner() {}

    /** Plans every function; {@code functions} must be closed under calls and free of cycles. */
    public static Map<String, Plan> plan(Map<String, Function> functions) {
        Map<String, Adjoint> primary = new LinkedHashMap<>();
        Map<String, Adjoint> inlined = new LinkedHashMap<>();
        Map<String, Adjoint> full = new LinkedHashMap<>();
        Map<String, Adjoint> fullInlined = new LinkedHashMap<>();
        Deque<Adjoint> pending = new ArrayDeque<>();
        Map<String, Integer> flatSizes = new java.util.HashMap<>();
        functions.forEach((key, function) -> {
            Adjoint[] both = differentiate(function, Inliner.inlineCalls(function, functions, flatSizes), function.differentiated());
            primary.put(key, both[0]);
            inlined.put(key, both[1]);
            pending.add(both[0]);
            if (both[1] != both[0]) {
                pending.add(both[1]); // calls kept beyond the inlining budget need their callees' gradients too
            }
        });
        functions.forEach((key, function) -> {
            if (isEntryPoint(function) && !coveredByPrimary(function, allIndices(function))) {
                addFull(key, function, functions, flatSizes, full, fullInlined, pending); // the entry point for callers compiled separately: see isEntryPoint
            }
        });
        while (!pending.isEmpty()) {
            Adjoint adjoint = pending.poll();
            adjoint.activeCalls().forEach((call, indices) -> {
                String key = call.callee().key();
                Function callee = functions.get(key);
                if (callee == null) {
                    return; // compiled separately: called through its companion's entry point
                }
                if (!coveredByPrimary(callee, indices) && !full.containsKey(key)) {
                    addFull(key, callee, functions, flatSizes, full, fullInlined, pending);
                }
            });
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        functions.forEach((key, function) -> plans.put(key,
                new Plan(function, primary.get(key), full.get(key), inlined.get(key), fullInlined.get(key))));
        return plans;
    }

    /** Plans {@code function}'s gradient with respect to every {@code double} parameter, with and without its calls inline. */
    private static void addFull(String key, Function function, Map<String, Function> functions, Map<String, Integer> flatSizes,
            Map<String, Adjoint> full, Map<String, Adjoint> fullInlined, Deque<Adjoint> pending) {
        Adjoint[] both = differentiate(function, Inliner.inlineCalls(function, functions, flatSizes), doubleParameters(function));
        full.put(key, both[0]);
        fullInlined.put(key, both[1]);
        pending.add(both[0]);
        if (both[1] != both[0]) {
            pending.add(both[1]);
        }
    }

    /**
     * The gradient that keeps {@code function}'s calls with numbers (its calls with arrays into straight-line callees
     * are inline: see {@link Inliner#carriesArrays}) and the one of {@code flat}, with its calls written inline. They
     * are one and the same unless the inline code has branches or loops, which could make it too large for the JIT;
     * only then may the writer fall back to the first.
     */
    private static Adjoint[] differentiate(Function function, Function flat, List<Value> wrt) {
        Adjoint inlined = ReverseMode.differentiate(flat, wrt);
        Function kept = Inliner.hasArrayCalls(function) ? flat : function;
        if (kept == flat || !flat.hasControlFlow()) {
            return new Adjoint[] {inlined, inlined};
        }
        return new Adjoint[] {ReverseMode.differentiate(kept, wrt), inlined};
    }

    /**
     * True when {@code function}'s companion must reach its gradient with respect to every {@code double},
     * {@code double[]} and {@code double[][]} parameter from outside, whatever its {@code wrt}: code compiled
     * separately (another module, a library jar) calls every {@code @Differentiable} method through its companion.
     * Its {@code d<name>} is that entry point when {@code wrt} names every such parameter, and {@code d<name>WrtAll}
     * otherwise; for an array result, the entry point is the pullback, which takes the result's upstream adjoint
     * after the method's own parameters.
     */
    public static boolean isEntryPoint(Function function) {
        return function.result() != null;
    }

    /** The positions of {@code function}'s {@code double}, {@code double[]} and {@code double[][]} parameters. */
    private static Set<Integer> allIndices(Function function) {
        Set<Integer> indices = new java.util.TreeSet<>();
        for (int i = 0; i < function.parameters().size(); i++) {
            if (function.parameters().get(i).type().isReal()) {
                indices.add(i);
            }
        }
        return indices;
    }

    /** True when the callee's public gradient has every partial derivative a caller reads. */
    public static boolean coveredByPrimary(Function callee, Set<Integer> argumentIndices) {
        for (int index : argumentIndices) {
            if (!callee.differentiated().contains(callee.parameters().get(index))) {
                return false;
            }
        }
        return true;
    }

    public static List<Value> doubleParameters(Function function) {
        return function.parameters().stream().filter(p -> p.type().isReal()).toList();
    }

    /** The argument positions of {@code call} whose partials {@code adjoint} reads (empty when the call is inactive). */
    public static Set<Integer> readPartials(Adjoint adjoint, Instruction.Call call) {
        return adjoint.activeCalls().getOrDefault(call, Collections.emptySortedSet());
    }
}
