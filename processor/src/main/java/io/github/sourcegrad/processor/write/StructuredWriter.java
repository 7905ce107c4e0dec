package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Flow;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the body of a gradient method whose function has branches and loops.
 *
 * <p>The forward pass is the user's code, with two additions per loop that the backward pass reverses: a trip
 * count, and, at the start of each iteration, a push onto a {@code Tape} of the variables the iteration
 * overwrites whose old values the backward pass needs. The backward pass mirrors the structure:
 * <ul>
 *   <li>a branch becomes the same {@code if}, whose block first recomputes what its adjoint statements read
 *       from the branch (values inside a branch are local to it);</li>
 *   <li>a loop becomes a loop over its iterations in reverse: pop the saved variables, recompute the
 *       iteration's values, then its adjoint statements. A {@code break} or {@code continue} ends the
 *       iteration, so what follows it runs, forward and backward, only when the iteration did not jump;</li>
 *   <li>a value a branch or loop leaves in a variable passes its adjoint on where it was written.</li>
 * </ul>
 * Values that are never overwritten are read where they are; values inside loops and branches are recomputed,
 * not taped, so a loop that only accumulates ({@code s += ...}) tapes nothing, except where recomputing costs more:
 * an iteration of a top-level loop pushes the result of an expensive {@code Math} call, and the trip count and the
 * variables its reversal reads of a loop nested in it, which then runs forward only once (see {@code Schedule}). An array whose old elements the
 * backward pass needs saves each element before a write overwrites it ({@code tape.save(h, i)}); reversing the
 * write restores it ({@code tape.restore()}), and reversing a loop iteration or branch first puts back all it
 * wrote ({@code tape.undoWrites()}, back to its {@code tape.beginWrites()}) before running it forward again.
 *
 * <p>This class decides the names (which values share one Java variable, see {@link Ctx}), holds what both passes
 * share, and puts the method together: {@link ForwardEmitter} prints the forward pass and the recomputations of
 * the backward one, {@link BackwardEmitter} the adjoint statements.
 */
final class StructuredWriter {
    private static final ClassName TAPE = ClassName.get("io.github.sourcegrad", "Tape");

    // what the forward and the backward emitter share
    final Function f;
    final Adjoint adjoint;
    final Flow flow;
    final Names names;
    final Catalog catalog;
    final Schedule schedule;
    final InstructionPrinter printer;
    final String tapeName;
    private String resultName;
    /** The buffer form's workspace variable, or null: the arrays this method creates outside loops come from it. */
    String workspaceName;
    /** The reversed loops being printed: inside one, arrays are allocated (one per iteration would pile up). */
    int reversedLoops;
    /** Set when an array is allocated although a workspace is used. */
    boolean allocatedArrays;
    /** Set when the code written takes an array from the workspace (by {@link #inWorkspace}). */
    private boolean workspaceUsed;

    final Map<Node.Loop, String> tripNames = new HashMap<>();
    /** The variable a for loop declares in its header, which the reversed loop must declare again. */
    final Map<Node.Loop, Value> headerDeclared = new HashMap<>();
    /** The loops being printed, innermost last. */
    final List<Node.Loop> printing = new ArrayList<>();
    /** Adjoints declared per Java block, innermost first; and adjoints cleared but not yet written. */
    final Deque<Set<Value>> adjointScopes = new ArrayDeque<>();
    final Deque<Set<Value>> pendingResets = new ArrayDeque<>();
    /** A value that shares its variable's adjoint (see {@link Names#share}). */
    final Map<Value, Value> sharedAdjoint = new HashMap<>();

    private final ForwardEmitter forward;
    private final BackwardEmitter backward;

