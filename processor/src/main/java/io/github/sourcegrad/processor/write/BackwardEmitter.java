package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ad.Flow;
import io.github.sourcegrad.processor.ad.Planner;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.write.ForwardEmitter.FlagState;
import io.github.sourcegrad.processor.write.StructuredWriter.Ctx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints the backward pass of a {@link StructuredWriter}'s method: the adjoint statements of its instructions in
 * reverse order, each branch as the same {@code if} whose block first recomputes what it reads, each loop as a
 * loop over its iterations in reverse (pop the taped variables, recompute the iteration, reverse it), and each
 * write as passing the variable's adjoint to the written value. It keeps, per Java block, which adjoints are
 * declared ({@code adjointScopes}) and which were cleared but not yet written ({@code pendingResets}), and, inside
 * a summing loop, where the adjoints of outside values go instead ({@code summing}).
 */
final class BackwardEmitter {
    private final StructuredWriter writer;
    private final ForwardEmitter forward;
    private final Function f;
    private final Adjoint adjoint;
    private final Flow flow;
    private final Names names;
    private final Catalog catalog;
    private final Schedule schedule;
    private final InstructionPrinter printer;
    private final String tapeName;

    private final Map<Node.Loop, String> tripNames;
    private final Map<Node.Loop, Map<Value, String>> sumPartials = new HashMap<>();
    /** While a summing loop's iteration is reversed inside it: where outside adjoints go instead. */
    private final Deque<Map<Value, String>> summing = new ArrayDeque<>();
    /** The partial sums of the summing loop being reversed inside it: their adjoint is 1. */
    private Set<Value> chain = Set.of();
    /** The variable a for loop declares in its header, which the reversed loop must declare again. */
    private final Map<Node.Loop, Value> headerDeclared;
    /** Adjoints declared per Java block, innermost first; and adjoints cleared but not yet written. */
    private final Deque<Set<Value>> adjointScopes;
    private final Deque<Set<Value>> pendingResets;
    /** The loops being printed, innermost last. */
    private final List<Node.Loop> printing;
    /** A value that shares its variable's adjoint (see {@link Names#share}). */
    private final Map<Value, Value> sharedAdjoint;

    BackwardEmitter(StructuredWriter writer, ForwardEmitter forward) {
        this.writer = writer;
        this.forward = forward;
        this.f = writer.f;
        this.adjoint = writer.adjoint;
        this.flow = writer.flow;
        this.names = writer.names;
        this.catalog = writer.catalog;
        this.schedule = writer.schedule;
        this.printer = writer.printer;
        this.tapeName = writer.tapeName;
        this.tripNames = writer.tripNames;
        this.headerDeclared = writer.headerDeclared;
        this.adjointScopes = writer.adjointScopes;
        this.pendingResets = writer.pendingResets;
        this.sharedAdjoint = writer.sharedAdjoint;
        this.printing = writer.printing;
    }

    /** The value whose adjoint variable holds {@code v}'s adjoint. */
    private Value key(Value v) {
        Value c = flow.canonical(v);
        while (true) {
            Value next = sharedAdjoint.containsKey(c) ? sharedAdjoint.get(c) : schedule.aliasOf(c);
            if (next == null) {
                return c;
            }
            c = flow.canonical(next);
        }
    }

    // ---- the start and the end of the backward pass ----------------------------------------------------

    /**
     * The result's adjoint before the backward pass: 1 for a double; for an array result, the caller's upstream
     * adjoint (the pullback's parameter of the same name), checked for shape and replaced by a copy, because the
     * backward pass clears the elements it has passed on.
     */
    void seed(CodeBlock.Builder code, Value result, Ctx ctx) {
        String name = adjointName(result);
        if (result.type().isArray()) {
            code.addStatement("$T.requireSameShape($S, $N, $S, $L)", ExprPrinter.ARRAY_MATH, name, name,
                    "the result of " + f.name(), printer.operand(result, ctx));
            code.addStatement("$N = $T.copy($N)", name, ExprPrinter.ARRAY_MATH, name);
        } else {
            code.addStatement("double $N = 1", name);
        }
        adjointScopes.peek().add(key(result));
    }

    CodeBlock finish(CodeBlock.Builder code) {
        flushResets(code);
        for (Value p : adjoint.wrt()) {
            if (!isDeclared(p)) {
                code.add("$L $N = $L; // $L does not reach the result\n", p.type().keyword(), names.adjoint(p),
                        p.type().isArray() ? writer.zeros(p) : "0.0", p.hint());
            }
        }
        return code.build();
    }

    // ---- a summing loop: its backward pass inside its forward loop -------------------------------------

    /**
     * The partial derivatives of a summing loop's result with respect to what its terms read, one per value
     * defined outside the loop ({@code ds_da}, the derivative of {@code s} with respect to {@code a}).
     */
    Map<Value, String> sumPartials(Node.Loop loop, Value sum) {
        return sumPartials.computeIfAbsent(loop, l -> {
            Map<Value, String> partials = new LinkedHashMap<>();
            for (Value t : sumTargets(loop, sum)) {
                partials.put(t, names.fresh(adjointName(sum) + "_" + adjointName(t)));
            }
            return partials;
        });
    }

    /** The values defined outside a summing loop whose adjoints its terms add to, in order of definition. */
    private Set<Value> sumTargets(Node.Loop loop, Value sum) {
        Set<Value> inside = Schedule.definedIn(loop.body());
        Set<Value> targets = new java.util.TreeSet<>((a, b) -> Integer.compare(a.id(), b.id()));
        Node.forEach(loop.body(), n -> {
            List<Value> reached = new ArrayList<>();
            if (n instanceof Instruction i && flow.contributions().get(i) != null) {
                reached.addAll(flow.contributions().get(i).keySet());
            } else if (n instanceof Node.Write w && w.value() instanceof Value v && flow.active().contains(flow.canonical(v))) {
                reached.add(v); // a branch passes the adjoint of what it wrote to the value it wrote
            }
            for (Value v : reached) {
                Value k = key(v);
                if (!inside.contains(k) && !k.equals(sum)) {
                    targets.add(k);
                }
            }
        });
        return targets;
    }

