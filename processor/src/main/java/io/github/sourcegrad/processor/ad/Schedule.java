package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the backward pass of a body with branches and loops is laid out, decided once for the writer:
 * <ul>
 *   <li>for each list of statements (a loop body, a branch), what its backward block recomputes, where a
 *       {@code break} or {@code continue} splits it, and which values it reads from outside ({@link Plan});</li>
 *   <li>for each loop, the variables each iteration saves on the tape ({@link #taped}) and the values a
 *       reversed iteration reads back from its variable instead of recomputing them ({@link #endValues});</li>
 *   <li>which values need no adjoint of their own ({@link #aliasOf}), and which adjoints a write clears;</li>
 *   <li>which arrays save, before each write, the element it overwrites ({@link #savedArrays}): those whose old
 *       elements a loop iteration or branch that the backward pass runs again must read as the forward pass did.</li>
 * </ul>
 * A value inside a loop iteration or a branch is recomputed rather than taped: only the variables an
 * iteration overwrites, and only those whose old values the backward pass needs, go on the tape. Where recomputing
 * costs more than a push and a pop, the iteration of a top-level loop keeps the value on the tape instead: the result
 * of an expensive {@code Math} call ({@link #isTapedCall}), and what a loop nested in it leaves ({@link #isKept}), so
 * that no such inner loop runs forward twice; a counted inner loop of unchanged bound needs not even its trip count.
 */
public final class Schedule {
    private final Function f;
    private final Flow flow;

    /** Where each instruction's result is defined: its list. */
    private final Map<Value, List<Node>> definedInList = new HashMap<>();
    private final Map<Value, Instruction> definitions = new HashMap<>();
    private final Map<Value, Integer> useCounts = new HashMap<>();
    /** Temporaries printed inside the expression that uses them (conditions, loop headers). */
    private final Set<Value> inlined = new HashSet<>();
    /** Variables whose adjoint must be cleared where a write passes it on: loop variables and if variables with a value on entry. */
    private final Set<Value> resettable = new HashSet<>();
    /** The first write of a branch's or loop's variable, before it: nothing reads the variable's adjoint after it. */
    private final Set<Node.Write> entryWrites = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Value, Value> entryOf = new HashMap<>();
    private final Map<Value, Value> variableOfEntry = new HashMap<>();
    private final Map<Integer, Node.Loop> loopsById = new LinkedHashMap<>();
    private final Map<List<Node>, Plan> plans = new IdentityHashMap<>();
    /** Per loop body: values the reversed iteration reads from their variable instead of recomputing them. */
    private final Map<List<Node>, Map<Value, Value>> endValues = new IdentityHashMap<>();
    private final Map<Node.Loop, List<Value>> taped = new HashMap<>();
    /** Per loop: element reads whose values the iteration pushes, since a later write changes the element. */
    private final Map<Node.Loop, List<Instruction.Load>> tapedLoads = new HashMap<>();
    /** The arrays the method writes element by element. */
    private final Set<Value> writtenArrays;
    /**
     * The written arrays whose old elements the backward pass needs (see {@link #findSavedArrays}): each write saves
     * the element it overwrites on the tape, and the backward pass restores it where it reverses the write.
     */
    private final Set<Value> saved;
    private final Set<Instruction> tapedLoadSet = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per loop body: values the iteration stored in an array element that nothing writes again (value to store). */
    private final Map<List<Node>, Map<Value, Instruction.Store>> storedValues = new IdentityHashMap<>();
    /**
     * A value written to a variable and used nowhere else needs no adjoint of its own: it reads the variable's.
     * Sound while nothing adds to the variable's adjoint between the write and the value's definition (in
     * backward order), and while the value's own rule adds to the variable's entry value at most its adjoint
     * unchanged, as {@code s += t} does.
     */
    private final Map<Value, Value> adjointAlias = new HashMap<>();
    /** Values some adjoint statement reads. */
    private final Set<Value> readByAdjoints = new HashSet<>();
    private final Map<Node.Loop, Value> sums = new HashMap<>();
    private final Map<Node.Loop, Set<Value>> chains = new HashMap<>();
    /** Summing loops whose sum the method returns: their iterations add their derivatives to the adjoints themselves. */
    private final Set<Node.Loop> directSums = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per loop nested in a summing loop that holds loops: that summing loop. */
    private final Map<Node.Loop, Node.Loop> nests = new IdentityHashMap<>();
    /** Per loop whose reversal counts its counter down itself (see {@link Count}). */
    private final Map<Node.Loop, Count> counts = new HashMap<>();
    /** Loops directly in a top-level loop's body that run forward once: the reversal pops what they left. */
    private final Map<Node.Loop, Node.Loop> kept = new HashMap<>();
    /** Per kept loop: the variables it leaves that the enclosing iteration's reversal reads, pushed after it. */
    private final Map<Node.Loop, List<Value>> keptResults = new HashMap<>();
    /** Expensive {@code Math} calls in top-level loop bodies whose results each iteration pushes. */
    private final Set<Instruction> tapedCalls = Collections.newSetFromMap(new IdentityHashMap<>());

    public Schedule(Function f, Flow flow) {
        this.f = f;
        this.flow = flow;
        this.writtenArrays = io.github.sourcegrad.processor.ir.ArrayReads.stores(f).keySet();
        index(f.body());
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Loop loop) {
                loopsById.put(loop.id(), loop);
                for (Node.Loop.Carried c : loop.carried()) {
                    entryOf.put(c.variable(), c.entry());
                    variableOfEntry.put(c.entry(), c.variable());
                    resettable.add(c.variable());
                }
            }
        });
        findInlined();
        flow.contributions().values().forEach(c -> c.values().forEach(e -> collectForward(e, readByAdjoints)));
        this.saved = findSavedArrays();
        findCounts();
        findTaped();
        findKeptLoops();
        findEndValues();
        findStoredValues();
        findSums();
        findTapedLoads();
        findTapedCalls();
        findAdjointAliases(f.body());
    }

    /** Per loop, the variables each iteration pushes: those whose entry values its reversal reads. */
    private void findTaped() {
        for (Node.Loop loop : loopsById.values()) {
            List<Value> saved = new ArrayList<>();
            if (hasBackward(loop)) {
                Set<Value> free = plan(loop.body()).free();
                Count count = counts.get(loop);
                for (Node.Loop.Carried c : loop.carried()) {
                    boolean counter = loop.counter() != null && loop.counter().variable().equals(c.variable())
                            || count != null && count.variable().equals(c.variable());
                    if (!counter && free.contains(c.entry())) {
                        saved.add(c.variable());
                    }
                }
            }
            taped.put(loop, saved);
        }
    }

    // ---- facts the writer asks for ---------------------------------------------------------------------

    public Flow flow() {
        return flow;
    }

    /** The instruction that computes {@code v}, or null for parameters and variables. */
    public Instruction definition(Value v) {
        return definitions.get(v);
    }

    /** The statement list whose instruction computes {@code v}, or null. */
    public List<Node> definingList(Value v) {
        return definedInList.get(v);
    }

    public int uses(Value v) {
        return useCounts.getOrDefault(v, 0);
    }

    /** True for a temporary printed inside the expression that uses it. */
    public boolean isInlined(Value v) {
        return inlined.contains(v);
    }

    public boolean isResettable(Value variable) {
        return resettable.contains(variable);
    }

    public boolean isEntryWrite(Node.Write w) {
        return entryWrites.contains(w);
    }

    /** A loop variable's entry value, or null. */
    public Value entryOf(Value variable) {
        return entryOf.get(variable);
    }

    /** The loop variable an entry value stands for, or {@code v} itself. */
    public Value variableOf(Value v) {
        return variableOfEntry.getOrDefault(v, v);
    }

    public boolean isCarried(Value v) {
        return entryOf.containsKey(v);
    }

    public Node.Loop loop(int id) {
        return loopsById.get(id);
    }

    /** The variables each iteration of {@code loop} pushes, in push order. */
    public List<Value> taped(Node.Loop loop) {
        return taped.get(loop);
    }

    public boolean tapes() {
        return taped.values().stream().anyMatch(l -> !l.isEmpty()) || !tapedLoadSet.isEmpty() || !saved.isEmpty() || !tapedCalls.isEmpty()
                || kept.keySet().stream().anyMatch(l -> pushesTrips(l) || !keptResults(l).isEmpty());
    }

    /**
     * {@code for (int j = start; j < bound; j++)} (or {@code <=}) whose body never assigns {@code j}: its reversal
     * counts {@code j} down, from {@code start + trips - 1} to {@code start}, instead of taping it in each
     * iteration. {@code start} is a literal, or an expression of parameters and the counters of enclosing loops,
     * computed in the loop's initialization. {@code bound} is set when the loop has no {@code break} and its bound
     * is the length of a parameter or a literal: it does not change, so a kept loop's reversal can start at
     * {@code bound - 1} without a trip count.
     */
    public record Count(Value variable, Operand start, Operand bound, boolean inclusive) {}

    /** How {@code loop}'s reversal counts its counter down, or null. */
    public Count count(Node.Loop loop) {
        return counts.get(loop);
    }

    /** True when {@code loop}'s trip count is an {@code int}: its counter is an {@code int} that only counts up. */
    public boolean intTrips(Node.Loop loop) {
        return loop.counter() != null || counts.containsKey(loop);
    }

    /**
     * True for a loop nested directly in the body of a top-level loop that runs forward once: instead of running it
     * again where the enclosing iteration is reversed, the forward pass pushes after it its trip count and the
     * variables it leaves that the reversal reads ({@link #keptResults}), and the reversal pops them.
     */
    public boolean isKept(Node.Loop loop) {
        return kept.containsKey(loop);
    }

    /** The variables a kept loop pushes after it, in push order. */
    public List<Value> keptResults(Node.Loop loop) {
        plan(kept.get(loop).body());
        return keptResults.getOrDefault(loop, List.of());
    }

    /** True when a kept loop pushes its trip count: it has a reversal, and the trip count cannot be derived. */
    public boolean pushesTrips(Node.Loop loop) {
        return isKept(loop) && hasBackward(loop) && !derivesTrips(loop);
    }

    /** True when a kept loop's reversal starts at {@code bound - 1}: a counted loop without break, of unchanged bound. */
    public boolean derivesTrips(Node.Loop loop) {
        Count count = counts.get(loop);
        return isKept(loop) && count != null && count.bound() != null && count.start() instanceof Literal;
    }

    /** True for an expensive {@code Math} call whose result its top-level loop's iteration pushes. */
    public boolean isTapedCall(Instruction instruction) {
        return tapedCalls.contains(instruction);
    }

    /** A value an iteration pushes after the variables it overwrites: {@code value} null stands for the trip count of {@code source}, a kept loop. */
    public record Push(Node source, Value value) {}

    /** What each iteration of top-level {@code loop} pushes after its start, in push order: the reversal pops it first. */
    public List<Push> pushes(Node.Loop loop) {
        List<Push> out = new ArrayList<>();
        for (Node n : loop.body()) {
            if (n instanceof Instruction i && (tapedLoadSet.contains(i) || tapedCalls.contains(i))) {
                out.add(new Push(i, i.out()));
            } else if (n instanceof Node.Loop inner && isKept(inner)) {
                if (pushesTrips(inner)) {
                    out.add(new Push(inner, null));
                }
                keptResults(inner).forEach(v -> out.add(new Push(inner, v)));
            }
        }
        return out;
    }

    /** The expensive {@code Math} functions: recomputing one costs more than a push and a pop. */
    public static boolean isExpensive(io.github.sourcegrad.processor.ir.MathFunction function) {
        return switch (function) {
            case EXP, LOG, LOG10, LOG1P, EXPM1, CBRT, POW, SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, SINH, COSH, TANH,
                    HYPOT, SOFTPLUS, LOG_SIGMOID, SIGMOID, LOG_ADD_EXP -> true;
            default -> false;
        };
    }

    private void findCounts() {
        Map<Node, List<Integer>> around = new IdentityHashMap<>();
        collectLoops(f.body(), new ArrayList<>(), around);
        Set<Value> written = new HashSet<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Write w) {
                written.add(w.variable());
            }
        });
        for (Node.Loop loop : loopsById.values()) {
            Count count = countOf(loop, around.get(loop), written);
            if (count != null) {
                counts.put(loop, count);
            }
        }
    }

    private Count countOf(Node.Loop loop, List<Integer> enclosing, Set<Value> written) {
        List<Node> init = loop.init();
        if (loop.kind() != Node.Loop.Kind.FOR || loop.update().size() != 2
                || !(loop.update().get(0) instanceof Instruction.Binary step) || step.op() != Instruction.BinaryOperator.ADD
                || !(step.b() instanceof Literal one) || one.value() != 1
                || !(loop.update().get(1) instanceof Node.Write w) || !w.value().equals(step.out())
                || !step.a().equals(w.variable()) || w.variable().type() != io.github.sourcegrad.processor.ir.Type.INT
                || entryOf.get(w.variable()) == null) {
            return null;
        }
        List<Node.Write> starts = new ArrayList<>();
        Node.forEach(init, n -> {
            if (n instanceof Node.Write x && x.variable().equals(w.variable())) {
                starts.add(x);
            }
        });
        if (starts.size() != 1 || !init.contains(starts.get(0))) {
            return null;
        }
        Node.Write first = starts.get(0);
        Value j = w.variable();
        Value entry = entryOf.get(j);
        boolean[] assigned = {false};
        Node.forEach(loop.body(), n -> assigned[0] |= n instanceof Node.Write x && x.variable().equals(j));
        Node.forEach(loop.condition(), n -> assigned[0] |= n instanceof Node.Write x && x.variable().equals(j));
        if (assigned[0] || !(loop.test() instanceof Value test) || !(definitions.get(test) instanceof Instruction.Compare cmp)
                || !loop.condition().contains(cmp) || !(cmp.a().equals(entry) || cmp.a().equals(j))
                || (cmp.cmp() != Instruction.Comparison.LESS && cmp.cmp() != Instruction.Comparison.LESS_EQUAL)) {
            return null;
        }
        // the start: a literal, or what the enclosing code does not change while the loop and its reversal run
        Set<Value> stable = new HashSet<>();
        f.parameters().stream().filter(p -> !written.contains(p)).forEach(stable::add);
        for (int id : enclosing) {
            Node.Loop outer = loopsById.get(id);
            Count c = counts.get(outer);
            Value v = outer.counter() != null ? outer.counter().variable() : c != null ? c.variable() : null;
            if (v != null) {
                stable.add(v);
                stable.add(entryOf.get(v));
            }
        }
        Operand start = first.value();
        Instruction def = start instanceof Value v ? definitions.get(v) : null;
        if (def instanceof Instruction.Copy copy && init.contains(def)) {
            start = copy.a(); // int j = 0
            def = null;
        }
        if (def != null && init.contains(def)) {
            if (!(def instanceof Instruction.Binary) || uses(def.out()) != 1
                    || !def.operands().stream().allMatch(o -> o instanceof Literal || stable.contains(o))) {
                return null;
            }
        } else if (!(start instanceof Literal) && !stable.contains(start)) {
            return null;
        }
        if (loop.counter() == null && loop.condition().size() > 1) {
            return null; // only the comparison: the reversal's header reads nothing the condition computes
        }
        Operand bound = cmp.b();
        boolean breaks = !exits(loop).isEmpty();
        boolean[] own = {false};
        Node.forEach(loop.body(), n -> own[0] |= n instanceof Node.Jump jump && jump.loopId() == loop.id()
                && jump.kind() == Node.Jump.Kind.BREAK);
        boolean fixed = bound instanceof Literal l && l.type() == io.github.sourcegrad.processor.ir.Type.INT
                && Math.abs(l.value()) < 1e9
                || bound instanceof Value b && definitions.get(b) instanceof Instruction.Length length
                        && stable.contains(length.array()) && (!loop.condition().contains(length) || inlined.contains(b));
        return new Count(j, start, breaks || own[0] || !fixed ? null : bound, cmp.cmp() == Instruction.Comparison.LESS_EQUAL);
    }

    /**
     * The loops directly in the body of a top-level loop that runs to its end (no jump, no saved arrays): such an
     * inner loop is kept when its iterations push nothing (no variable it overwrites is read by its reversal) and its
     * initialization has no adjoint. The top-level iteration pushes, after the inner loop, what its reversal reads
     * from it; popped first, before the variables the iteration pushed at its start.
     */
    private void findKeptLoops() {
        if (!saved.isEmpty() || flow.active().isEmpty()) {
            return;
        }
        for (Node node : f.body()) {
            if (!(node instanceof Node.Loop outer) || !hasBackward(outer)
                    || outer.body().stream().anyMatch(n -> !exits(n).isEmpty())) {
                continue;
            }
            for (Node n : outer.body()) {
                if (n instanceof Node.Loop inner && taped.get(inner).isEmpty() && directNeeds(inner.init()).isEmpty()
                        && !savesWrites(inner) && !storesIntoLocal(inner)
                        && inner.carried().stream().allMatch(c -> poppable(c.variable().type()))) {
                    kept.put(inner, outer);
                }
            }
        }
        if (!kept.isEmpty()) {
            plans.clear();
            findTaped(); // what the reversal no longer runs again, it no longer needs
        }
    }

    /** True when {@code loop} writes elements of an array created in a loop or branch, which its reversal creates anew. */
    private boolean storesIntoLocal(Node.Loop loop) {
        boolean[] found = {false};
        Node.forEach(List.of(loop), n -> found[0] |= n instanceof Instruction.Store store
                && store.array() instanceof Value a && isIterationLocal(a));
        return found[0];
    }

    private static boolean poppable(io.github.sourcegrad.processor.ir.Type type) {
        return switch (type) {
            case DOUBLE, INT, LONG, BOOLEAN, VECTOR, MATRIX -> true;
            default -> false;
        };
    }

    /**
     * Expensive {@code Math} calls ({@link #isExpensive}) directly in the body of a top-level loop that runs to its
     * end, whose result the reversal reads ({@code tanh}'s, in its derivative {@code 1 - t * t}): each iteration
     * pushes the result, and the reversal pops it instead of computing it again.
     */
    private void findTapedCalls() {
        if (!saved.isEmpty()) {
            return;
        }
        for (Node node : f.body()) {
            if (!(node instanceof Node.Loop loop) || !hasBackward(loop) || sums.containsKey(loop)
                    || loop.body().stream().anyMatch(n -> !exits(n).isEmpty())) {
                continue;
            }
            Set<Value> needed = plan(loop.body()).levelNeeds();
            boolean found = false;
            for (Node n : loop.body()) {
                if (n instanceof Instruction.MathCall call && isExpensive(call.function())
                        && call.out().type() == io.github.sourcegrad.processor.ir.Type.DOUBLE
                        && needed.contains(call.out()) && !inlined.contains(call.out())
                        && !endValues(loop.body()).containsKey(call.out()) && !storedValues(loop.body()).containsKey(call.out())) {
                    tapedCalls.add(call);
                    found = true;
                }
            }
            if (found) {
                plans.remove(loop.body());
            }
        }
    }

    /** The arrays whose writes save the element they overwrite, in order of creation. */
    public List<Value> savedArrays() {
        return sorted(saved);
    }

    /** True for a write that saves the element it overwrites, and whose reversal restores it. */
    public boolean savesElement(Instruction.Store store) {
        return saved.contains((Value) store.array());
    }

    /**
     * True when {@code node} (a loop, a branch) writes an array whose elements are saved: each of its iterations, or
     * the branch, marks where its writes begin, so that its reversal can put the arrays back as they were before it
     * and run it forward again.
     */
    public boolean savesWrites(Node node) {
        boolean[] found = {false};
        Node.forEach(List.of(node), n -> found[0] |= n instanceof Instruction.Store store && savesElement(store));
        return found[0];
    }

    /** The element reads of {@code loop}'s body that each iteration pushes, in order. */
    public List<Instruction.Load> tapedLoads(Node.Loop loop) {
        return tapedLoads.getOrDefault(loop, List.of());
    }

    public boolean isTapedLoad(Instruction instruction) {
        return tapedLoadSet.contains(instruction);
    }

    /** Values of a loop body that its reversal reads from their variable (value to variable). */
    public Map<Value, Value> endValues(List<Node> body) {
        return endValues.getOrDefault(body, Map.of());
    }

    /** Values of a loop body that its reversal reads from the array element the iteration stored them in. */
    public Map<Value, Instruction.Store> storedValues(List<Node> body) {
        return storedValues.getOrDefault(body, Map.of());
    }

    /**
     * The one differentiated variable of a loop that only adds terms to it ({@code s += term}), or null. Its
     * adjoint is the same in every iteration, so the loop's reversal is a sum that the forward loop can take
     * as it goes: each iteration's derivatives of its term, added up, then scaled by the variable's adjoint.
     */
    public Value summedBy(Node.Loop loop) {
        return sums.get(loop);
    }

    /**
     * True for a summing loop whose sum the method returns, with nothing after the loop that writes a differentiated
     * variable or an array: the sum's adjoint is 1 before the loop runs, so each iteration adds its derivatives
     * straight to the adjoints of what its terms read, and the backward pass has nothing left to do for the loop.
     */
    public boolean sumsDirectly(Node.Loop loop) {
        return directSums.contains(loop);
    }

    /**
     * True when the method returns the sum of a loop that {@link #sumsDirectly}, which starts from a value that depends
     * on no differentiated parameter: nothing is left for the backward pass to give the result's adjoint to.
     */
    public boolean returnsDirectSum() {
        for (Node.Loop loop : directSums) {
            Value sum = sums.get(loop);
            Set<Node> inside = Collections.newSetFromMap(new IdentityHashMap<>());
            Node.forEach(loop.body(), inside::add);
            boolean[] constantStart = {true};
            Node.forEach(f.body(), n -> constantStart[0] &= inside.contains(n) || !(n instanceof Node.Write w && w.variable().equals(sum)
                    && w.value() instanceof Value v && flow.active().contains(flow.canonical(v))));
            if (sum.equals(f.result()) && constantStart[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a loop nested in a summing loop that holds loops (see {@link #findSums}), that summing loop: each of the
     * inner loop's iterations takes its derivatives right after its forward computation, and the loop is never reversed.
     */
    public Node.Loop summingNest(Node.Loop loop) {
        return nests.get(loop);
    }

    /** The values a summing loop's sum passes through: each has the sum's adjoint. */
    public Set<Value> sumChain(Node.Loop loop) {
        return chains.getOrDefault(loop, Set.of());
    }

    /** The variable whose adjoint {@code v} uses as its own, or null. */
    public Value aliasOf(Value v) {
        return adjointAlias.get(v);
    }

    public boolean isReadByAdjoints(Value v) {
        return readByAdjoints.contains(v);
    }

    /**
     * A value written to a variable and used nowhere else needs no adjoint of its own: it reads the variable's.
     * Sound while nothing adds to the variable's adjoint between the write and the value's definition (in
     * backward order), and while the value's own rule adds to the variable's entry value at most its adjoint
     * unchanged, as {@code s += t} does.
     */

    private void findAdjointAliases(List<Node> nodes) {
        for (int j = 0; j < nodes.size(); j++) {
            Node node = nodes.get(j);
            if (node instanceof Node.If branch) {
                findAdjointAliases(branch.then());
                findAdjointAliases(branch.otherwise());
            } else if (node instanceof Node.Loop loop) {
                findAdjointAliases(loop.init());
                findAdjointAliases(loop.body());
            } else if (node instanceof Node.Write w && flow.active().contains(w.variable()) && w.value() instanceof Value x
                    && useCounts.getOrDefault(x, 0) == 1 && !variableOfEntry.containsKey(x)) {
                int d = definitionIndex(nodes, x);
                // a branch's variable is defined by a nested block, before which a cleared adjoint must be written
                if (d < 0 || d >= j || (definitions.get(x) == null && (resettable.contains(x) || resettable.contains(w.variable())))) {
                    continue;
                }
                Value m = w.variable();
                boolean clean = true;
                for (int k = d + 1; k < j && clean; k++) {
                    Node between = nodes.get(k);
                    if (between instanceof Node.Write other) {
                        clean = !other.variable().equals(m);
                    } else if (between instanceof Instruction i) {
                        clean = !contributesTo(i, m);
                    } else {
                        clean = false;
                    }
                }
                Instruction def = definitions.get(x);
                if (clean && def != null && flow.contributions().get(def) != null) {
                    for (Map.Entry<Value, Expr> e : flow.contributions().get(def).entrySet()) {
                        if (flow.canonical(e.getKey()).equals(m) && !e.getValue().equals(new Expr.Adjoint(x))) {
                            clean = false;
                        }
                    }
                }
                if (clean) {
                    adjointAlias.put(x, m);
                }
            }
        }
    }

    private boolean contributesTo(Instruction i, Value variable) {
        Map<Value, Expr> c = flow.contributions().get(i);
        return c != null && c.keySet().stream().anyMatch(v -> flow.canonical(v).equals(variable));
    }

    /** Where {@code nodes} defines {@code v}: its instruction, or the if that owns it as a variable; -1 if elsewhere. */
    public int definitionIndex(List<Node> nodes, Value v) {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n instanceof Instruction ins && ins.out().equals(v)) {
                return i;
            }
            if (n instanceof Node.If branch && branch.variables().contains(v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A taped variable holds, when its iteration is reversed, the value that iteration left in it: the later
     * iterations have restored their own starting values. So a value the iteration writes to it last, which the
     * backward pass needs ({@code tanh}'s result, in {@code h = Math.tanh(w * h + b)}), is read from the variable
     * before the pop instead of being computed again. Only for bodies that always run to their end.
     */
    private void findEndValues() {
        for (Node.Loop loop : loopsById.values()) {
            List<Node> body = loop.body();
            if (taped.get(loop).isEmpty() || body.stream().anyMatch(n -> !exits(n).isEmpty())) {
                continue;
            }
            Map<Value, Value> found = new LinkedHashMap<>();
            Set<Value> needed = plan(body).levelNeeds();
            for (Value variable : taped.get(loop)) {
                List<Node.Write> writes = new ArrayList<>();
                Node.forEach(body, n -> {
                    if (n instanceof Node.Write w && w.variable().equals(variable)) {
                        writes.add(w);
                    }
                });
                if (writes.size() == 1 && body.contains(writes.get(0)) && writes.get(0).value() instanceof Value x
                        && definedInList.get(x) == body && needed.contains(x) && !(definitions.get(x) instanceof Instruction.Call)) {
                    found.put(x, variable);
                }
            }
            if (!found.isEmpty()) {
                endValues.put(body, found);
                plans.remove(body);
            }
        }
    }

    /**
     * {@code h[i] = Math.tanh(a)} in a counted loop over {@code i}, the only write to {@code h}, with no other loop
     * between {@code h}'s creation and the write: each element is written once, so when an iteration is reversed
     * {@code h[i]} still holds the value, and the reversal reads it instead of computing it (and what it came
     * from) again.
     */
    private void findStoredValues() {
        Map<Value, List<Instruction.Store>> stores = new HashMap<>();
        Map<Node, List<Integer>> loopsAround = new IdentityHashMap<>();
        collectLoops(f.body(), new ArrayList<>(), loopsAround);
        Node.forEach(f.body(), n -> {
            if (n instanceof Instruction.Store st && st.array() instanceof Value a) {
                stores.computeIfAbsent(a, k -> new ArrayList<>()).add(st);
            }
        });
        for (Node.Loop loop : loopsById.values()) {
            List<Node> body = loop.body();
            if (loop.counter() == null || body.stream().anyMatch(n -> !exits(n).isEmpty())) {
                continue;
            }
            Value index = loop.carried().stream().filter(c -> c.variable().equals(loop.counter().variable()))
                    .map(Node.Loop.Carried::entry).findFirst().orElse(null);
            Set<Value> needed = plan(body).levelNeeds();
            Map<Value, Instruction.Store> found = new LinkedHashMap<>();
            for (Node n : body) {
                if (!(n instanceof Instruction.Store st) || st.compound() != null || !(st.value() instanceof Value x)
                        || !(st.array() instanceof Value array) || array.type() != io.github.sourcegrad.processor.ir.Type.VECTOR
                        || !st.indices().equals(List.of(index)) || stores.get(array).size() != 1 || saved.contains(array)) {
                    continue;
                }
                List<Integer> between = new ArrayList<>(loopsAround.get(st));
                Instruction creation = definitions.get(array);
                between.removeAll(creation == null ? List.of() : loopsAround.get(creation));
                if (between.equals(List.of(loop.id())) && definedInList.get(x) == body && needed.contains(x)
                        && !(definitions.get(x) instanceof Instruction.Call) && !endValues(body).containsKey(x)) {
                    found.put(x, st);
                }
            }
            if (!found.isEmpty()) {
                storedValues.put(body, found);
                plans.remove(body);
            }
        }
    }

    /**
     * An element read that a later write may change (see {@code ArrayReads.stale}) cannot be recomputed: the loop
     * pushes the value it read, when the backward pass needs it, and its reversal pops it.
     */
    private void findTapedLoads() {
        if (!saved.isEmpty()) {
            return; // the arrays hold, when the backward pass reads them, what the forward pass read
        }
        for (io.github.sourcegrad.processor.ir.ArrayReads.Stale stale : io.github.sourcegrad.processor.ir.ArrayReads.stale(f)) {
            if (!(stale.read() instanceof Instruction.Load load)) {
                continue;
            }
            Node.Loop loop = io.github.sourcegrad.processor.ir.ArrayReads.tapingLoop(f, load);
            if (loop == null || sums.containsKey(loop) || !plan(loop.body()).levelNeeds().contains(load.out())) {
                continue; // a summing loop takes its derivatives as it reads; an unneeded value is not read again
            }
            tapedLoads.computeIfAbsent(loop, l -> new ArrayList<>()).add(load);
            tapedLoadSet.add(load);
        }
        tapedLoads.forEach((loop, loads) -> {
            loads.sort((a, b) -> Integer.compare(loop.body().indexOf(a), loop.body().indexOf(b)));
            plans.remove(loop.body());
        });
    }

    /**
     * The arrays whose elements must be saved before each write. A loop or branch may read an element that a later
     * write changes ({@code ArrayReads.stale}); where the backward pass runs that code again, the array holds other
     * values by then. When the backward pass never uses what such a read gave (in {@code y[i] = y[i] + a * x[j]} it
     * needs {@code a} and {@code x[j]}, not {@code y[i]}) nothing is needed. When every read it needs is directly in
     * the body of a loop among the method's own statements, the loop tapes the values read ({@link #tapedLoads}).
     * Otherwise each write to the array saves the element it overwrites ({@code tape.save(y, i)}), the reversal of
     * the write restores it, and the reversal of a loop iteration or branch first puts back everything it wrote
     * ({@code tape.undoWrites()}) and runs it forward again: the arrays then hold, wherever the backward pass reads
     * them, what the forward pass read there.
     */
    private Set<Value> findSavedArrays() {
        List<Instruction.Load> stale = new ArrayList<>();
        for (io.github.sourcegrad.processor.ir.ArrayReads.Stale read : io.github.sourcegrad.processor.ir.ArrayReads.stale(f)) {
            if (read.read() instanceof Instruction.Load load) {
                stale.add(load);
            }
        }
        Set<Value> found = new HashSet<>();
        if (flow.active().isEmpty()) {
            return found; // no adjoint statements: the backward pass reads nothing
        }
        if (stale.stream().filter(load -> isNeeded(load, found))
                .allMatch(load -> io.github.sourcegrad.processor.ir.ArrayReads.tapingLoop(f, load) != null)) {
            return found;
        }
        // a write that runs again in the backward pass needs its value and index as the forward pass had them
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Instruction.Load load : stale) {
                if (!found.contains((Value) load.array()) && isNeeded(load, found)) {
                    grew = found.add((Value) load.array());
                }
            }
        }
        return found;
    }

    /**
     * True when the backward pass may use, directly or through what is computed from it, the value {@code load} reads:
     * an adjoint statement reads it, or a condition, an index, an integral value, a call or an array comes from it,
     * or the value or index of a write that runs again (into an array created in a loop or branch, or whose elements
     * are {@code saved}).
     */
    private boolean isNeeded(Instruction.Load load, Set<Value> saved) {
        List<Node> all = new ArrayList<>();
        Node.forEach(f.body(), all::add);
        Set<Value> from = new HashSet<>();
        from.add(load.out());
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Node n : all) {
                if (n instanceof Instruction.Store store) {
                    boolean reaches = store.operands().stream().skip(1).anyMatch(from::contains);
                    Value array = (Value) store.array();
                    if (reaches && (saved.contains(array) || isIterationLocal(array))) {
                        return true;
                    }
                } else if (n instanceof Instruction i && i.operands().stream().anyMatch(from::contains)) {
                    if (i instanceof Instruction.Call || i instanceof Instruction.ArrayCall) {
                        return true;
                    }
                    grew |= from.add(i.out());
                } else if (n instanceof Node.Write w && from.contains(w.value())) {
                    grew |= from.add(w.variable());
                } else if (n instanceof Node.Loop loop) {
                    for (Node.Loop.Carried c : loop.carried()) {
                        if (from.contains(c.variable())) {
                            grew |= from.add(c.entry());
                        }
                    }
                }
            }
        }
        return from.stream().anyMatch(v -> v.type() != io.github.sourcegrad.processor.ir.Type.DOUBLE || readByAdjoints.contains(v));
    }

    private static List<Value> sorted(Set<Value> values) {
        List<Value> out = new ArrayList<>(values);
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    private static void collectLoops(List<Node> nodes, List<Integer> around, Map<Node, List<Integer>> out) {
        for (Node node : nodes) {
            out.put(node, List.copyOf(around));
            if (node instanceof Node.If branch) {
                collectLoops(branch.then(), around, out);
                collectLoops(branch.otherwise(), around, out);
            } else if (node instanceof Node.Loop loop) {
                collectLoops(loop.init(), around, out);
                List<Integer> inner = new ArrayList<>(around);
                inner.add(loop.id());
                collectLoops(loop.condition(), inner, out);
                collectLoops(loop.body(), inner, out);
                collectLoops(loop.update(), inner, out);
            }
        }
    }

    private void index(List<Node> nodes) {
        for (Node node : nodes) {
            if (node instanceof Instruction i) {
                definedInList.put(i.out(), nodes);
                definitions.put(i.out(), i);
                i.operands().forEach(this::use);
            } else if (node instanceof Node.Write w) {
                use(w.value());
            } else if (node instanceof Node.Throw thrown) {
                thrown.operands().forEach(this::use);
            } else if (node instanceof Node.If branch) {
                use(branch.condition());
                for (List<Node> list : List.of(branch.then(), branch.otherwise())) {
                    index(list);
                }
                for (int k = nodes.indexOf(node) - 1; k >= 0 && nodes.get(k) instanceof Node.Write w; k--) {
                    if (branch.variables().contains(w.variable())) {
                        resettable.add(w.variable());
                        entryWrites.add(w);
                    }
                }
            } else if (node instanceof Node.Loop loop) {
                use(loop.test());
                for (Node n : loop.init()) {
                    if (n instanceof Node.Write w && loop.carried().stream().anyMatch(c -> c.variable().equals(w.variable()))) {
                        entryWrites.add(w);
                    }
                }
                index(loop.init());
                index(loop.condition());
                index(loop.body());
                index(loop.update());
            }
        }
    }

    private void use(Operand operand) {
        if (operand instanceof Value v) {
            useCounts.merge(v, 1, Integer::sum);
        }
    }

    /** Conditions, loop headers and messages print their single-use temporaries inline: {@code if (x < 1)}. */
    private void findInlined() {
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.If branch) {
                inline(branch.condition());
            } else if (n instanceof Node.Throw thrown) {
                thrown.operands().forEach(this::inline); // "bad n: " + (n - 1)
            } else if (n instanceof Node.Loop loop) {
                if (headerInlines(loop)) {
                    inline(loop.test());
                }
                for (Node u : loop.update()) {
                    if (u instanceof Node.Write w) {
                        inline(w.value());
                    }
                }
            }
        });
    }

    private void inline(Operand operand) {
        if (operand instanceof Value v && v.isTemporary() && useCounts.getOrDefault(v, 0) == 1
                && definitions.get(v) != null && isPure(definitions.get(v)) && !readsWrittenArray(definitions.get(v))) {
            inlined.add(v);
            definitions.get(v).operands().forEach(this::inline);
        }
    }

    /**
     * An element of an array the method writes: printed inline in a condition, it would be read again where the
     * backward pass prints the condition again, after later writes; so it is read once, into a local.
     */
    private boolean readsWrittenArray(Instruction i) {
        return (i instanceof Instruction.Load || i instanceof Instruction.ArrayCall)
                && i.operands().stream().anyMatch(writtenArrays::contains);
    }

    public static boolean isPure(Instruction i) {
        return !(i instanceof Instruction.Call) && !(i instanceof Instruction.Copy);
    }

    /** True when a loop's condition prints in its header: it is one expression, with no call to print first. */
    public boolean headerInlines(Node.Loop loop) {
        return loop.condition().stream().allMatch(n -> n instanceof Instruction i && isPure(i) && !readsWrittenArray(i));
    }

    public boolean hasBackward(Node node) {
        if (node instanceof Instruction.Store store && savesElement(store)) {
            return true; // restores the element it overwrote
        }
        if (node instanceof Instruction.Store store && store.compound() == null) {
            // a write clears the element's adjoint, even when what it writes is a constant
            return flow.contributions().get(store) != null;
        }
        if (node instanceof Instruction i) {
            Map<Value, Expr> c = flow.contributions().get(i);
            return c != null && !c.isEmpty();
        }
        if (node instanceof Node.Write w) {
            // passes the adjoint on, or clears it for the variable's earlier content
            return flow.active().contains(w.variable()) && (resettable.contains(w.variable())
                    || (w.value() instanceof Value v && flow.active().contains(flow.canonical(v))
                    && !flow.canonical(v).equals(w.variable())));
        }
        if (node instanceof Node.If branch) {
            return hasBackward(branch.then()) || hasBackward(branch.otherwise());
        }
        if (node instanceof Node.Loop loop) {
            return hasBackward(loop.body()) || hasBackward(loop.init());
        }
        return false;
    }

    public boolean hasBackward(List<Node> nodes) {
        return nodes.stream().anyMatch(this::hasBackward);
    }

    /** Values defined by {@code nodes} and their parts: results, branch and loop variables, entry values. */
    public static Set<Value> definedIn(List<Node> nodes) {
        Set<Value> defined = new HashSet<>();
        Node.forEach(nodes, n -> {
            if (n instanceof Instruction i) {
                defined.add(i.out());
            } else if (n instanceof Node.If branch) {
                defined.addAll(branch.variables());
            } else if (n instanceof Node.Loop loop) {
                loop.carried().forEach(c -> {
                    defined.add(c.variable());
                    defined.add(c.entry());
                });
            }
        });
        return defined;
    }

    /** Every value {@code nodes} read, conditions and writes included. */
    public static Set<Value> readsIn(List<Node> nodes) {
        Set<Value> reads = new HashSet<>();
        Node.forEach(nodes, n -> {
            for (Operand o : operandsOf(n)) {
                if (o instanceof Value v) {
                    reads.add(v);
                }
            }
        });
        return reads;
    }

    /** What {@code node} itself reads (not its nested nodes): an instruction's operands, a write's value, a test. */
    public static List<Operand> operandsOf(Node node) {
        if (node instanceof Instruction i) {
            return i.operands();
        } else if (node instanceof Node.Write w) {
            return List.of(w.value());
        } else if (node instanceof Node.If branch) {
            return List.of(branch.condition());
        } else if (node instanceof Node.Loop loop) {
            return List.of(loop.test());
        } else if (node instanceof Node.Throw thrown) {
            return thrown.operands();
        }
        return List.of();
    }

    /** Loops that a jump inside {@code node} leaves, other than loops inside {@code node}. */
    public Set<Integer> exits(Node node) {
        Set<Integer> inside = new HashSet<>();
        Set<Integer> targets = new HashSet<>();
        Node.forEach(List.of(node), n -> {
            if (n instanceof Node.Loop loop) {
                inside.add(loop.id());
            } else if (n instanceof Node.Jump jump) {
                targets.add(jump.loopId());
            }
        });
        targets.removeAll(inside);
        return targets;
    }

    public enum Split { NONE, THEN_JUMPS, ELSE_JUMPS, FLAG }

    /**
     * The backward block of a list: the statements up to the first one that may jump ({@code prefix}), which it
     * recomputes as far as needed ({@code recompute}) and reverses, and the {@code rest}, which runs only when no
     * jump happened. {@code levelNeeds} are the prefix's values the block reads; {@code free} what it reads from
     * outside.
     */
    public record Plan(List<Node> prefix, List<Node> rest, Split split, Set<Node> recompute, Set<Value> levelNeeds, Set<Value> free) {}

    public Plan plan(List<Node> nodes) {
        Plan known = plans.get(nodes);
        if (known == null) {
            known = computePlan(nodes);
            plans.put(nodes, known);
        }
        return known;
    }

    public Plan topPlan() {
        Set<Value> need = directNeeds(f.body());
        return new Plan(f.body(), null, Split.NONE, Set.of(), need, Set.of());
    }

    private Plan computePlan(List<Node> nodes) {
        int k = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (!exits(nodes.get(i)).isEmpty()) {
                k = i;
                break;
            }
        }
        List<Node> prefix = nodes;
        List<Node> rest = null;
        Split split = Split.NONE;
        if (k >= 0 && k < nodes.size() - 1) {
            prefix = nodes.subList(0, k + 1);
            rest = nodes.subList(k + 1, nodes.size());
            split = splitOf(nodes.get(k));
        }
        Set<Value> need = directNeeds(prefix);
        storedValues.getOrDefault(nodes, Map.of()).values().forEach(st -> need.add((Value) st.array()));
        if (rest != null) {
            need.addAll(plan(rest).free);
            if (split != Split.FLAG) {
                need.addAll(leaves(((Node.If) nodes.get(k)).condition()));
            }
        }
        Set<Node> recompute = new LinkedHashSet<>();
        for (int i = prefix.size() - 1; i >= 0; i--) {
            Node node = prefix.get(i);
            boolean again = false;
            if (node instanceof Instruction.Store store) {
                // an array created anew in each iteration is rebuilt by its stores before the reads that need it
                again = (need.contains((Value) store.array()) && isIterationLocal((Value) store.array())
                        && !storedValues.getOrDefault(nodes, Map.of()).containsValue(store)) // read back, not written
                        || savesElement(store); // the block runs forward again from the arrays as they were before it
            } else if (node instanceof Instruction instruction) {
                again = need.contains(instruction.out()) && !inlined.contains(instruction.out())
                        && !endValues.getOrDefault(nodes, Map.of()).containsKey(instruction.out())
                        && !storedValues.getOrDefault(nodes, Map.of()).containsKey(instruction.out())
                        && !tapedLoadSet.contains(instruction) && !tapedCalls.contains(instruction);
            } else if (node instanceof Node.Write w) {
                again = need.contains(w.variable()) && ownedBefore(prefix, i, w.variable());
            } else if (node instanceof Node.If branch) {
                again = branch.variables().stream().anyMatch(need::contains) || (split == Split.FLAG && i == k)
                        || savesWrites(branch);
                if (again) {
                    need.addAll(branch.variables());
                }
            } else if (node instanceof Node.Loop loop && kept.get(loop) != null && kept.get(loop).body() == nodes) {
                // run forward once: the reversal pops the variables it left that are read after it
                keptResults.put(loop, loop.carried().stream().map(Node.Loop.Carried::variable).filter(need::contains).toList());
            } else if (node instanceof Node.Loop loop) {
                again = hasBackward(loop) || loop.carried().stream().anyMatch(c -> need.contains(c.variable()))
                        || (split == Split.FLAG && i == k) || storesInto(loop, need) || savesWrites(loop);
            }
            if (again) {
                recompute.add(node);
                Set<Value> reads = readsIn(List.of(node));
                reads.removeAll(definedIn(List.of(node)));
                for (Value v : reads) {
                    need.addAll(leaves(v));
                }
            }
        }
        Set<Value> free = new HashSet<>(need);
        free.removeAll(definedIn(prefix));
        return new Plan(prefix, rest, split, recompute, need, free);
    }

    /** True for an array created inside a loop or branch: a recomputation of that code creates it again. */
    public boolean isIterationLocal(Value array) {
        List<Node> list = definedInList.get(array);
        return list != null && list != f.body();
    }

    /** True when {@code loop} writes elements of an iteration-local array that is needed. */
    private boolean storesInto(Node.Loop loop, Set<Value> need) {
        boolean[] found = {false};
        Node.forEach(List.of(loop), n -> found[0] |= n instanceof Instruction.Store store
                && need.contains((Value) store.array()) && isIterationLocal((Value) store.array()));
        return found[0];
    }

    /** True when {@code variable} belongs to a branch or loop that follows position {@code index} in {@code nodes}. */
    private static boolean ownedBefore(List<Node> nodes, int index, Value variable) {
        for (int i = index + 1; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Node.If branch && branch.variables().contains(variable)) {
                return true;
            }
        }
        return false;
    }

    private Split splitOf(Node node) {
        if (node instanceof Node.If branch) {
            boolean thenJumps = endsInJump(branch.then());
            boolean elseJumps = endsInJump(branch.otherwise());
            boolean thenClean = branch.then().stream().allMatch(n -> exits(n).isEmpty());
            boolean elseClean = branch.otherwise().stream().allMatch(n -> exits(n).isEmpty());
            if (thenJumps && elseClean && branch.then().subList(0, branch.then().size() - 1).stream().allMatch(n -> exits(n).isEmpty())) {
                return Split.THEN_JUMPS;
            }
            if (elseJumps && thenClean && branch.otherwise().subList(0, branch.otherwise().size() - 1).stream().allMatch(n -> exits(n).isEmpty())) {
                return Split.ELSE_JUMPS;
            }
        }
        return Split.FLAG;
    }

    private static boolean endsInJump(List<Node> nodes) {
        return !nodes.isEmpty() && nodes.get(nodes.size() - 1) instanceof Node.Jump;
    }

    /** The values a backward block reads directly: its adjoint statements' operands, and what nested blocks read. */
    public Set<Value> directNeeds(List<Node> nodes) {
        Set<Value> need = new HashSet<>();
        for (Node node : nodes) {
            if (node instanceof Instruction i) {
                Map<Value, Expr> contributions = flow.contributions().get(i);
                if (contributions != null) {
                    contributions.values().forEach(e -> collectForward(e, need));
                    // an array's adjoint that receives element by element is allocated with the array's shape
                    contributions.forEach((target, e) -> {
                        if (e instanceof Expr.Scatter) {
                            need.add(target);
                        }
                    });
                }
                if (i instanceof Instruction.Store store && hasBackward(store)) {
                    store.indices().forEach(index -> need.addAll(leaves(index))); // the element it clears
                }
            } else if (node instanceof Node.If branch && hasBackward(branch)) {
                need.addAll(leaves(branch.condition()));
                need.addAll(plan(branch.then()).free);
                need.addAll(plan(branch.otherwise()).free);
            } else if (node instanceof Node.Loop loop && hasBackward(loop)) {
                Set<Value> free = new HashSet<>(plan(loop.body()).free);
                for (Node.Loop.Carried c : loop.carried()) {
                    free.remove(c.entry());
                    free.remove(c.variable());
                }
                need.addAll(free);
                Count count = counts.get(loop);
                if (count != null && loop.counter() == null) {
                    // the reversal's header counts down to the start
                    Instruction start = count.start() instanceof Value v ? definitions.get(v) : null;
                    if (start != null && loop.init().contains(start)) {
                        start.operands().forEach(o -> need.addAll(leaves(o)));
                    } else {
                        need.addAll(leaves(count.start()));
                    }
                }
                if (derivesTrips(loop)) {
                    need.addAll(leaves(count.bound()));
                }
            }
        }
        return need;
    }

    private void collectForward(Expr e, Set<Value> out) {
        if (e instanceof Expr.Forward fw && fw.operand() instanceof Value v) {
            out.add(v);
        } else if (e instanceof Expr.Partial p && p.call().out().type().isArray()) {
            // the pullback is called in the backward pass with the call's arguments, not its result
            p.call().args().forEach(a -> collectForward(Expr.of(a), out));
        } else if (e instanceof Expr.Partial p) {
            out.add(p.call().out());
        } else if (e instanceof Expr.Negate n) {
            collectForward(n.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collectForward(b.left(), out);
            collectForward(b.right(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectForward(a, out));
        } else if (e instanceof Expr.ArrayOp a) {
            a.args().forEach(arg -> collectForward(arg, out));
        } else if (e instanceof Expr.Element el) {
            el.indices().forEach(i -> collectForward(i, out));
        } else if (e instanceof Expr.Scatter sc) {
            sc.indices().forEach(i -> collectForward(i, out));
            collectForward(sc.value(), out);
        } else if (e instanceof Expr.Conditional c) {
            for (Expr part : List.of(c.left(), c.right(), c.then(), c.otherwise())) {
                collectForward(part, out);
            }
        }
    }

    /** An operand as printed: the values its inlined expression reads. */
    private Set<Value> leaves(Operand operand) {
        Set<Value> out = new HashSet<>();
        if (operand instanceof Value v) {
            if (inlined.contains(v)) {
                definitions.get(v).operands().forEach(o -> out.addAll(leaves(o)));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Finds the loops that only sum: no jump and no array write, and one differentiated variable whose entry value
     * flows to its write only through {@code + term} and {@code - term} (in branches too) and is otherwise only
     * compared. On every path the iteration then passes the variable's adjoint on unchanged, so each iteration's
     * backward pass can run right after its forward one. A loop among the method's own statements may also hold
     * loops that add to the same sum (a loop nest: the pair loop of a potential energy), and take derivatives with
     * respect to arrays: when the sum goes straight to the result ({@link #sumsDirectly}), or, for a nest, as the
     * partial derivative of its sum with respect to the array, an array of the workspace scaled after the loop. Its iterations, and those
     * of the loops nested in it, are never reversed, so nothing of theirs goes on the tape.
     */
    private void findSums() {
        for (Node.Loop loop : loopsById.values()) {
            if (!hasBackward(loop)) {
                continue;
            }
            boolean top = f.body().stream().anyMatch(n -> n == loop);
            boolean[] plain = {true};
            boolean[] nested = {false};
            boolean[] arrays = {false};
            Node.forEach(loop.body(), n -> {
                plain[0] &= !(n instanceof Node.Jump) && !(n instanceof Instruction.Store);
                nested[0] |= n instanceof Node.Loop;
                arrays[0] |= n instanceof Instruction i && flow.contributions().get(i) != null
                        && flow.contributions().get(i).keySet().stream().anyMatch(v -> v.type().isArray());
            });
            boolean relaxed = nested[0] || arrays[0];
            if (!plain[0] || relaxed && (!top || !saved.isEmpty()) || !relaxed && !taped.get(loop).isEmpty()) {
                continue;
            }
            List<Node.Loop.Carried> active = loop.carried().stream()
                    .filter(c -> flow.active().contains(c.variable())).toList();
            if (active.size() != 1) {
                continue;
            }
            Node.Loop.Carried sum = active.get(0);
            Set<Value> chain = onlyAdds(loop.body(), sum);
            if (chain == null || nested[0] && !nestAddsOnly(loop, chain) || !readsNoOverwrittenEntry(loop, sum.variable(), chain)) {
                continue;
            }
            boolean direct = top && returnsSum(loop, sum.variable());
            if (arrays[0] && !direct && !nested[0]) {
                // an array partial costs a pass over the whole array: worth it where a nest would run again, not for
                // a single loop, whose reversal is as cheap as its forward pass
                continue;
            }
            sums.put(loop, sum.variable());
            chains.put(loop, chain);
            if (direct) {
                directSums.add(loop);
            }
            if (relaxed) {
                // never reversed: nothing goes on the tape, and its inner loops run forward once, taking their derivatives
                taped.put(loop, List.of());
                endValues.remove(loop.body());
                Node.forEach(loop.body(), n -> {
                    if (n instanceof Node.Loop inner) {
                        nests.put(inner, loop);
                        kept.remove(inner);
                        keptResults.remove(inner);
                        taped.put(inner, List.of());
                        endValues.remove(inner.body());
                    }
                });
                plans.clear();
            }
        }
    }

    /**
     * True when every loop nested in the summing loop {@code loop} only adds to its sum too: its differentiated
     * variables are on the sum's {@code chain}, and its terms pass their adjoints to values of its own iteration or to
     * values outside {@code loop}, never to a value an enclosing iteration computed (whose backward pass would have to
     * wait for the inner loop's end).
     */
    private boolean nestAddsOnly(Node.Loop loop, Set<Value> chain) {
        Set<Value> inNest = definedIn(loop.body());
        boolean[] ok = {true};
        Node.forEach(loop.body(), n -> {
            if (n instanceof Node.Loop inner) {
                ok[0] &= inner.carried().stream().noneMatch(c -> flow.active().contains(c.variable()) && !chain.contains(c.variable()));
                Set<Value> own = definedIn(inner.body());
                Node.forEach(inner.body(), m -> {
                    if (m instanceof Instruction i && flow.contributions().get(i) != null) {
                        for (Value target : flow.contributions().get(i).keySet()) {
                            Value c = flow.canonical(target);
                            ok[0] &= chain.contains(target) || chain.contains(c) || own.contains(c) || !inNest.contains(c);
                        }
                    }
                });
                ok[0] &= inner.init().stream().allMatch(m -> !hasBackward(m) || m instanceof Node.Write w && chain.contains(w.variable()));
            }
        });
        return ok[0];
    }

    /**
     * True when no iteration of {@code loop} or of a loop nested in it needs, for its derivatives, the value a variable
     * had when the iteration began (what a reversal would take from the tape) and overwrites it in its condition or
     * body: taken right after the iteration, the derivatives would read the new value. The sum's own variables, and
     * counters that only the loop's update changes, are read where they are.
     */
    private boolean readsNoOverwrittenEntry(Node.Loop loop, Value sum, Set<Value> chain) {
        boolean[] ok = {true};
        List<Node.Loop> all = new ArrayList<>();
        all.add(loop);
        Node.forEach(loop.body(), n -> {
            if (n instanceof Node.Loop inner) {
                all.add(inner);
            }
        });
        for (Node.Loop l : all) {
            Set<Value> written = new HashSet<>();
            Node.forEach(l.condition(), n -> {
                if (n instanceof Node.Write w) {
                    written.add(w.variable());
                }
            });
            Node.forEach(l.body(), n -> {
                if (n instanceof Node.Write w) {
                    written.add(w.variable());
                }
            });
            ok[0] &= taped.get(l).stream().allMatch(v -> v.equals(sum) || chain.contains(v) || !written.contains(v));
        }
        return ok[0];
    }

    /**
     * True when the method returns what summing loop {@code loop} leaves in {@code sum}, and nothing after the loop
     * writes a differentiated variable or an array element: the sum's adjoint is 1 when the loop runs, and no later
     * statement's reversal clears an adjoint the loop's iterations have added to.
     */
    private boolean returnsSum(Node.Loop loop, Value sum) {
        int at = -1;
        for (int k = 0; k < f.body().size(); k++) {
            if (f.body().get(k) == loop) {
                at = k;
            }
        }
        if (at < 0 || !sum.equals(f.result()) || sum.type() != io.github.sourcegrad.processor.ir.Type.DOUBLE) {
            return false;
        }
        boolean[] clean = {true};
        Node.forEach(f.body().subList(at + 1, f.body().size()), n -> clean[0] &= !(n instanceof Instruction.Store)
                && !(n instanceof Node.Write w && flow.active().contains(w.variable())));
        return clean[0];
    }

    /** The values a summing loop's sum passes through (its entry value, partial sums, branch variables), or null. */
    private Set<Value> onlyAdds(List<Node> body, Node.Loop.Carried sum) {
        // the chain: the entry value, what adds a term to something on the chain, and variables written from it
        Set<Value> chain = new HashSet<>();
        chain.add(sum.entry());
        List<Node> all = new ArrayList<>();
        Node.forEach(body, all::add);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : all) {
                if (n instanceof Instruction.Binary b && b.out().type() == io.github.sourcegrad.processor.ir.Type.DOUBLE
                        && (chain.contains(b.a()) || chain.contains(b.b()))) {
                    grew |= chain.add(b.out());
                } else if (n instanceof Node.Write w && chain.contains(w.value()) && !w.variable().equals(sum.variable())) {
                    grew |= chain.add(w.variable());
                } else if (n instanceof Node.Loop inner) {
                    for (Node.Loop.Carried c : inner.carried()) {
                        if (chain.contains(c.variable())) {
                            grew |= chain.add(c.entry()); // an inner loop that adds to the sum too
                        }
                    }
                }
            }
        }
        for (Node n : all) {
            if (n instanceof Node.Write w && w.variable().equals(sum.variable()) && !chain.contains(w.value())) {
                return null; // the sum starts over
            }
            if (n instanceof Instruction i) {
                long onChain = i.operands().stream().filter(chain::contains).count();
                if (onChain == 0 || i instanceof Instruction.Compare) {
                    continue;
                }
                boolean adds = i instanceof Instruction.Binary b && onChain == 1
                        && (b.op() == Instruction.BinaryOperator.ADD
                        || (b.op() == Instruction.BinaryOperator.SUBTRACT && chain.contains(b.a())));
                if (!adds) {
                    return null;
                }
            } else if (n instanceof Node.Write w && chain.contains(w.value())) {
                if (!w.variable().equals(sum.variable()) && !chain.contains(w.variable())) {
                    return null;
                }
            } else if (n instanceof Node.Write w && chain.contains(w.variable())
                    && !(w.value() instanceof Value v && chain.contains(v))) {
                return null; // a branch variable of the chain overwritten with something else
            } else if (n instanceof Node.If branch && chain.contains(branch.condition())) {
                return null;
            }
        }
        return chain;
    }
}
