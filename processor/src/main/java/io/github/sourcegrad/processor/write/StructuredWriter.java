package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ad.Flow;
import io.github.sourcegrad.processor.ad.Planner;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * not taped, so a loop that only accumulates ({@code s += ...}) tapes nothing. An array whose old elements the
 * backward pass needs saves each element before a write overwrites it ({@code tape.save(h, i)}); reversing the
 * write restores it ({@code tape.restore()}), and reversing a loop iteration or branch first puts back all it
 * wrote ({@code tape.undoWrites()}, back to its {@code tape.beginWrites()}) before running it forward again.
 */
final class StructuredWriter {
    private static final ClassName TAPE = ClassName.get("io.github.sourcegrad", "Tape");


    private final Function f;
    private final Adjoint adjoint;
    private final Flow flow;
    private final Names names;
    private final Catalog catalog;
    private final Schedule schedule;
    private final InstructionPrinter printer;
    /** True while the backward pass is written: forward statements printed then only recompute values. */
    private boolean recomputing;

    private final Map<Node.Loop, String> tripNames = new HashMap<>();
    private final Map<Node.Loop, String> generatedLabels = new HashMap<>();
    private final Map<Node.Loop, Map<Value, String>> sumPartials = new HashMap<>();
    /** While a summing loop's iteration is reversed inside it: where outside adjoints go instead. */
    private final Deque<Map<Value, String>> summing = new ArrayDeque<>();
    /** The partial sums of the summing loop being reversed inside it: their adjoint is 1. */
    private Set<Value> chain = Set.of();
    /** The variable a for loop declares in its header, which the reversed loop must declare again. */
    private final Map<Node.Loop, Value> headerDeclared = new HashMap<>();
    private final String tapeName;
    private String resultName;

    /** The loops being printed, innermost last. */
    private final List<Node.Loop> printing = new ArrayList<>();
    /** Adjoints declared per Java block, innermost first; and adjoints cleared but not yet written. */
    private final Deque<Set<Value>> adjointScopes = new ArrayDeque<>();
    private final Deque<Set<Value>> pendingResets = new ArrayDeque<>();