    /**
     * Before a summing loop whose sum the method returns ({@link Schedule#sumsDirectly}): declares, as zeros, the
     * adjoints its iterations add to, which the backward pass then finds declared.
     */
    void declareDirectTargets(CodeBlock.Builder code, Node.Loop loop, Value sum) {
        sumPartials.put(loop, Map.of());
        for (Value t : sumTargets(loop, sum)) {
            if (!isDeclared(t) && !forwardDeclared.contains(t)) {
                code.addStatement("$L $N = $L", t.type().keyword(), names.adjoint(t), t.type().isArray() ? writer.zeros(t) : "0");
                forwardDeclared.add(t);
            }
        }
    }

    /** The adjoints the forward pass declared (see {@link #declareDirectTargets}). */
    Set<Value> forwardDeclared() {
        return forwardDeclared;
    }

    private final Set<Value> forwardDeclared = new LinkedHashSet<>();

    /**
     * In a summing loop, the iteration's backward pass right after its forward one, with the sum's adjoint 1:
     * what it would add to an outside value's adjoint goes to that value's partial instead, or, where the sum goes
     * straight to the result, to the adjoint itself. {@code body} is the summing loop's body or that of a loop nested
     * in it ({@link Schedule#summingNest}), whose iterations take their derivatives in the same way.
     */
    void sumAdjoint(CodeBlock.Builder code, List<Node> body, Node.Loop loop, Ctx ctx, Map<Value, String> partials) {
        CodeBlock.Builder block = CodeBlock.builder();
        adjointScopes.push(new HashSet<>(forwardDeclared));
        pendingResets.push(new HashSet<>());
        summing.push(partials);
        Set<Value> outer = chain;
        chain = schedule.sumChain(loop);
        adjointNodes(block, body, ctx);
        chain = outer;
        flushResets(block);
        summing.pop();
        pendingResets.pop();
        adjointScopes.pop();
        if (!block.isEmpty()) {
            code.add("\n").add(block.build());
        }
    }

    // ---- reversing statements --------------------------------------------------------------------------

    void adjointNodes(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        boolean outer = forward.recomputing;
        forward.recomputing = true;
        try {
            adjointNodesReversed(code, nodes, ctx);
        } finally {
            forward.recomputing = outer;
        }
    }