    StructuredWriter(Function f, Adjoint adjoint, Names names, Catalog catalog) {
        this.f = f;
        this.adjoint = adjoint;
        this.flow = adjoint.flow();
        this.names = names;
        this.catalog = catalog;
        this.schedule = new Schedule(f, flow);
        this.printer = new InstructionPrinter(schedule);
        this.tapeName = schedule.tapes() ? names.fresh("tape") : null;
        this.forward = new ForwardEmitter(this);
        this.backward = new BackwardEmitter(this, forward);
        forward.backward = backward;
        for (List<Node> list = f.body(); mergedBranches(list); ) {
            Node.If last = (Node.If) list.get(list.size() - 1);
            mergedIfs.add(last);
            markMerged(last.otherwise());
            list = last.then();
        }
        Schedule.Plan top = schedule.topPlan();
        this.top = new Ctx(null, null);
        coalesce(this.top, f.body(), null, top.levelNeeds());
        // a variable initialized by a value used nowhere else takes that value's name and adjoint
        this.top.merged.forEach((value, variable) -> {
            if (value.id() < variable.id() && entryWritten(value, variable) && !schedule.isReadByAdjoints(value)
                    && !readByBackwardBlocks().contains(value)) {
                List<Value> aliases = new ArrayList<>();
                if (schedule.entryOf(variable) != null) {
                    aliases.add(schedule.entryOf(variable));
                }
                names.share(variable, value, aliases);
                sharedAdjoint.put(value, variable);
            }
        });
    }

    private final Ctx top;
    /** Ifs whose branches each hold their own backward pass (see {@link #mergedBranches}). */
    private final Set<Node.If> mergedIfs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private void markMerged(List<Node> list) {
        if (mergedBranches(list)) {
            Node.If last = (Node.If) list.get(list.size() - 1);
            mergedIfs.add(last);
            markMerged(last.then());
            markMerged(last.otherwise());
        }
    }