    StructuredWriter(Function f, Adjoint adjoint, Names names, Catalog catalog) {
        this.f = f;
        this.adjoint = adjoint;
        this.flow = adjoint.flow();
        this.names = names;
        this.catalog = catalog;
        this.schedule = new Schedule(f, flow);
        this.printer = new InstructionPrinter(schedule);
        this.tapeName = schedule.tapes() ? names.fresh("tape") : null;
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
    /** A value that shares its variable's adjoint (see {@link Names#share}). */
    private final Map<Value, Value> sharedAdjoint = new HashMap<>();

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

    /** How the zero-allocation form allocates: nothing, or one tape per call. */
    String allocation() {
        // calls that return arrays are described with their pullbacks (CompanionWriter.pullbackNote)
        String calls = adjoint.activeCalls().keySet().stream().allMatch(c -> c.out().type().isArray()) ? ""
                : "The methods it calls return their local gradients as small records.\n";
        String allocates = adjoint.activeCalls().isEmpty() ? "allocates nothing,\n" : "";
        if (tapeName == null) {
            return allocates + "for calls in a loop with a reused array.\n" + calls + tapeDescription();
        }
        return allocates + "for calls in a loop with a reused array.\n" + calls + tapeDescription();
    }

    /** What the method's Javadoc says about the tape. */
    String tapeDescription() {
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
        if (lines.isEmpty() && !elements.isEmpty()) {
            return elements + "Everything else is recomputed, not taped. The tape is the thread's, opened with {@link "
                    + TAPE.canonicalName() + "#open()}\nand left as it was found on every exit.\n";
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
     * Opens the thread's tape around {@code body}, the method's code from the forward pass to its return, when the
     * method tapes: {@code try (Tape tape = Tape.open()) { ... }} puts the tape back as it found it on every exit,
     * normal or by an exception, and forgets the arrays pushed.
     */
    CodeBlock withTape(CodeBlock body) {
        if (tapeName == null) {
            return body;
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
            return finish(code);
        }
        emitNodes(code, f.body(), ctx, true, null, null);
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
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        if (result instanceof Value v && flow.active().contains(flow.canonical(v))) {
            seed(code, v, ctx);
        } else if (result instanceof Value v && v.type().isArray()) {
            // no differentiated parameter reaches the result: the upstream adjoint is unused, but checked as documented
            String name = adjointName(v);
            code.addStatement("$T.requireSameShape($S, $N, $S, $L)", ExprPrinter.ARRAY_MATH, name, name,
                    "the result of " + f.name(), printer.operand(v, ctx));
        }
        adjointNodes(code, f.body(), ctx);
        return finish(code);
    }

    /**
     * The result's adjoint before the backward pass: 1 for a double; for an array result, the caller's upstream
     * adjoint (the pullback's parameter of the same name), checked for shape and replaced by a copy, because the
     * backward pass clears the elements it has passed on.
     */
    private void seed(CodeBlock.Builder code, Value result, Ctx ctx) {
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

    private CodeBlock finish(CodeBlock.Builder code) {
        flushResets(code);
        for (Value p : adjoint.wrt()) {
            if (!isDeclared(p)) {
                code.add("$L $N = $L; // $L does not reach the result\n", p.type().keyword(), names.adjoint(p),
                        p.type().isArray() ? CompanionWriter.zeros(p, names) : "0.0", p.hint());
            }
        }
        return code.build();
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
            emitNodes(code, nodes, ctx, true, null, null);
            if (!schedule.hasBackward(nodes)) {
                return; // this path's result does not depend on a differentiated parameter
            }
            code.add("\n");
            seed(code, result, ctx);
            adjointNodes(code, nodes, ctx);
            return;
        }
        List<Node> prefix = nodes.subList(0, nodes.size() - 1);
        Node.If branch = (Node.If) nodes.get(nodes.size() - 1);
        emitNodes(code, prefix, ctx, true, null, null);
        predeclare(code, branch);
        declareVariables(code, branch.variables(), ctx);
        code.beginControlFlow("if ($L)", printer.operand(branch.condition(), ctx));
        mergedBranch(code, branch.then(), ctx);
        code.nextControlFlow("else");
        mergedBranch(code, branch.otherwise(), ctx);
        code.endControlFlow();
        adjointNodes(code, prefix, ctx);
    }

    private void mergedBranch(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        forwardAndBackward(code, nodes, ctx);
        flushResets(code);
        pendingResets.pop();
        adjointScopes.pop();
    }

    // ---- structure -------------------------------------------------------------------------------------

    // ---- what each backward block recomputes ---------------------------------------------------------

    // ---- naming: which values share one Java variable ---------------------------------------------------

    /**
     * One Java scope being written: the forward pass, or the recomputation in a backward block. Values that
     * the scope writes into a branch's or loop's variable share that variable's name when nothing reads the
     * variable in between ({@code double h = h0;} then {@code h = Math.tanh(...)} in the loop).
     */
    private final class Ctx implements InstructionPrinter.Scope {
        final Ctx parent;
        final Set<Value> region;
        final Map<Value, Value> merged = new HashMap<>();
        final Set<Value> declared = new HashSet<>();

        Ctx(Ctx parent, Set<Value> region) {
            this.parent = parent;
            this.region = region;
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
    private void coalesce(Ctx ctx, List<Node> nodes, Set<Node> only, Set<Value> levelNeeds) {
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
                coalesce(ctx, loop.body(), null, schedule.summedBy(loop) != null
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

    // ---- forward code ----------------------------------------------------------------------------------

    /** How jumps out of a recomputed statement are recorded: set {@code flag}, leave the loops inside it. */
    private record FlagState(String flag, int depth) {}

    private void emitNodes(CodeBlock.Builder code, List<Node> nodes, Ctx ctx, boolean level, Set<Node> only, FlagState flag) {
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (only != null && !only.contains(node)) {
                continue;
            }
            emitNode(code, node, ctx, level, flag);
            if (flag != null && i < nodes.size() - 1 && leavesPrinting(node)) {
                code.beginControlFlow("if (!$N)", flag.flag());
                emitNodes(code, nodes.subList(i + 1, nodes.size()), ctx, level, only, flag);
                code.endControlFlow();
                return;
            }
        }
    }

    private boolean leavesPrinting(Node node) {
        for (int target : schedule.exits(node)) {
            if (printing.stream().noneMatch(l -> l.id() == target)) {
                return true;
            }
        }
        return false;
    }

    private void emitNode(CodeBlock.Builder code, Node node, Ctx ctx, boolean level, FlagState flag) {
        if (node instanceof Instruction i) {
            emitInstruction(code, i, ctx);
        } else if (node instanceof Node.Write w) {
            emitWrite(code, w, ctx);
        } else if (node instanceof Node.If branch) {
            if (emitConditional(code, branch, ctx)) {
                return;
            }
            declareVariables(code, branch.variables(), ctx);
            if (level && schedule.savesWrites(branch)) {
                code.addStatement("$N.beginWrites()", tapeName); // its reversal puts the arrays back as they are now
            }
            CodeBlock condition = printer.operand(branch.condition(), ctx);
            boolean thenEmpty = printsNothing(branch.then(), ctx, flag);
            boolean elseEmpty = printsNothing(branch.otherwise(), ctx, flag);
            if (thenEmpty && elseEmpty) {
                return;
            }
            if (thenEmpty) {
                code.beginControlFlow("if (!$L)", printer.parenthesize(branch.condition(), ctx));
                emitNodes(code, branch.otherwise(), ctx, false, null, flag);
            } else {
                code.beginControlFlow("if ($L)", condition);
                emitNodes(code, branch.then(), ctx, false, null, flag);
                Node.If chained = elseIf(branch.otherwise(), ctx, flag);
                while (chained != null && !printsNothing(chained.then(), ctx, flag)) {
                    code.nextControlFlow("else if ($L)", printer.operand(chained.condition(), ctx));
                    emitNodes(code, chained.then(), ctx, false, null, flag);
                    branch = chained;
                    chained = elseIf(branch.otherwise(), ctx, flag);
                }
                if (!printsNothing(branch.otherwise(), ctx, flag)) {
                    code.nextControlFlow("else");
                    emitNodes(code, branch.otherwise(), ctx, false, null, flag);
                }
            }
            code.endControlFlow();
        } else if (node instanceof Node.Loop loop) {
            emitLoop(code, loop, ctx, level, flag);
        } else if (node instanceof Node.Jump jump) {
            emitJump(code, jump, flag);
        } else if (node instanceof Node.Throw thrown) {
            // printed again where the backward pass recomputes its branch, though it cannot happen there: javac then
            // sees the branch's variables assigned on every path that continues
            code.addStatement("throw new $T($L)", ExprPrinter.className(thrown.exception()), message(thrown, ctx));
        }
    }

    /** The message as the user wrote it: its pieces joined by +, in Java's string conversion. */
    private CodeBlock message(Node.Throw thrown, Ctx ctx) {
        List<Node.Throw.Piece> pieces = thrown.message();
        List<CodeBlock> parts = new ArrayList<>();
        if (!pieces.isEmpty() && pieces.get(0).text() == null && (pieces.size() == 1 || pieces.get(1).text() == null)) {
            parts.add(CodeBlock.of("$S", "")); // two numbers first would add, not join
        }
        for (Node.Throw.Piece piece : pieces) {
            parts.add(piece.text() != null ? CodeBlock.of("$S", piece.text())
                    : printer.wrap(piece.value(), InstructionPrinter.ADDITIVE + 1, ctx));
        }
        return CodeBlock.join(parts, " + ");
    }

    /** {@code double t = c ? a : b;} for a conditional expression whose sides need no statements. */
    private boolean emitConditional(CodeBlock.Builder code, Node.If branch, Ctx ctx) {
        if (branch.variables().size() != 1 || branch.then().size() != 1 || branch.otherwise().size() != 1
                || !(branch.then().get(0) instanceof Node.Write a) || !(branch.otherwise().get(0) instanceof Node.Write b)) {
            return false;
        }
        Value v = branch.variables().get(0);
        Value rep = ctx.rep(v);
        if (!a.variable().equals(v) || !b.variable().equals(v) || !ctx.owns(v) || ctx.isDeclared(rep)) {
            return false;
        }
        ctx.declared.add(rep);
        code.addStatement("$L $N = $L ? $L : $L", v.type().keyword(), names.of(rep), printer.wrapCondition(branch.condition(), ctx),
                printer.wrap(a.value(), InstructionPrinter.EQUALITY, ctx), printer.wrap(b.value(), InstructionPrinter.EQUALITY, ctx));
        return true;
    }


    /** The one if an else block holds, with nothing else to print, so that it reads {@code else if}. */
    private Node.If elseIf(List<Node> nodes, Ctx ctx, FlagState flag) {
        Node.If found = null;
        for (Node n : nodes) {
            if (n instanceof Node.If nested && found == null
                    && nested.variables().stream().allMatch(v -> !ctx.owns(v) || ctx.isDeclared(ctx.rep(v)))) {
                found = nested;
            } else if (!printsNothing(List.of(n), ctx, flag)) {
                return null;
            }
        }
        return found;
    }

    private boolean printsNothing(List<Node> nodes, Ctx ctx, FlagState flag) {
        for (Node n : nodes) {
            if (n instanceof Instruction i && schedule.isInlined(i.out())) {
                continue;
            }
            if (n instanceof Node.Write w && (!ctx.owns(w.variable()) || (w.value() instanceof Value v && ctx.rep(v).equals(ctx.rep(w.variable()))))) {
                continue;
            }
            if (n instanceof Node.Jump jump && flag == null && printing.stream().noneMatch(l -> l.id() == jump.loopId())) {
                continue;
            }
            return false;
        }
        return true;
    }

    private void emitJump(CodeBlock.Builder code, Node.Jump jump, FlagState flag) {
        Node.Loop target = schedule.loop(jump.loopId());
        if (printing.contains(target)) {
            String keyword = jump.kind() == Node.Jump.Kind.BREAK ? "break" : "continue";
            if (printing.get(printing.size() - 1) == target) {
                code.addStatement(keyword);
            } else {
                code.addStatement("$L $L", keyword, label(target));
            }
            return;
        }
        if (flag != null) {
            code.addStatement("$N = true", flag.flag());
            if (printing.size() > flag.depth()) {
                code.addStatement("break $L", label(printing.get(flag.depth())));
            }
        }
    }

    private String label(Node.Loop loop) {
        if (loop.label() != null) {
            return loop.label();
        }
        return generatedLabels.computeIfAbsent(loop, l -> names.fresh("loop"));
    }

    private void declareVariables(CodeBlock.Builder code, List<Value> variables, Ctx ctx) {
        for (Value v : variables) {
            Value rep = ctx.rep(v);
            if (ctx.owns(v) && !ctx.isDeclared(rep)) {
                code.addStatement("$L $N", v.type().keyword(), names.of(rep));
                ctx.declared.add(rep);
            }
        }
    }

    private void emitInstruction(CodeBlock.Builder code, Instruction instruction, Ctx ctx) {
        Value out = instruction.out();
        if (instruction instanceof Instruction.Store store && recomputing && !replays(store, ctx) && !schedule.savesElement(store)) {
            return; // the array keeps what the forward pass wrote; a recomputed iteration only needs its values
        }
        if (instruction instanceof Instruction.Store store) {
            CodeBlock.Builder element = CodeBlock.builder().add("$L", printer.operand(store.array(), ctx));
            store.indices().forEach(i -> element.add("[$L]", printer.operand(i, ctx)));
            if (schedule.savesElement(store)) {
                // the backward pass reads the old element again: save it, to restore it where it reverses this write
                CodeBlock.Builder row = CodeBlock.builder().add("$L", printer.operand(store.array(), ctx));
                List<Operand> indices = store.indices();
                indices.subList(0, indices.size() - 1).forEach(i -> row.add("[$L]", printer.operand(i, ctx)));
                code.addStatement("$N.save($L, $L)", tapeName, row.build(), printer.operand(indices.get(indices.size() - 1), ctx));
            }
            String assign = store.compound() == null ? "=" : store.compound().symbol() + "=";
            code.addStatement("$L $L $L", element.build(), assign, printer.operand(store.value(), ctx));
            return;
        }
        if (schedule.isInlined(out)) {
            return;
        }
        if (instruction instanceof Instruction.NonNull && schedule.uses(out) == 0) {
            code.addStatement("$L", printer.expression(instruction, ctx).code()); // a switch with only a default
            return;
        }
        Value rep = ctx.rep(out);
        boolean declare = !ctx.isDeclared(rep);
        ctx.declared.add(rep);
        String type = out.type().keyword();
        String name = names.of(rep);
        if (instruction instanceof Instruction.Call call) {
            Catalog.Entry callee = catalog.entry(call.callee().key());
            java.util.Set<Integer> read = Planner.readPartials(adjoint, call);
            if (out.type().isArray()) {
                // the value comes from the method itself; the backward pass calls its pullback (pullback below)
                code.addStatement(declare ? "$L $N = $T.$N($L)" : "$L$N = $T.$N($L)", declare ? type : "", name,
                        ExprPrinter.className(call.callee().owner()), call.callee().name(), printer.arguments(call.args(), ctx));
            } else if (read.isEmpty()) {
                code.addStatement(declare ? "$L $N = $T.$N($L).value()" : "$L$N = $T.$N($L).value()", declare ? type : "", name,
                        callee.companion(), callee.method(), printer.arguments(call.args(), ctx));
            } else {
                boolean primary = Planner.coveredByPrimary(callee.plan().function(), read);
                code.addStatement("$T $N = $T.$N($L)", primary ? callee.record() : callee.fullRecord(), names.local(call),
                        callee.companion(), primary ? callee.method() : callee.fullMethod(), printer.arguments(call.args(), ctx));
                code.addStatement(declare ? "$L $N = $N.value()" : "$L$N = $N.value()", declare ? type : "", name, names.local(call));
            }
            return;
        }
        CodeBlock expr = printer.expression(instruction, ctx).code();
        if (declare) {
            code.addStatement("$L $N = $L", type, name, expr);
        } else {
            code.addStatement("$N = $L", name, expr);
        }
        if (!recomputing && schedule.isTapedLoad(instruction)) {
            code.addStatement("$N.push($N)", tapeName, name); // a later write changes the element
        }
    }

    /**
     * A store is written again when its array was created again by this recomputation (an array that a loop body
     * creates anew in each iteration): the recomputed reads that follow need what it held then.
     */
    private boolean replays(Instruction.Store store, Ctx ctx) {
        Value array = (Value) store.array();
        return schedule.isIterationLocal(array) && ctx.isDeclared(ctx.rep(array));
    }

    private void emitWrite(CodeBlock.Builder code, Node.Write w, Ctx ctx) {
        if (!ctx.owns(w.variable())) {
            return; // the variable belongs to code outside this recomputation, which keeps its value
        }
        Value rep = ctx.rep(w.variable());
        if (w.value() instanceof Value v && ctx.rep(v).equals(rep)) {
            return;
        }
        if (!ctx.isDeclared(rep)) {
            code.addStatement("$L $N = $L", w.variable().type().keyword(), names.of(rep), printer.operand(w.value(), ctx));
            ctx.declared.add(rep);
        } else {
            code.addStatement("$N = $L", names.of(rep), printer.operand(w.value(), ctx));
        }
    }

    private void emitLoop(CodeBlock.Builder code, Node.Loop loop, Ctx ctx, boolean level, FlagState flag) {
        Value sum = level && schedule.hasBackward(loop) ? schedule.summedBy(loop) : null;
        boolean tape = level && schedule.hasBackward(loop) && sum == null;
        List<Node> counterInit = counterInit(loop, ctx);
        List<Node> otherInit = new ArrayList<>(loop.init());
        otherInit.removeAll(counterInit);
        emitNodes(code, otherInit, ctx, level, null, null);
        CodeBlock header = counterInit.isEmpty() ? null : headerInit(loop, counterInit, ctx);
        declareVariables(code, loop.carried().stream().map(Node.Loop.Carried::variable).toList(), ctx);
        String trips = null;
        if (tape) {
            trips = tripNames.computeIfAbsent(loop, l -> names.fresh("trips"));
            // an int counter that starts at 0 or more and only counts up runs at most 2^31 - 1 times; any other
            // loop (a long counter, a while over a small time step) may run more often than an int can count
            code.addStatement("$L $N = 0", loop.counter() != null ? "int" : "long", trips);
        }
        Map<Value, String> partials = sum == null ? Map.of() : sumPartials(loop, sum);
        partials.values().forEach(name -> code.addStatement("double $N = 0", name));
        String label = loop.label() != null || generatedLabels.containsKey(loop) || (flag != null && printing.size() == flag.depth())
                ? label(loop) + ": " : "";
        boolean inlineTest = schedule.headerInlines(loop);
        CodeBlock test = printer.operand(loop.test(), ctx);
        CodeBlock update = update(loop, ctx);
        switch (loop.kind()) {
            case FOR -> {
                if (inlineTest) {
                    code.beginControlFlow("$Lfor ($L; $L; $L)", label, header == null ? "" : header,
                            isTrue(loop.test()) ? "" : test, update);
                } else {
                    code.beginControlFlow("$Lfor ($L;; $L)", label, header == null ? "" : header, update);
                }
            }
            case WHILE -> {
                if (inlineTest) {
                    code.beginControlFlow("$Lwhile ($L)", label, test);
                } else {
                    code.beginControlFlow("$Lfor (;;)", label);
                }
            }
            case DO_WHILE -> code.beginControlFlow("$Ldo", label);
        }
        printing.add(loop);
        if (!inlineTest && loop.kind() != Node.Loop.Kind.DO_WHILE) {
            emitNodes(code, loop.condition(), ctx, false, null, null);
            code.beginControlFlow("if (!$L)", printer.parenthesize(loop.test(), ctx)).addStatement("break").endControlFlow();
        }
        if (tape) {
            code.addStatement("$N++", trips);
            for (Value v : schedule.taped(loop)) {
                code.addStatement("$N.push($N)", tapeName, ctx.name(v));
            }
            if (schedule.savesWrites(loop)) {
                code.addStatement("$N.beginWrites()", tapeName);
            }
        }
        emitNodes(code, loop.body(), ctx, false, null, flag);
        if (sum != null) {
            sumAdjoint(code, loop, sum, ctx, partials);
        }
        printing.remove(printing.size() - 1);
        if (loop.kind() == Node.Loop.Kind.DO_WHILE) {
            code.unindent().add("} while ($L);\n", test);
        } else {
            code.endControlFlow();
        }
    }

    /**
     * The partial derivatives of a summing loop's result with respect to what its terms read, one per value
     * defined outside the loop ({@code ds_da}, the derivative of {@code s} with respect to {@code a}).
     */
    private Map<Value, String> sumPartials(Node.Loop loop, Value sum) {
        return sumPartials.computeIfAbsent(loop, l -> {
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
            Map<Value, String> partials = new LinkedHashMap<>();
            for (Value t : targets) {
                partials.put(t, names.fresh(adjointName(sum) + "_" + adjointName(t)));
            }
            return partials;
        });
    }

    /**
     * In a summing loop, the iteration's backward pass right after its forward one, with the sum's adjoint 1:
     * what it would add to an outside value's adjoint goes to that value's partial instead.
     */
    private void sumAdjoint(CodeBlock.Builder code, Node.Loop loop, Value sum, Ctx ctx, Map<Value, String> partials) {
        code.add("\n");
        adjointScopes.push(new HashSet<>());
        pendingResets.push(new HashSet<>());
        summing.push(partials);
        chain = schedule.sumChain(loop);
        adjointNodes(code, loop.body(), ctx);
        chain = Set.of();
        flushResets(code);
        summing.pop();
        pendingResets.pop();
        adjointScopes.pop();
    }

    private static boolean isTrue(Operand test) {
        return test instanceof Literal l && l.type() == Type.BOOLEAN && l.value() != 0;
    }

    /** The nodes of a for loop's initialization that declare one counter ({@code int i = 0}), to print in its header. */
    private List<Node> counterInit(Node.Loop loop, Ctx ctx) {
        if (loop.kind() != Node.Loop.Kind.FOR || loop.init().isEmpty()) {
            return List.of();
        }
        List<Node> init = loop.init();
        List<Node> counter = List.of();
        if (init.get(0) instanceof Node.Write w && ctx.owns(w.variable()) && !ctx.isDeclared(ctx.rep(w.variable()))) {
            counter = List.of(w);
        } else if (init.size() >= 2 && init.get(0) instanceof Instruction i && !(i instanceof Instruction.Call)
                && init.get(1) instanceof Node.Write w && w.value().equals(i.out()) && ctx.owns(w.variable())
                && ctx.rep(i.out()).equals(ctx.rep(w.variable())) && !ctx.isDeclared(ctx.rep(w.variable()))) {
            counter = List.of(i, w);
        }
        if (!counter.isEmpty() && loop.counter() == null
                && writes(loop.body(), ((Node.Write) counter.get(counter.size() - 1)).variable())) {
            // the body changes it too (a[i++] = ...): the backward pass restores it, so it is declared before the loop
            return List.of();
        }
        return counter;
    }

    /** True when {@code nodes}, nested ones included, write {@code variable}. */
    private static boolean writes(List<Node> nodes, Value variable) {
        for (Node node : nodes) {
            if (node instanceof Node.Write w && w.variable().equals(variable)
                    || node instanceof Node.If branch && (writes(branch.then(), variable) || writes(branch.otherwise(), variable))
                    || node instanceof Node.Loop inner && (writes(inner.init(), variable) || writes(inner.body(), variable)
                            || writes(inner.update(), variable))) {
                return true;
            }
        }
        return false;
    }

    private CodeBlock headerInit(Node.Loop loop, List<Node> counterInit, Ctx ctx) {
        Node.Write w = (Node.Write) counterInit.get(counterInit.size() - 1);
        ctx.declared.add(ctx.rep(w.variable()));
        headerDeclared.put(loop, w.variable());
        CodeBlock value = counterInit.size() == 1 ? printer.operand(w.value(), ctx) : printer.expression((Instruction) counterInit.get(0), ctx).code();
        return CodeBlock.of("$L $N = $L", w.variable().type().keyword(), ctx.name(w.variable()), value);
    }

    private CodeBlock update(Node.Loop loop, Ctx ctx) {
        List<CodeBlock> parts = new ArrayList<>();
        for (Node node : loop.update()) {
            if (node instanceof Node.Write w) {
                String name = ctx.name(w.variable());
                if (w.value() instanceof Value v && schedule.definition(v) instanceof Instruction.Binary b
                        && b.a().equals(w.variable()) && b.b() instanceof Literal one && one.value() == 1
                        && (b.op() == Instruction.BinaryOperator.ADD || b.op() == Instruction.BinaryOperator.SUBTRACT)) {
                    parts.add(CodeBlock.of("$N$L", name, b.op() == Instruction.BinaryOperator.ADD ? "++" : "--"));
                } else {
                    parts.add(CodeBlock.of("$N = $L", name, printer.operand(w.value(), ctx)));
                }
            }
        }
        return CodeBlock.join(parts, ", ");
    }

    // ---- backward code ---------------------------------------------------------------------------------

    private void adjointNodes(CodeBlock.Builder code, List<Node> nodes, Ctx ctx) {
        boolean outer = recomputing;
        recomputing = true;
        try {
            adjointNodesReversed(code, nodes, ctx);
        } finally {
            recomputing = outer;
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
                adjointIf(code, branch, ctx);
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

    private String adjointName(Value v) {
        return names.adjoint(key(v));
    }

    /**
     * An array's adjoint: {@code da[i] += e} for what an element read gives back (the array's adjoint is allocated
     * as zeros first), {@code ArrayMath.addTo(dv, e)} for a whole array, or the declaration {@code double[] dv = e}.
     */
    private void contribute(CodeBlock.Builder code, Value target, Expr e, ExprPrinter adjoints) {
        Value v = key(target);
        if (!v.type().isArray()) {
            contribute(code, target, adjoints.print(e));
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
            code.addStatement("$N = $L", name, CompanionWriter.zeros(v, names));
        }
        if (e instanceof Expr.Scatter scatter) {
            if (!isDeclared(v)) {
                code.addStatement("$L $N = $L", v.type().keyword(), name, CompanionWriter.zeros(v, names));
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

    private void flushResets(CodeBlock.Builder code) {
        for (Value v : sorted(pendingResets.peek())) {
            // an array's adjoint starts over as a new array: a value it was passed to may still hold the old one
            code.addStatement("$N = $L", names.adjoint(v), v.type().isArray() ? CompanionWriter.zeros(v, names) : "0");
        }
        pendingResets.peek().clear();
    }

    /** Before a nested block: declare, as 0, the adjoints it adds to that are not declared yet. */
    private void predeclare(CodeBlock.Builder code, Node node) {
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
                        t.type().isArray() ? CompanionWriter.zeros(t, names) : "0");
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

    private void adjointIf(CodeBlock.Builder code, Node.If branch, Ctx ctx) {
        if (!schedule.hasBackward(branch)) {
            return;
        }
        predeclare(code, branch);
        if (schedule.savesWrites(branch)) {
            code.addStatement("$N.undoWrites()", tapeName); // the arrays as they were before the branch
        }
        boolean thenHas = schedule.hasBackward(branch.then());
        boolean elseHas = schedule.hasBackward(branch.otherwise());
        if (thenHas) {
            code.beginControlFlow("if ($L)", printer.operand(branch.condition(), ctx));
            backwardBlock(code, branch.then(), ctx);
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
                backwardBlock(code, branch.otherwise(), ctx);
            }
        } else {
            code.beginControlFlow("if (!$L)", printer.parenthesize(branch.condition(), ctx));
            backwardBlock(code, branch.otherwise(), ctx);
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
        Value sum = schedule.summedBy(loop);
        if (sum != null && sumPartials.containsKey(loop)) {
            flushResets(code);
            if (!isDeclared(key(sum))) {
                code.addStatement("double $N = 0", adjointName(sum));
                adjointScopes.peek().add(key(sum));
            }
            sumPartials.get(loop).forEach((target, partial) ->
                    contribute(code, target, CodeBlock.of("$N * $N", adjointName(sum), partial)));
            adjointNodes(code, loop.init(), ctx);
            return;
        }
        predeclare(code, loop);
        String trips = tripNames.get(loop);
        Node.Loop.Counter counter = loop.counter();
        if (counter != null) {
            String i = ctx.name(counter.variable());
            CodeBlock last = switch (counter.start()) {
                case 0 -> CodeBlock.of("$N - 1", trips);
                case 1 -> CodeBlock.of("$N", trips);
                default -> CodeBlock.of("$N + $L", trips, counter.start() - 1);
            };
            code.beginControlFlow("for (int $N = $L; $N >= $L; $N--)", i, last, i, counter.start(), i);
        } else {
            code.beginControlFlow("for (; $N > 0; $N--)", trips, trips);
        }
        List<Value> saved = schedule.taped(loop);
        Ctx body = new Ctx(ctx, Schedule.definedIn(loop.body()));
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
        List<Instruction.Load> loads = schedule.tapedLoads(loop);
        for (int k = loads.size() - 1; k >= 0; k--) {
            Value v = loads.get(k).out();
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
        code.endControlFlow();
        adjointNodes(code, loop.init(), ctx);
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
        Ctx ctx = new Ctx(parent, region);
        backwardContent(code, nodes, ctx);
        flushResets(code);
        pendingResets.pop();
        adjointScopes.pop();
    }

    /** The variables that a write outside {@code nodes} assigns too: those the enclosing code declares. */
    private Set<Value> writtenOutside(List<Node> nodes) {
        Set<Node> inside = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
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
        coalesce(ctx, plan.prefix(), plan.recompute(), plan.levelNeeds());
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
            emitNode(code, node, ctx, true, node == splitNode ? flag : null);
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