    private void adjointNodesReversed(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            if (node instanceof Instruction instruction && chain.contains(instruction.out())) {
                if (flow.contributions().get(instruction) == null || !isDeclaredOrChain(instruction.out())) {
                    continue;
                }
                // s + term: the term's adjoint is the sum's, 1 (or -1 for s - term)
                ExprPrinter adjoints = adjointPrinter(ctx);
                flow.contributions().get(instruction).forEach((v, e) -> {
                    if (!chain.contains(v)) {
                        contribute(code, v, substituteOne(e, instruction.out()), adjoints);
                    }
                });
            } else if (node instanceof Node.Write w && (chain.contains(w.variable()) || chain.contains(w.value()))) {
                continue; // passes the sum's adjoint on unchanged
            } else if (node instanceof Instruction.Store store) {
                adjointStore(code, store, ctx);
            } else if (node instanceof Instruction instruction) {
                Map<Value, Expr> contributions = flow.contributions().get(instruction);
                // an adjoint nothing was added to is 0: every contribution to it folded away (t * 0.0)
                if (contributions != null && isDeclared(key(instruction.out()))) {
                    ExprPrinter adjoints = adjointPrinter(ctx);
                    if (instruction instanceof Instruction.Call call && call.out().type().isArray() && !contributions.isEmpty()) {
                        pullback(code, call, ctx, adjoints);
                    }
                    contributions.forEach((v, e) -> contribute(code, v, e, adjoints));
                }
            } else if (node instanceof Node.Write w) {
                adjointWrite(code, w);
            } else if (node instanceof Node.If branch) {
                Sunk sunk = sinkable(nodes, i, branch, ctx);
                adjointIf(code, branch, ctx, sunk);
                i -= sunk.consumed(); // the moved instructions, and those without rules among them
            } else if (node instanceof Node.Loop loop) {
                adjointLoop(code, loop, ctx);
            }
        }
    }

    /**
     * {@code a[i] = v} passes the element's adjoint to {@code v} and clears it, since the old element no longer
     * reaches anything; {@code a[i] += v} passes it on and keeps it.
     */
    private void adjointStore(CodeBlock.Builder code, Instruction.Store store, Ctx ctx) {
        adjointStoreElement(code, store, ctx);
        if (schedule.savesElement(store)) {
            code.addStatement("$N.restore()", tapeName);
        }
    }

    private void adjointStoreElement(CodeBlock.Builder code, Instruction.Store store, Ctx ctx) {
        Value array = key((Value) store.array());
        Map<Value, Expr> contributions = flow.contributions().get(store);
        if (contributions == null || !isDeclared(array)) {
            return; // nothing was added to the array's adjoint: it is 0
        }
        ExprPrinter adjoints = adjointPrinter(ctx);
        contributions.forEach((v, e) -> contribute(code, v, e, adjoints));
        if (store.compound() == null) {
            CodeBlock.Builder element = CodeBlock.builder().add("$N", adjointName(array));
            store.indices().forEach(i -> element.add("[$L]", adjoints.print(Expr.of(i))));
            code.addStatement("$L = 0", element.build());
        }
    }

    private boolean isDeclaredOrChain(Value v) {
        return chain.contains(v) || isDeclared(key(v));
    }

    /** {@code e} with the adjoint of {@code v} replaced by 1: {@code dz} becomes 1, {@code -dz} becomes -1. */
    private static Expr substituteOne(Expr e, Value v) {
        if (e.equals(new Expr.Adjoint(v))) {
            return Expr.num(1);
        }
        if (e instanceof Expr.Negate n) {
            return Expr.neg(substituteOne(n.operand(), v));
        }
        throw new IllegalStateException("a partial sum's rule is not dz or -dz: " + e);
    }

    /**
     * {@code Rk4Gradient ysLocal = TrajectoriesGrad.drk4(y0, h, dys);}: the pullback of a call that returns an array,
     * called with the call's arguments and the result's adjoint, once that adjoint is complete; its record's
     * components are what the call passes back to each argument.
     */
    private void pullback(CodeBlock.Builder code, Instruction.Call call, Ctx ctx, ExprPrinter adjoints) {
        Catalog.Entry callee = catalog.entry(call.callee().key());
        boolean primary = Planner.coveredByPrimary(callee.plan().function(), Planner.readPartials(adjoint, call));
        code.addStatement("$T $N = $T.$N($L, $L)", primary ? callee.record() : callee.fullRecord(), names.local(call),
                callee.companion(), primary ? callee.method() : callee.fullMethod(), printer.arguments(call.args(), ctx),
                adjoints.print(new Expr.Adjoint(call.out())));
    }

    private ExprPrinter adjointPrinter(Ctx ctx) {
        return new ExprPrinter(ctx::name, v -> adjointName(v), partial -> {
            Function callee = catalog.entry(partial.call().callee().key()).plan().function();
            String param = callee.parameters().get(partial.index()).hint();
            return CodeBlock.of("$N.d$L()", names.local(partial.call()), param);
        });
    }

    String adjointName(Value v) {
        return names.adjoint(key(v));
    }

    /**
     * An array's adjoint: {@code da[i] += e} for what an element read gives back (the array's adjoint is allocated
     * as zeros first), {@code ArrayMath.addTo(dv, e)} for a whole array, or the declaration {@code double[] dv = e}.
     */
    private void contribute(CodeBlock.Builder code, Value target, Expr e, ExprPrinter adjoints) {
        Value v = key(target);
        if (e instanceof Expr.Scatter scatter && !elementSums.isEmpty()) {
            String local = elementSums.peek().get(List.of(v, scatter.indices()));
            if (local != null) {
                code.addStatement("$N += $L", local, adjoints.print(scatter.value()));
                return;
            }
        }
        if (!v.type().isArray()) {
            contribute(code, target, adjoints.print(e));
            return;
        }
        if (!summing.isEmpty() && summing.peek().containsKey(v)) {
            // per unit of the sum's adjoint, into the partial derivative with respect to the array
            String partial = summing.peek().get(v);
            code.addStatement(e instanceof Expr.Scatter scatter ? CodeBlock.of("$L", adjoints.scatter(partial, v.type(), scatter))
                    : CodeBlock.of("$T.addTo($N, $L)", ExprPrinter.ARRAY_MATH, partial, adjoints.print(e)));
            return;
        }
        String name = names.adjoint(v);
        if (pendingResets.peek().contains(v) && e.equals(new Expr.Adjoint(target))) {
            pendingResets.peek().remove(v); // the variable's entry value receives the adjoint unchanged
            return;
        }
        if (pendingResets.peek().contains(v) && !(e instanceof Expr.Scatter)) {
            // the adjoint starts over with this contribution: a new array, since others may still read the old one
            pendingResets.peek().remove(v);
            boolean shared = e instanceof Expr.Adjoint || e instanceof Expr.Forward;
            code.addStatement("$N = $L", name, adjoints.print(shared ? Expr.op("copy", e) : e));
            return;
        }
        if (pendingResets.peek().remove(v)) {
            code.addStatement("$N = $L", name, writer.zeros(v));
        }
        if (e instanceof Expr.Scatter scatter) {
            if (!isDeclared(v)) {
                code.addStatement("$L $N = $L", v.type().keyword(), name, writer.zeros(v));
                adjointScopes.peek().add(v);
            }
            code.addStatement("$L", adjoints.scatter(name, v.type(), scatter));
        } else if (isDeclared(v)) {
            code.addStatement("$T.addTo($N, $L)", ExprPrinter.ARRAY_MATH, name, adjoints.print(e));
        } else {
            // a shared array would change with what is added to this adjoint later
            boolean shared = e instanceof Expr.Adjoint || e instanceof Expr.Forward;
            code.addStatement("$L $N = $L", v.type().keyword(), name, adjoints.print(shared ? Expr.op("copy", e) : e));
            adjointScopes.peek().add(v);
        }
    }

    /** Per loop of a summing nest being printed, the locals that sum what it adds at unchanging elements. */
    private final Deque<Map<List<Object>, String>> elementSums = new ArrayDeque<>();
    private final Deque<List<ElementSum>> elementSumsToAdd = new ArrayDeque<>();

    /** {@code local} sums what a loop adds to element {@code at} of the array (adjoint or partial) {@code array}. */
    private record ElementSum(String local, String array, Expr.Scatter at) {}

    /**
     * Before a loop nested in a summing nest: declares a local {@code double dposAtT4 = 0;} for each element the loop's
     * iterations add to at an index the loop does not change ({@code changed} holds what it changes), such as the
     * outer particle's in a pair loop. The iterations add to the local (a register, where the element would be read
     * and written through memory in each), and {@link #closeElementSums} adds it to the element after the loop.
     * Only adjoints declared before the nest and partials take part: nothing else reads them while the loop runs.
     */
    boolean openElementSums(CodeBlock.Builder code, Node.Loop loop, Set<Value> changed, Map<Value, String> partials, Ctx ctx) {
        Map<List<Object>, String> locals = new HashMap<>();
        List<ElementSum> sums = new ArrayList<>();
        ExprPrinter adjoints = adjointPrinter(ctx);
        Node.forEach(loop.body(), n -> {
            if (n instanceof Instruction i && flow.contributions().get(i) != null) {
                flow.contributions().get(i).forEach((target, e) -> {
                    Value v = key(target);
                    if (e instanceof Expr.Scatter s && v.type().isRealArray() && s.indices().size() == (v.type().isMatrix() ? 2 : 1)
                            && (partials.containsKey(v) || forwardDeclared.contains(v))
                            && s.indices().stream().allMatch(x -> x instanceof Expr.Num
                                    || x instanceof Expr.Forward f && ForwardEmitter.unchanged(f.operand(), changed))) {
                        locals.computeIfAbsent(List.of(v, s.indices()), k -> {
                            String array = partials.containsKey(v) ? partials.get(v) : names.adjoint(v);
                            String index = adjoints.print(s.indices().get(s.indices().size() - 1)).toString();
                            String local = names.fresh(array + "At" + (index.matches("[A-Za-z_$][A-Za-z0-9_$]*")
                                    ? Character.toUpperCase(index.charAt(0)) + index.substring(1) : "Element"));
                            sums.add(new ElementSum(local, array, s));
                            return local;
                        });
                    }
                });
            }
        });
        if (sums.isEmpty()) {
            return false;
        }
        sums.forEach(s -> code.addStatement("double $N = 0", s.local()));
        elementSums.push(locals);
        elementSumsToAdd.push(sums);
        return true;
    }

    /** After the loop of {@link #openElementSums}: adds each local to its element. */
    void closeElementSums(CodeBlock.Builder code, Ctx ctx) {
        elementSums.pop();
        ExprPrinter adjoints = adjointPrinter(ctx);
        for (ElementSum s : elementSumsToAdd.pop()) {
            CodeBlock.Builder element = CodeBlock.builder().add("$N", s.array());
            s.at().indices().forEach(i -> element.add("[$L]", adjoints.print(i)));
            // 0 if the loop did not run, when the index need not lie in the array
            code.beginControlFlow("if ($N != 0)", s.local()).addStatement("$L += $N", element.build(), s.local()).endControlFlow();
        }
    }

    /** {@code addTo(dx, scaleInto(ds, ds_dx, ds_dx))}: an array's partial derivative, scaled by the sum's adjoint. */
    private void addScaled(CodeBlock.Builder code, Value target, String sumAdjoint, String partial) {
        Value v = key(target);
        String name = names.adjoint(v);
        if (pendingResets.peek().remove(v)) {
            code.addStatement("$N = $L", name, writer.zeros(v));
        } else if (!isDeclared(v)) {
            code.addStatement("$L $N = $L", v.type().keyword(), name, writer.zeros(v));
            adjointScopes.peek().add(v);
        }
        code.addStatement("$T.addTo($N, $T.scaleInto($N, $N, $N))", ExprPrinter.ARRAY_MATH, name, ExprPrinter.ARRAY_MATH,
                sumAdjoint, partial, partial);
    }

    /** {@code dv += e}, or the declaration {@code double dv = e} on the first contribution in this block. */
    private void contribute(CodeBlock.Builder code, Value target, CodeBlock expr) {
        Value v = key(target);
        if (!summing.isEmpty() && summing.peek().containsKey(v)) {
            code.addStatement("$N += $L", summing.peek().get(v), expr);
            return;
        }
        String name = names.adjoint(v);
        if (pendingResets.peek().contains(v) && expr.toString().equals(name)) {
            pendingResets.peek().remove(v); // s += t: the variable's entry value receives the adjoint unchanged
        } else if (pendingResets.peek().remove(v)) {
            code.addStatement("$N = $L", name, expr);
        } else if (isDeclared(v)) {
            code.addStatement("$N += $L", name, expr);
        } else {
            code.addStatement("double $N = $L", name, expr);
            adjointScopes.peek().add(v);
        }
    }

    private boolean isDeclared(Value v) {
        return adjointScopes.stream().anyMatch(s -> s.contains(v));
    }

    /** A write passes the variable's adjoint to the written value, which replaced the variable's old content. */
    private void adjointWrite(CodeBlock.Builder code, Node.Write w) {
        Value variable = w.variable();
        if (!flow.active().contains(variable) || !isDeclared(key(variable))) {
            return; // an adjoint nothing was added to is 0
        }
        boolean entry = schedule.isEntryWrite(w);
        if (w.value() instanceof Value v && key(v).equals(key(variable))) {
            // the value reads the variable's adjoint; a variable that accumulates again starts over from here
            if ((schedule.aliasOf(v) != null) && schedule.isResettable(variable) && !entry) {
                pendingResets.peek().add(key(variable));
            }
            return;
        }
        boolean cleared = pendingResets.stream().anyMatch(s -> s.contains(key(variable)));
        if (!cleared && w.value() instanceof Value v && flow.active().contains(flow.canonical(v))) {
            if (variable.type().isArray()) {
                contribute(code, v, new Expr.Adjoint(variable), new ExprPrinter(names::of, this::adjointName, null));
            } else {
                contribute(code, v, CodeBlock.of("$N", adjointName(variable)));
            }
        }
        if (schedule.isResettable(variable) && !cleared && !entry) {
            pendingResets.peek().add(key(variable));
        }
    }

    void flushResets(CodeBlock.Builder code) {
        for (Value v : sorted(pendingResets.peek())) {
            // an array's adjoint starts over as a new array: a value it was passed to may still hold the old one. Its
            // shape is the old adjoint's: the value itself may have no name here (a branch's array variable whose
            // branch the backward pass recomputes under another name)
            String adjoint = names.adjoint(v);
            code.addStatement("$N = $L", adjoint, !v.type().isArray() ? "0" : names.hasBuffer(v) ? writer.zeros(v)
                    : v.type() == io.github.sourcegrad.processor.ir.Type.VECTOR ? CodeBlock.of("new double[$N.length]", adjoint)
                    : CodeBlock.of("$T.zerosLike($N)", ExprPrinter.ARRAY_MATH, adjoint));
        }
        pendingResets.peek().clear();
    }

    /** Before a nested block: declare, as 0, the adjoints it adds to that are not declared yet. */
    void predeclare(CodeBlock.Builder code, Node node) {
        Set<Value> defined = Schedule.definedIn(List.of(node));
        if (node instanceof Node.Loop loop) {
            // a loop's variables, and what its initialization defines, live outside its reversal
            loop.carried().forEach(c -> {
                defined.remove(c.variable());
                defined.remove(c.entry());
            });
            defined.removeAll(Schedule.definedIn(loop.init()));
        }
        predeclare(code, List.of(node), defined);
    }

    /**
     * The same for what follows a jump. A value defined before the jump can share the adjoint of a variable written
     * after it (see {@link #key}): that value reads the adjoint after the block, so it is declared before it.
     */
    private void predeclareList(CodeBlock.Builder code, List<Node> nodes) {
        Set<Value> defined = Schedule.definedIn(nodes);
        Set<Value> owned = new HashSet<>(defined);
        owned.removeIf(v -> !defined.containsAll(adjointSharers(key(v))));
        predeclare(code, nodes, owned);
    }

    private void predeclare(CodeBlock.Builder code, List<Node> nodes, Set<Value> defined) {
        flushResets(code);
        Set<Value> targets = new LinkedHashSet<>();
        Node.forEach(nodes, n -> {
            if (n instanceof Instruction i && flow.contributions().get(i) != null) {
                flow.contributions().get(i).keySet().forEach(v -> targets.add(key(v)));
            } else if (n instanceof Node.Write w && flow.active().contains(w.variable())) {
                targets.add(key(w.variable()));
                if (w.value() instanceof Value v && flow.active().contains(flow.canonical(v))) {
                    targets.add(key(v));
                }
            }
        });
        for (Value t : sorted(targets)) {
            boolean summed = !summing.isEmpty() && summing.peek().containsKey(t);
            if (!defined.contains(t) && !isDeclared(t) && !summed && chain.stream().noneMatch(c -> key(c).equals(t))) {
                code.addStatement("$L $N = $L", t.type().keyword(), names.adjoint(t),
                        t.type().isArray() ? writer.zeros(t) : "0");
                adjointScopes.peek().add(t);
            }
        }
    }

    /** The values whose adjoint is held under {@code key}, {@code key} included. */
    private Set<Value> adjointSharers(Value key) {
        if (adjointSharers == null) {
            adjointSharers = new HashMap<>();
            Set<Value> all = new LinkedHashSet<>(f.parameters());
            all.addAll(Schedule.definedIn(f.body()));
            Node.forEach(f.body(), n -> {
                if (n instanceof Node.Write w) {
                    all.add(w.variable());
                }
            });
            for (Value v : all) {
                adjointSharers.computeIfAbsent(key(v), k -> new HashSet<>()).add(v);
            }
        }
        return adjointSharers.getOrDefault(key, Set.of(key));
    }

    /** Per adjoint key, the values whose adjoint it holds; computed on first use, after the constructor shared names. */
    private Map<Value, Set<Value>> adjointSharers;

    /** Parameters first, then in order of definition, so declarations come out in a stable order. */
    private List<Value> sorted(Set<Value> values) {
        List<Value> out = new ArrayList<>(values);
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    /**
     * The instructions right before a branch whose adjoint only one of its blocks adds to, nearest first: their
     * rules go to the end of that block's reversal, where the adjoint can be other than 0. On the other path they
     * would add a rule times 0 ({@code dr += Math.signum(r) * dabs} for each point of a Huber loss that is not an
     * outlier), work that a loop pays in every iteration. Only for a block whose reversal leaves what the rules read
     * as it is after the branch (see {@link #simpleBlock}).
     */
    private Sunk sinkable(List<Node> nodes, int at, Node.If branch, Ctx ctx) {
        if (!schedule.hasBackward(branch) || schedule.savesWrites(branch)) {
            return Sunk.NONE;
        }
        List<Node> block = null; // the one block that adds to the first instruction's adjoint
        List<Instruction> sunk = new ArrayList<>();
        Set<Node> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        int consumed = 0;
        for (int j = at - 1; j >= 0; j--) {
            if (nodes.get(j) instanceof Instruction passive && !(passive instanceof Instruction.Store)
                    && flow.contributions().get(passive) == null) {
                continue; // has no rule, such as the branch's comparison
            }
            if (!(nodes.get(j) instanceof Instruction instruction) || !sinks(instruction)) {
                break;
            }
            List<Node> target = blockAddingTo(branch, instruction.out(), block, moved);
            if (target == null || (block != null && target != block) || !schedule.hasBackward(target)
                    || !simpleBlock(target, instruction, ctx)) {
                break;
            }
            block = target;
            sunk.add(instruction);
            moved.add(instruction);
            consumed = at - j;
        }
        return sunk.isEmpty() ? Sunk.NONE : new Sunk(block, sunk, consumed);
    }

    /** What {@link #sinkable} moves into one block of a branch. */
    private record Sunk(List<Node> block, List<Instruction> instructions, int consumed) {
        static final Sunk NONE = new Sunk(null, List.of(), 0);
    }

    /** Arithmetic or a Math function on doubles, with rules, whose adjoint no other value shares. */
    private boolean sinks(Instruction instruction) {
        Map<Value, Expr> contributions = flow.contributions().get(instruction);
        boolean arithmetic = instruction instanceof Instruction.Binary || instruction instanceof Instruction.Negate
                || instruction instanceof Instruction.MathCall || instruction instanceof Instruction.Copy
                || instruction instanceof Instruction.Cast;
        return arithmetic && instruction.out().type() == Type.DOUBLE && contributions != null
                && !contributions.isEmpty() && contributions.keySet().stream().noneMatch(v -> v.type().isArray())
                && !chain.contains(instruction.out()) && key(instruction.out()).equals(instruction.out())
                && !instruction.out().equals(f.result());
    }

    /**
     * The block of {@code branch} that holds every rule adding to {@code v}'s adjoint (the rules of the instructions
     * already moved into {@code block} count as inside it), or null if there are none, or any is outside that one
     * block, or a write passes the adjoint on.
     */
    private List<Node> blockAddingTo(Node.If branch, Value v, List<Node> block, Set<Node> moved) {
        Value k = key(v);
        Set<Node> then = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> otherwise = Collections.newSetFromMap(new IdentityHashMap<>());
        Node.forEach(branch.then(), then::add);
        Node.forEach(branch.otherwise(), otherwise::add);
        (block == branch.then() ? then : otherwise).addAll(moved);
        boolean[] found = new boolean[3]; // then, otherwise, elsewhere
        Node.forEach(f.body(), n -> {
            boolean adds = false;
            if (n instanceof Instruction i && flow.contributions().get(i) != null) {
                adds = flow.contributions().get(i).keySet().stream().anyMatch(t -> key(t).equals(k));
            } else if (n instanceof Node.Write w) {
                adds = key(w.variable()).equals(k) || (w.value() instanceof Value u && key(u).equals(k));
            }
            if (adds) {
                found[then.contains(n) ? 0 : otherwise.contains(n) ? 1 : 2] = true;
            }
        });
        if (found[2] || found[0] == found[1]) {
            return null;
        }
        return found[0] ? branch.then() : branch.otherwise();
    }

    /**
     * A block without branches (so never printed as an {@code else if} chain), loops, jumps or array writes, none of
     * whose writes (a summing loop's partial sums aside) takes the name of what {@code instruction} reads: its
     * reversal leaves those names as they are after the branch.
     */
    private boolean simpleBlock(List<Node> block, Instruction instruction, Ctx ctx) {
        Set<String> read = new HashSet<>();
        read.add(ctx.name(instruction.out()));
        for (var operand : instruction.operands()) {
            if (operand instanceof Value v) {
                read.add(ctx.name(v));
            }
        }
        boolean[] simple = {schedule.plan(block).rest() == null};
        Node.forEach(block, n -> {
            if (n instanceof Node.If || n instanceof Node.Loop || n instanceof Node.Jump || n instanceof Instruction.Store
                    || (n instanceof Node.Write w && !chain.contains(w.variable()) && read.contains(ctx.name(w.variable())))) {
                simple[0] = false;
            }
        });
        return simple[0];
    }

    private void adjointIf(CodeBlock.Builder code, Node.If branch, Ctx ctx, Sunk sunk) {
        if (!schedule.hasBackward(branch)) {
            return;
        }
        if (sunk.instructions().isEmpty()) {
            predeclare(code, branch);
        } else {
            // the adjoints the moved rules add to live on after the branch
            List<Node> moved = new ArrayList<>(sunk.instructions());
            moved.add(0, branch);
            predeclare(code, moved, Schedule.definedIn(List.of(branch)));
        }
        if (schedule.savesWrites(branch)) {
            code.addStatement("$N.undoWrites()", tapeName); // the arrays as they were before the branch
        }
        boolean thenHas = schedule.hasBackward(branch.then());
        boolean elseHas = schedule.hasBackward(branch.otherwise());
        if (thenHas) {
            code.beginControlFlow("if ($L)", printer.operand(branch.condition(), ctx));
            backwardBlock(code, branch.then(), ctx, sunk);
            Node.If chained = elseHas ? backwardElseIf(branch.otherwise()) : null;
            while (chained != null && schedule.hasBackward(chained.then())) {
                code.nextControlFlow("else if ($L)", printer.operand(chained.condition(), ctx));
                backwardBlock(code, chained.then(), ctx);
                branch = chained;
                elseHas = schedule.hasBackward(branch.otherwise());
                chained = elseHas ? backwardElseIf(branch.otherwise()) : null;
            }
            if (elseHas) {
                code.nextControlFlow("else");
                backwardBlock(code, branch.otherwise(), ctx, sunk);
            }
        } else {
            code.beginControlFlow("if (!$L)", printer.parenthesize(branch.condition(), ctx));
            backwardBlock(code, branch.otherwise(), ctx, sunk);
        }
        code.endControlFlow();
    }

    /**
     * The one if whose reversal is all an else block's backward pass does (nothing to recompute, no adjoint to
     * declare), so that it reads {@code else if}.
     */
    private Node.If backwardElseIf(List<Node> nodes) {
        Schedule.Plan plan = schedule.plan(nodes);
        if (!plan.recompute().isEmpty() || plan.rest() != null) {
            return null;
        }
        Node.If found = null;
        for (Node n : nodes) {
            if (n instanceof Node.If nested && schedule.hasBackward(nested) && found == null) {
                found = nested;
            } else if (n instanceof Node.Write w && w.value() instanceof Value v && key(v).equals(key(w.variable()))
                    && !schedule.isResettable(w.variable())) {
                continue;
            } else if (schedule.hasBackward(n)) {
                return null;
            }
        }
        if (found == null) {
            return null;
        }
        Set<Value> defined = Schedule.definedIn(List.of(found));
        boolean[] undeclared = {false};
        Node.forEach(List.of(found), n -> {
            if (n instanceof Instruction i && flow.contributions().get(i) != null) {
                for (Value v : flow.contributions().get(i).keySet()) {
                    undeclared[0] |= !defined.contains(key(v)) && !isDeclared(key(v));
                }
            }
        });
        return undeclared[0] ? null : found;
    }

    private void adjointLoop(CodeBlock.Builder code, Node.Loop loop, Ctx ctx) {
        if (!schedule.hasBackward(loop)) {
            return;
        }
        if (schedule.summingNest(loop) != null && !summing.isEmpty()) {
            adjointNodes(code, loop.init(), ctx); // its iterations took their derivatives in the loop itself
            return;
        }
        Value sum = schedule.summedBy(loop);
        if (sum != null && sumPartials.containsKey(loop) && schedule.sumsDirectly(loop)) {
            adjointNodes(code, loop.init(), ctx); // its iterations added their derivatives to the adjoints
            return;
        }
        if (sum != null && sumPartials.containsKey(loop)) {
            flushResets(code);
            if (!isDeclared(key(sum))) {
                code.addStatement("double $N = 0", adjointName(sum));
                adjointScopes.peek().add(key(sum));
            }
            sumPartials.get(loop).forEach((target, partial) -> {
                if (target.type().isArray()) {
                    addScaled(code, target, adjointName(sum), partial);
                } else {
                    contribute(code, target, CodeBlock.of("$N * $N", adjointName(sum), partial));
                }
            });
            adjointNodes(code, loop.init(), ctx);
            return;
        }
        predeclare(code, loop);
        String trips = tripNames.get(loop);
        Node.Loop.Counter counter = loop.counter();
        Schedule.Count count = schedule.count(loop);
        if (schedule.derivesTrips(loop)) {
            // a counted loop without break, of unchanged bound: it ran from its start to its bound
            String i = ctx.name(count.variable());
            CodeBlock bound = printer.operand(count.bound(), ctx);
            CodeBlock last = count.inclusive() ? bound : CodeBlock.of("$L - 1", printer.parenthesize(count.bound(), ctx));
            code.beginControlFlow("for ($L$N = $L; $N >= $L; $N--)", declaresCounter(loop, count.variable(), ctx) ? "int " : "", i, last, i,
                    printer.operand(count.start(), ctx), i);
        } else if (counter == null && count != null) {
            String i = ctx.name(count.variable());
            CodeBlock start = countStart(loop, count, ctx);
            code.beginControlFlow("for ($L$N = $L + $N - 1; $N >= $L; $N--)",
                    declaresCounter(loop, count.variable(), ctx) ? "int " : "", i, start, trips, i, start, i);
        } else if (counter != null) {
            String i = ctx.name(counter.variable());
            CodeBlock last = switch (counter.start()) {
                case 0 -> CodeBlock.of("$N - 1", trips);
                case 1 -> CodeBlock.of("$N", trips);
                default -> CodeBlock.of("$N + $L", trips, counter.start() - 1);
            };
            code.beginControlFlow("for ($L$N = $L; $N >= $L; $N--)", declaresCounter(loop, counter.variable(), ctx) ? "int " : "", i,
                    last, i, counter.start(), i);
        } else {
            code.beginControlFlow("for (; $N > 0; $N--)", trips, trips);
        }
        writer.reversedLoops++;
        List<Value> saved = schedule.taped(loop);
        Ctx body = ctx.nested(Schedule.definedIn(loop.body()));
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        if (schedule.savesWrites(loop)) {
            code.addStatement("$N.undoWrites()", tapeName); // the arrays as they were when the iteration began
        }
        schedule.endValues(loop.body()).forEach((value, variable) -> {
            code.addStatement("$L $N = $N", value.type().keyword(), body.name(value), ctx.name(variable));
            body.declared.add(body.rep(value));
        });
        schedule.storedValues(loop.body()).forEach((value, store) -> {
            code.addStatement("$L $N = $N[$N]", value.type().keyword(), body.name(value), ctx.name((Value) store.array()),
                    ctx.name(counter.variable()));
            body.declared.add(body.rep(value));
        });
        List<Schedule.Push> pushes = schedule.pushes(loop);
        for (int k = pushes.size() - 1; k >= 0; k--) {
            Schedule.Push push = pushes.get(k);
            Value v = push.value();
            if (v == null) {
                // the trip count of a kept loop, which runs forward once
                Node.Loop inner = (Node.Loop) push.source();
                boolean small = schedule.intTrips(inner);
                code.addStatement("$L $N = $N.$N()", small ? "int" : "long", tripNames.get(inner), tapeName,
                        small ? "popInt" : "popLong");
                continue;
            }
            code.addStatement("$L $N = $N.$N()", v.type().keyword(), body.name(v), tapeName, pop(v.type()));
            body.declared.add(body.rep(v));
        }
        for (int k = saved.size() - 1; k >= 0; k--) {
            Value v = saved.get(k);
            if (v.equals(headerDeclared.get(loop))) {
                code.addStatement("$L $N = $N.$N()", v.type().keyword(), ctx.name(v), tapeName, pop(v.type()));
            } else {
                code.addStatement("$N = $N.$N()", ctx.name(v), tapeName, pop(v.type()));
            }
        }
        backwardContent(code, loop.body(), body);
        flushResets(code);
        pendingResets.pop();
        adjointScopes.pop();
        writer.reversedLoops--;
        code.endControlFlow();
        adjointNodes(code, loop.init(), ctx);
    }

    /** True when the reversal's header declares the counter: the forward loop's header did, or nothing in scope has. */
    private boolean declaresCounter(Node.Loop loop, Value counter, Ctx ctx) {
        return counter.equals(headerDeclared.get(loop)) || !ctx.isDeclared(ctx.rep(counter));
    }

    /** Where a counted loop starts: its initialization's expression, printed again ({@code i + 1}). */
    private CodeBlock countStart(Node.Loop loop, Schedule.Count count, Ctx ctx) {
        if (count.start() instanceof Value v && schedule.definition(v) != null && loop.init().contains(schedule.definition(v))) {
            InstructionPrinter.Printed p = printer.expression(schedule.definition((Value) count.start()), ctx);
            return p.precedence() >= InstructionPrinter.ADDITIVE ? p.code() : CodeBlock.of("($L)", p.code());
        }
        return printer.operand(count.start(), ctx);
    }

    private static String pop(Type type) {
        return switch (type) {
            case DOUBLE -> "popDouble";
            case INT -> "popInt";
            case LONG -> "popLong";
            case BOOLEAN -> "popBoolean";
            case VECTOR -> "popVector";   // by reference: what a loop assigns to an array variable is never written
            case MATRIX -> "popMatrix";
            case OBJECT -> throw new IllegalStateException("a String or enum parameter is never overwritten, so never taped");
            case INT_VECTOR, INT_MATRIX -> throw new IllegalStateException("an int array variable is never taped: the "
                    + "parser refuses reassigning one in a loop");
        };
    }

    /** A branch's block in the backward pass: its own scope. */
    private void backwardBlock(CodeBlock.Builder code, List<Node> nodes, Ctx parent) {
        backwardBlock(code, nodes, parent, Sunk.NONE);
    }

    /** The same, then the rules {@link #sinkable} moved into this block, read as they are after the branch. */
    private void backwardBlock(CodeBlock.Builder code, List<Node> nodes, Ctx parent, Sunk sunk) {
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        Set<Value> region = Schedule.definedIn(nodes);
        if (!schedule.savedArrays().isEmpty()) {
            // a branch run again for its saved writes leaves alone the variables of its branches that it does not
            // read, such as the result an early return writes: the enclosing code holds them
            Set<Value> read = Schedule.readsIn(nodes);
            Set<Value> enclosing = writtenOutside(nodes);
            Node.forEach(nodes, n -> {
                if (n instanceof Node.If nested) {
                    // only variables of the enclosing code: one declared inside these nodes (a local of a nested
                    // block) is declared again where the block is run again
                    nested.variables().stream()
                            .filter(v -> !read.contains(v) && (v.equals(f.result()) || enclosing.contains(v)))
                            .forEach(region::remove);
                }
            });
        }
        Ctx ctx = parent.nested(region);
        backwardContent(code, nodes, ctx);
        if (sunk.block() == nodes) {
            for (Instruction instruction : sunk.instructions()) {
                if (isDeclared(key(instruction.out()))) {
                    ExprPrinter adjoints = adjointPrinter(parent);
                    flow.contributions().get(instruction).forEach((v, e) -> contribute(code, v, e, adjoints));
                }
            }
        }
        flushResets(code);
        pendingResets.pop();
        adjointScopes.pop();
    }

    /** The variables that a write outside {@code nodes} assigns too: those the enclosing code declares. */
    private Set<Value> writtenOutside(List<Node> nodes) {
        Set<Node> inside = Collections.newSetFromMap(new IdentityHashMap<>());
        Node.forEach(nodes, inside::add);
        Set<Value> outside = new HashSet<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Write w && !inside.contains(n)) {
                outside.add(w.variable());
            }
        });
        return outside;
    }

    /** Recompute what the adjoint statements read, the rest of the list when no jump happened, then reverse. */
    private void backwardContent(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        Schedule.Plan plan = schedule.plan(nodes);
        writer.coalesce(ctx, plan.prefix(), plan.recompute(), plan.levelNeeds());
        FlagState flag = null;
        String flagName = null;
        if (plan.rest() != null && plan.split() == Schedule.Split.FLAG) {
            flagName = names.fresh("jumped");
            code.addStatement("boolean $N = false", flagName);
            flag = new FlagState(flagName, printing.size());
        }
        Node splitNode = plan.rest() == null ? null : plan.prefix().get(plan.prefix().size() - 1);
        for (Node node : plan.prefix()) {
            if (!plan.recompute().contains(node) || node instanceof Node.Throw) {
                continue; // the backward pass runs only on paths that did not throw
            }
            forward.emitNode(code, node, ctx, true, node == splitNode ? flag : null);
        }
        if (plan.rest() != null && schedule.hasBackward(plan.rest())) {
            Node.If jumpy = splitNode instanceof Node.If branch ? branch : null;
            CodeBlock normal = switch (plan.split()) {
                case THEN_JUMPS -> printer.negated(jumpy.condition(), ctx);
                case ELSE_JUMPS -> printer.operand(jumpy.condition(), ctx);
                default -> CodeBlock.of("!$N", flagName);
            };
            predeclareList(code, plan.rest());
            code.beginControlFlow("if ($L)", normal);
            backwardBlock(code, plan.rest(), ctx);
            code.endControlFlow();
        }
        adjointNodes(code, plan.prefix(), ctx);
    }
}