    /**
     * Values that some backward block reads where they were computed (conditions it replays, values its
     * adjoint statements read): a variable that takes such a value's name would hold another value by then.
     */
    private Set<Value> readByBackwardBlocks() {
        Set<Value> read = new HashSet<>(schedule.topPlan().levelNeeds());
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.If branch && mergedIfs.contains(branch)) {
                read.addAll(schedule.directNeeds(branch.then())); // read where they are, nothing recomputed
                read.addAll(schedule.directNeeds(branch.otherwise()));
            } else if (n instanceof Node.If branch) {
                addNeeds(branch.then(), read);
                addNeeds(branch.otherwise(), read);
            } else if (n instanceof Node.Loop loop) {
                addNeeds(loop.body(), read);
            }
        });
        return read;
    }

    /** What the backward block of {@code nodes} reads, and the blocks it splits into after a jump. */
    private void addNeeds(List<Node> nodes, Set<Value> read) {
        Schedule.Plan plan = schedule.plan(nodes);
        read.addAll(plan.levelNeeds());
        if (plan.rest() != null) {
            addNeeds(plan.rest(), read);
        }
    }

    /** True when {@code value} is the value {@code variable} starts with: written to it before its branch or loop. */
    private boolean entryWritten(Value value, Value variable) {
        List<Node> list = schedule.definingList(value);
        if (list == null) {
            return false;
        }
        for (Node n : list) {
            if (n instanceof Node.Write w && w.variable().equals(variable) && w.value().equals(value)) {
                return true;
            }
            if (n instanceof Node.Loop loop) {
                for (Node i : loop.init()) {
                    if (i instanceof Node.Write w && w.variable().equals(variable) && w.value().equals(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * How the zero-allocation form allocates: nothing, or one tape per call. {@code calls} says what became of the
     * calls: written inline, or why some stay calls.
     */
    String allocation(String calls) {
        // calls that return arrays are described with their pullbacks (CompanionWriter.pullbackNote)
        String allocates = adjoint.activeCalls().isEmpty() ? "allocates nothing,\n" : "";
        return allocates + "for calls in a loop with a reused array.\n" + calls + tapeDescription();
    }

    /** What the method's Javadoc says about the tape, and about the loops whose derivatives the forward pass takes. */
    String tapeDescription() {
        return tapeOnlyDescription() + sumDescription();
    }

    /**
     * What the Javadoc says about the summing loops among the method's statements (see {@link Schedule#summedBy}): their
     * iterations take their derivatives in the forward pass, and the backward pass does not run them again.
     */
    private String sumDescription() {
        StringBuilder text = new StringBuilder();
        for (Node node : f.body()) {
            if (!(node instanceof Node.Loop loop) || !schedule.hasBackward(loop) || schedule.summedBy(loop) == null) {
                continue;
            }
            String sum = "{@code " + names.of(schedule.summedBy(loop)) + "}";
            boolean[] nested = {false};
            Node.forEach(loop.body(), n -> nested[0] |= n instanceof Node.Loop);
            String again = nested[0] ? "the loop again, nor the loops nested in it" : "the loop again";
            if (schedule.sumsDirectly(loop)) {
                text.append("<p>The loop").append(over(loop)).append(" only adds terms to ").append(sum).append(", which is the result: each\n")
                        .append("iteration adds the derivatives of its terms to the gradient right after computing them, in the\n")
                        .append("forward pass, and the backward pass does not run ").append(again).append(".\n");
            } else {
                text.append("<p>The loop").append(over(loop)).append(" only adds terms to ").append(sum).append(": each iteration adds the\n")
                        .append("derivatives of its terms, per unit of the adjoint of ").append(sum).append(", to partial derivatives right\n")
                        .append("after computing them, in the forward pass; the backward pass multiplies them by that adjoint instead\n")
                        .append("of running ").append(again).append(".\n");
            }
        }
        return text.toString();
    }

    /** True when the method's only loops and branches with a backward pass are summing loops among its statements. */
    private boolean onlySums() {
        Set<Node> top = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        top.addAll(f.body());
        boolean[] only = {true};
        Node.forEach(f.body(), n -> only[0] &= !(n instanceof Node.If branch && schedule.hasBackward(branch))
                && !(n instanceof Node.Loop loop && schedule.hasBackward(loop)
                        && !(top.contains(loop) && schedule.summedBy(loop) != null) && schedule.summingNest(loop) == null));
        return only[0] && !sumDescription().isEmpty();
    }

    private String tapeOnlyDescription() {
        List<String> lines = new ArrayList<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Loop loop && !schedule.taped(loop).isEmpty()) {
                List<String> vars = schedule.taped(loop).stream()
                        .map(v -> "{@code " + names.of(v) + "} (" + v.type().keyword() + ")").toList();
                lines.add(String.join(", ", vars));
            }
        });
        List<String> reads = new ArrayList<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Loop loop) {
                schedule.tapedLoads(loop).forEach(load -> reads.add("{@code " + names.of(load.out()) + "}"));
            }
        });
        String elements = reads.isEmpty() ? "" : "<p>Tapes, as each iteration reads them, the array elements that a later write\n"
                + "changes: " + String.join(", ", reads) + ".\n";
        if (!schedule.savedArrays().isEmpty()) {
            List<String> arrays = schedule.savedArrays().stream().map(a -> "{@code " + names.of(a) + "}").toList();
            elements += "<p>Saves on the tape, before each write to " + String.join(", ", arrays) + ", the element it overwrites,\n"
                    + "and restores it where the backward pass reverses the write: a loop iteration or branch that the backward\n"
                    + "pass runs again reads the elements it read the first time.\n";
        }
        elements += keptDescription();
        if (lines.isEmpty() && !elements.isEmpty() && !schedule.tapes()) {
            return "<p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from\n"
                    + "values that are never overwritten, and sums need nothing.\n" + elements;
        }
        if (lines.isEmpty() && !elements.isEmpty()) {
            return elements + "Everything else is recomputed, not taped. The tape is the thread's, opened with {@link "
                    + TAPE.canonicalName() + "#open()}\nand left as it was found on every exit.\n";
        }
        if (lines.isEmpty() && onlySums()) {
            return ""; // said by sumDescription
        }
        if (lines.isEmpty()) {
            return "<p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from\n"
                    + "values that are never overwritten, and sums need nothing.\n";
        }
        return "<p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward\n"
                + "pass needs: " + String.join("; ", lines) + ". Everything else is recomputed, not taped. The tape is the\n"
                + "thread's, opened with {@link " + TAPE.canonicalName() + "#open()} and left as it was found on every exit.\n" + elements;
    }

    /**
     * What the Javadoc says about the values a top-level loop's iteration keeps on the tape rather than computing
     * them again (expensive {@code Math} results, what an inner loop leaves), and about inner loops that run forward
     * once.
     */
    private String keptDescription() {
        List<String> kept = new ArrayList<>();
        boolean[] once = {false};
        for (Node node : f.body()) {
            if (!(node instanceof Node.Loop loop)) {
                continue;
            }
            for (Node n : loop.body()) {
                once[0] |= n instanceof Node.Loop inner && schedule.isKept(inner) && schedule.hasBackward(inner);
            }
            for (Schedule.Push push : schedule.pushes(loop)) {
                if (push.source() instanceof Instruction.MathCall call) {
                    kept.add("{@code " + names.of(call.out()) + "} (the result of {@code " + call.function().javaName() + "})");
                } else if (push.source() instanceof Node.Loop inner) {
                    kept.add(push.value() == null ? "the trip count of the inner loop" + over(inner)
                            : "{@code " + names.of(push.value()) + "} as the inner loop" + over(inner) + " leaves it");
                }
            }
        }
        String text = kept.isEmpty() ? "" : "<p>Keeps on the tape, in each iteration of a loop, what the backward pass would otherwise compute\n"
                + "again at more than the cost of a push and a pop: " + String.join("; ", kept) + ".\n";
        if (once[0]) {
            text += "<p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what\n"
                    + "the iteration kept, or counts them down from their unchanged bound.\n";
        }
        return text;
    }

    private String over(Node.Loop loop) {
        Schedule.Count count = schedule.count(loop);
        Value counter = loop.counter() != null ? loop.counter().variable() : count != null ? count.variable() : null;
        return counter == null ? "" : " over {@code " + names.of(counter) + "}";
    }

    /**
     * Opens the thread's tape around {@code body}, the method's code from the forward pass to its return, when the
     * method tapes: {@code try (Tape tape = Tape.open()) { ... }} puts the tape back as it found it on every exit,
     * normal or by an exception, and forgets the arrays pushed.
     */
    /**
     * In the buffer form: the arrays the method creates outside loops ({@code new double[n]}, adjoints that receive
     * element by element) are taken from the thread's workspace {@code ws}.
     */
    void useWorkspace(String ws) {
        workspaceName = ws;
    }

    /** True when an array created here comes from the workspace: in the buffer form, outside every loop. */
    boolean inWorkspace() {
        boolean in = workspaceName != null && printing.isEmpty() && reversedLoops == 0;
        workspaceUsed |= in;
        return in;
    }

    /** True when the code written takes an array from the workspace. */
    boolean usesWorkspace() {
        return workspaceUsed;
    }

    /** A zero array of {@code v}'s shape for its adjoint: the caller's buffer, the workspace's, or a new one. */
    CodeBlock zeros(Value v) {
        if (!names.hasBuffer(v) && !adjoint.wrt().contains(v) && v.type().isReal() && inWorkspace()) {
            return CodeBlock.of("$N.like($N)", workspaceName, names.of(v));
        }
        allocatedArrays |= workspaceName != null && !names.hasBuffer(v);
        return CompanionWriter.zeros(v, names);
    }

    /** A new zero array of {@code v}'s shape, never a caller's buffer: the workspace's in the buffer form. */
    CodeBlock freshZeros(Value v) {
        if (v.type().isReal() && inWorkspace()) {
            return CodeBlock.of("$N.like($N)", workspaceName, names.of(v));
        }
        allocatedArrays |= workspaceName != null;
        return v.type() == io.github.sourcegrad.processor.ir.Type.VECTOR ? CodeBlock.of("new double[$N.length]", names.of(v))
                : CodeBlock.of("$T.zerosLike($N)", ExprPrinter.ARRAY_MATH, names.of(v));
    }

    CodeBlock withTape(CodeBlock body) {
        if (tapeName == null) {
            return CompanionWriter.withWorkspace(workspaceUsed ? workspaceName : null, body);
        }
        if (workspaceUsed) {
            return CodeBlock.builder()
                    .beginControlFlow("try ($T $N = $T.open(); $T $N = $T.open())", TAPE, tapeName, TAPE,
                            CompanionWriter.WORKSPACE, workspaceName, CompanionWriter.WORKSPACE)
                    .add(body)
                    .endControlFlow()
                    .build();
        }
        return CodeBlock.builder()
                .beginControlFlow("try ($T $N = $T.open())", TAPE, tapeName, TAPE)
                .add(body)
                .endControlFlow()
                .build();
    }

    /** The name under which the method's value is available after the backward pass. */
    String resultName() {
        return resultName;
    }

    CodeBlock write() {
        CodeBlock.Builder code = CodeBlock.builder();
        Ctx ctx = top;
        Operand result = f.result();
        if (mergedBranches(f.body())) {
            adjointScopes.push(new HashSet<>());
            pendingResets.push(new HashSet<>());
            forwardAndBackward(code, f.body(), ctx);
            resultName = printer.operand(result, ctx).toString();
            return backward.finish(code);
        }
        forward.emitNodes(code, f.body(), ctx, true, null, null);
        if (result instanceof Value v && schedule.isCarried(v)) {
            // the reversed loops restore their variables, so keep the value now
            resultName = names.fresh(f.name());
            code.addStatement("$L $N = $N", v.type().keyword(), resultName, ctx.name(v));
        } else if (result instanceof Value v && v.type().isArray() && !schedule.savedArrays().isEmpty()) {
            // the backward pass puts overwritten elements back, perhaps into this array (or a row of it): keep a copy
            resultName = names.fresh(f.name());
            code.addStatement("$L $N = $T.copy($N)", v.type().keyword(), resultName, ExprPrinter.ARRAY_MATH, ctx.name(v));
        } else {
            resultName = printer.operand(result, ctx).toString();
        }
        code.add("\n");
        adjointScopes.push(new HashSet<>(backward.forwardDeclared()));
        pendingResets.push(new HashSet<>());
        if (result instanceof Value v && flow.active().contains(flow.canonical(v)) && !schedule.returnsDirectSum()) {
            backward.seed(code, v, ctx);
        } else if (result instanceof Value v && v.type().isArray()) {
            // no differentiated parameter reaches the result: the upstream adjoint is unused, but checked as documented
            String name = backward.adjointName(v);
            code.addStatement("$T.requireSameShape($S, $N, $S, $L)", ExprPrinter.ARRAY_MATH, name, name,
                    "the result of " + f.name(), printer.operand(v, ctx));
        }
        backward.adjointNodes(code, f.body(), ctx);
        return backward.finish(code);
    }

    /**
     * True when {@code nodes} ends with an if that writes the method's result and has a loop to reverse in a
     * branch (typically after an early return): each branch then holds its own backward pass after its forward
     * one, where the branch's values still are, instead of running its loops again when the branch is
     * reversed.
     */
    private boolean mergedBranches(List<Node> nodes) {
        if (!schedule.savedArrays().isEmpty()) {
            return false; // every path's writes are restored in one backward pass, in reverse order
        }
        if (nodes.isEmpty() || !(nodes.get(nodes.size() - 1) instanceof Node.If branch) || !schedule.hasBackward(branch)
                || !(f.result() instanceof Value r) || !branch.variables().contains(r) || schedule.isResettable(r)) {
            return false;
        }
        boolean[] loops = {false};
        Node.forEach(List.of(branch), n -> loops[0] |= n instanceof Node.Loop loop && schedule.hasBackward(loop));
        return loops[0];
    }

    /** The forward pass of {@code nodes}, then its backward pass; a last if that writes the result takes both in each branch. */
    private void forwardAndBackward(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        Value result = (Value) f.result();
        if (!mergedBranches(nodes)) {
            forward.emitNodes(code, nodes, ctx, true, null, null);
            if (!schedule.hasBackward(nodes)) {
                return; // this path's result does not depend on a differentiated parameter
            }
            code.add("\n");
            backward.seed(code, result, ctx);
            backward.adjointNodes(code, nodes, ctx);
            return;
        }
        List<Node> prefix = nodes.subList(0, nodes.size() - 1);
        Node.If branch = (Node.If) nodes.get(nodes.size() - 1);
        forward.emitNodes(code, prefix, ctx, true, null, null);
        backward.predeclare(code, branch);
        forward.declareVariables(code, branch.variables(), ctx);
        code.beginControlFlow("if ($L)", printer.operand(branch.condition(), ctx));
        mergedBranch(code, branch.then(), ctx);
        code.nextControlFlow("else");
        mergedBranch(code, branch.otherwise(), ctx);
        code.endControlFlow();
        backward.adjointNodes(code, prefix, ctx);
    }

    private void mergedBranch(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        forwardAndBackward(code, nodes, ctx);
        backward.flushResets(code);
        pendingResets.pop();
        adjointScopes.pop();
    }

    // ---- naming: which values share one Java variable ---------------------------------------------------

    /**
     * One Java scope being written: the forward pass, or the recomputation in a backward block. Values that
     * the scope writes into a branch's or loop's variable share that variable's name when nothing reads the
     * variable in between ({@code double h = h0;} then {@code h = Math.tanh(...)} in the loop).
     */
    final class Ctx implements InstructionPrinter.Scope {
        final Ctx parent;
        final Set<Value> region;
        final Map<Value, Value> merged = new HashMap<>();
        final Set<Value> declared = new HashSet<>();

        Ctx(Ctx parent, Set<Value> region) {
            this.parent = parent;
            this.region = region;
        }

        /** A scope nested in this one that owns the values of {@code region} (a loop body, a branch's block). */
        Ctx nested(Set<Value> region) {
            return new Ctx(this, region);
        }

        boolean owns(Value v) {
            return region == null || region.contains(v);
        }

        Value rep(Value v) {
            Value u = schedule.variableOf(v);
            u = sharedAdjoint.getOrDefault(u, u); // shares its variable's name in every scope
            if (!owns(u) && parent != null) {
                return parent.rep(u);
            }
            while (merged.containsKey(u)) {
                u = merged.get(u);
            }
            return u;
        }

        String name(Value v) {
            return names.of(rep(v));
        }

        @Override
        public String apply(Value v) {
            return name(v);
        }

        boolean isDeclared(Value rep) {
            return owns(rep) ? declared.contains(rep) : parent.isDeclared(rep);
        }
    }

    /** Decides, for one scope, which values take over a variable's name (see {@link Ctx}). */
    void coalesce(Ctx ctx, List<Node> nodes, Set<Node> only, Set<Value> levelNeeds) {
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (only != null && !only.contains(node)) {
                continue;
            }
            if (node instanceof Node.Write w && ctx.owns(w.variable()) && w.value() instanceof Value v) {
                tryMerge(ctx, nodes, i, w.variable(), v, levelNeeds);
            } else if (node instanceof Node.If branch) {
                boolean merged = ctx == top && mergedIfs.contains(branch);
                coalesce(ctx, branch.then(), null, merged ? schedule.directNeeds(branch.then()) : Set.of());
                coalesce(ctx, branch.otherwise(), null, merged ? schedule.directNeeds(branch.otherwise()) : Set.of());
            } else if (node instanceof Node.Loop loop) {
                for (Node init : loop.init()) {
                    // a loop's first write, of a value computed just before the loop
                    if (init instanceof Node.Write w && ctx.owns(w.variable()) && w.value() instanceof Value v
                            && schedule.definingList(v) == nodes) {
                        tryMerge(ctx, nodes, i, w.variable(), v, levelNeeds);
                    }
                }
                coalesce(ctx, loop.init(), null, levelNeeds);
                // a summing loop's backward statements read its body's values where they are
                coalesce(ctx, loop.body(), null, schedule.summedBy(loop) != null || schedule.summingNest(loop) != null
                        ? schedule.plan(loop.body()).levelNeeds() : Set.of());
            }
        }
    }

    private void tryMerge(Ctx ctx, List<Node> nodes, int writeIndex, Value variable, Value value, Set<Value> levelNeeds) {
        Instruction def = schedule.definition(value);
        int defIndex = schedule.definitionIndex(nodes, value);
        boolean branchVariable = def == null && defIndex >= 0 && !schedule.isResettable(value);
        if ((def == null && !branchVariable) || def instanceof Instruction.Call || defIndex < 0
                || value.type() != variable.type() || schedule.isInlined(value) || levelNeeds.contains(value)
                || ctx.merged.containsKey(value) || !ctx.owns(value)) {
            return;
        }
        Set<Value> members = new HashSet<>();
        members.add(variable);
        if ((schedule.entryOf(variable) != null)) {
            members.add(schedule.entryOf(variable));
        }
        ctx.merged.forEach((from, to) -> {
            if (ctx.rep(to).equals(ctx.rep(variable))) {
                members.add(from);
            }
        });
        // between the value's definition and the write nothing may use the variable; after it, nothing the value
        for (int i = defIndex + 1; i < nodes.size(); i++) {
            if (i == writeIndex) {
                continue;
            }
            Node node = nodes.get(i);
            Set<Value> reads = Schedule.readsIn(List.of(node));
            boolean clash = i < writeIndex
                    ? reads.stream().anyMatch(members::contains) || writesOther(node, variable, value)
                    : reads.contains(value);
            if (clash) {
                return;
            }
        }
        ctx.merged.put(value, variable);
    }

    /** True when {@code node} writes {@code variable} with something other than {@code value}. */
    private static boolean writesOther(Node node, Value variable, Value value) {
        boolean[] found = {false};
        Node.forEach(List.of(node), n -> found[0] |= n instanceof Node.Write w && w.variable().equals(variable)
                && !w.value().equals(value));
        return found[0];
    }
}
