package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Planner;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.write.StructuredWriter.Ctx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints the forward pass of a {@link StructuredWriter}'s method: the user's statements, branches and loops, with
 * what the backward pass needs to reverse each loop (a trip count, and at the start of each iteration a push of
 * the variables it overwrites and a {@code tape.beginWrites()} for the array elements it overwrites). The backward
 * pass uses the same code to recompute a branch's or an iteration's values ({@link #recomputing}); jumps out of
 * a recomputed statement then set a flag ({@link FlagState}).
 */
final class ForwardEmitter {
    private final Adjoint adjoint;
    private final Names names;
    private final Catalog catalog;
    private final Schedule schedule;
    private final InstructionPrinter printer;
    private final String tapeName;
    /** The backward pass of a summing loop is printed in its forward loop (see {@link BackwardEmitter#sumAdjoint}). */
    BackwardEmitter backward;
    /** The summing loop whose body is being printed, and where its iterations' derivatives go (see {@link BackwardEmitter#sumAdjoint}). */
    private Node.Loop summing;
    private Map<Value, String> summingPartials = Map.of();
    /** True while the backward pass is written: forward statements printed then only recompute values. */
    boolean recomputing;

    private final Map<Node.Loop, String> tripNames;
    private final Map<Node.Loop, String> generatedLabels = new HashMap<>();
    /** The variable a for loop declares in its header, which the reversed loop must declare again. */
    private final Map<Node.Loop, Value> headerDeclared;
    /** The loops being printed, innermost last. */
    private final List<Node.Loop> printing;
    private final StructuredWriter writer;
    /** How often the method's nodes read each value, counted when first needed (see {@link #readAfter}). */
    private Map<Value, Integer> readCounts;

    ForwardEmitter(StructuredWriter writer) {
        this.writer = writer;
        this.adjoint = writer.adjoint;
        this.names = writer.names;
        this.catalog = writer.catalog;
        this.schedule = writer.schedule;
        this.printer = writer.printer;
        this.tapeName = writer.tapeName;
        this.tripNames = writer.tripNames;
        this.headerDeclared = writer.headerDeclared;
        this.printing = writer.printing;
    }

    /** How jumps out of a recomputed statement are recorded: set {@code flag}, leave the loops inside it. */
    record FlagState(String flag, int depth) {}

    void emitNodes(CodeBlock.Builder code, List<Node> nodes, Ctx ctx, boolean level, Set<Node> only, FlagState flag) {
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

    void emitNode(CodeBlock.Builder code, Node node, Ctx ctx, boolean level, FlagState flag) {
        if (node instanceof Instruction i) {
            emitInstruction(code, i, ctx);
        } else if (node instanceof Node.Write w) {
            emitWrite(code, w, ctx);
        } else if (node instanceof Node.If branch) {
            if (emitConditional(code, branch, ctx)) {
                return;
            }
            declareVariables(code, branch.variables(), ctx, flag != null);
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
        return InstructionPrinter.throwMessage(thrown, v -> printer.wrap(v, InstructionPrinter.ADDITIVE + 1, ctx));
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

    void declareVariables(CodeBlock.Builder code, List<Value> variables, Ctx ctx) {
        declareVariables(code, variables, ctx, false);
    }

    /**
     * {@code initialized}: in a recomputation that records jumps in a flag, where a branch's variable may be assigned
     * only under {@code if (!jumped)} and read under another such test, which javac's definite assignment does not
     * follow (fuzz seed 71207153, program 271): it starts as zero, a value no path that reads it sees.
     */
    void declareVariables(CodeBlock.Builder code, List<Value> variables, Ctx ctx, boolean initialized) {
        for (Value v : variables) {
            Value rep = ctx.rep(v);
            if (ctx.owns(v) && !ctx.isDeclared(rep)) {
                if (initialized) {
                    code.addStatement("$L $N = $L", v.type().keyword(), names.of(rep), switch (v.type()) {
                        case DOUBLE, LONG, INT -> "0";
                        case BOOLEAN -> "false";
                        default -> "null";
                    });
                } else {
                    code.addStatement("$L $N", v.type().keyword(), names.of(rep));
                }
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
            } else if (read.isEmpty() && catalog.callsItself(call, adjoint.function().signature().owner().packageName())) {
                // no derivative needed: the custom derivative's pullback need not run
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
        if (instruction instanceof Instruction.NewArray a && a.out().type().isReal() && writer.inWorkspace()) {
            // the buffer form: zeros of this shape from the thread's workspace, released when the method returns
            expr = CodeBlock.of(a.out().type() == Type.VECTOR ? "$N.vector($L)" : "$N.matrix($L)",
                    writer.workspaceName, printer.arguments(new ArrayList<>(a.dimensions()), ctx));
        } else if (instruction instanceof Instruction.NewArray || instruction instanceof Instruction.ArrayLiteral
                || instruction instanceof Instruction.ArrayCall && out.type().isArray()) {
            writer.allocatedArrays |= writer.workspaceName != null;
        }
        String comment = InstructionPrinter.comment(instruction);
        if (comment != null) {
            code.add("$L$N = $L; // $L\n", declare ? type + " " : "", name, expr, comment);
        } else if (declare) {
            code.addStatement("$L $N = $L", type, name, expr);
        } else {
            code.addStatement("$N = $L", name, expr);
        }
        if (!recomputing && schedule.isTapedLoad(instruction)) {
            code.addStatement("$N.push($N)", tapeName, name); // a later write changes the element
        } else if (!recomputing && schedule.isTapedCall(instruction)) {
            code.addStatement("$N.push($N)", tapeName, name); // popped rather than computed again
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
        // a kept loop runs forward once: it counts its trips for the reversal, which pops them (see Schedule.isKept)
        boolean kept = !level && !recomputing && schedule.isKept(loop);
        boolean count = tape || kept && schedule.pushesTrips(loop);
        List<Node> counterInit = counterInit(loop, ctx);
        List<Node> otherInit = new ArrayList<>(loop.init());
        otherInit.removeAll(counterInit);
        emitNodes(code, otherInit, ctx, level, null, null);
        CodeBlock header = counterInit.isEmpty() ? null : headerInit(code, loop, counterInit, ctx);
        declareVariables(code, loop.carried().stream().map(Node.Loop.Carried::variable).toList(), ctx, flag != null);
        String trips = null;
        if (count) {
            trips = tripNames.computeIfAbsent(loop, l -> names.fresh("trips"));
            // an int counter that only counts up while below a bound runs at most 2^32 - 1 times, which int
            // arithmetic counts exactly enough (start + trips - 1 wraps back); any other loop (a long counter, a
            // while over a small time step) may run more often than an int can count
            code.addStatement("$L $N = 0", schedule.intTrips(loop) ? "int" : "long", trips);
        }
        Map<Value, String> partials = Map.of();
        if (sum != null && schedule.sumsDirectly(loop)) {
            backward.declareDirectTargets(code, loop, sum);
        } else if (sum != null) {
            partials = backward.sumPartials(loop, sum);
            partials.forEach((target, name) -> code.addStatement("$L $N = $L", target.type().keyword(), name,
                    target.type().isArray() ? writer.freshZeros(target) : "0"));
        }
        // a loop nested in a summing loop takes each iteration's derivatives in its body too
        Node.Loop nest = !level && !recomputing && summing != null && schedule.summingNest(loop) == summing ? summing : null;
        // in a summing nest, index arithmetic the loop does not change is done once before it, and what the iterations
        // add to the elements at those indices is summed in locals (BackwardEmitter.openElementSums)
        Set<Node> hoisted = nest == null ? Set.of() : invariantIndices(loop);
        if (!hoisted.isEmpty()) {
            emitNodes(code, loop.body(), ctx, false, hoisted, null);
        }
        Set<Value> changed = nest == null ? Set.of() : changedIn(loop);
        hoisted.forEach(n -> changed.remove(((Instruction) n).out()));
        boolean elementSums = nest != null && backward.openElementSums(code, loop, changed, summingPartials, ctx);
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
        if (count) {
            code.addStatement("$N++", trips);
        }
        if (tape) {
            for (Value v : schedule.taped(loop)) {
                code.addStatement("$N.push($N)", tapeName, ctx.name(v));
            }
            if (schedule.savesWrites(loop)) {
                code.addStatement("$N.beginWrites()", tapeName);
            }
        }
        Node.Loop outerSumming = summing;
        if (sum != null) {
            summing = loop;
            summingPartials = partials;
        }
        emitNodes(code, loop.body(), ctx, false, hoisted.isEmpty() ? null : without(loop.body(), hoisted), flag);
        if (sum != null) {
            backward.sumAdjoint(code, loop.body(), loop, ctx, partials);
        } else if (nest != null) {
            backward.sumAdjoint(code, loop.body(), nest, ctx, summingPartials);
        }
        summing = outerSumming;
        printing.remove(printing.size() - 1);
        if (loop.kind() == Node.Loop.Kind.DO_WHILE) {
            code.unindent().add("} while ($L);\n", test);
        } else {
            code.endControlFlow();
        }
        if (elementSums) {
            backward.closeElementSums(code, ctx);
        }
        if (kept) {
            if (trips != null) {
                code.addStatement("$N.push($N)", tapeName, trips);
            }
            for (Value v : schedule.keptResults(loop)) {
                code.addStatement("$N.push($N)", tapeName, ctx.name(v));
            }
        }
    }

    /**
     * The {@code int} additions, subtractions and multiplications among the first statements of {@code loop}'s body
     * whose operands the loop does not change ({@code int t4 = 3 * i;} in a loop over {@code j}): temporaries, which
     * cannot throw, printed before the loop instead of in it.
     */
    private static Set<Node> invariantIndices(Node.Loop loop) {
        Set<Value> changed = changedIn(loop);
        Set<Value> written = writtenIn(loop);
        Set<Node> hoisted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : loop.body()) {
            if (n instanceof Instruction.Binary b && b.out().type() == Type.INT && b.out().isTemporary()
                    && !written.contains(b.out()) && (b.op() == Instruction.BinaryOperator.ADD
                    || b.op() == Instruction.BinaryOperator.SUBTRACT || b.op() == Instruction.BinaryOperator.MULTIPLY)
                    && unchanged(b.a(), changed) && unchanged(b.b(), changed)) {
                hoisted.add(b);
                changed.remove(b.out());
            }
        }
        return hoisted;
    }

    /** What {@code loop}'s condition, body and update define or write, and its carried variables. */
    static Set<Value> changedIn(Node.Loop loop) {
        Set<Value> changed = writtenIn(loop);
        for (List<Node> part : List.of(loop.condition(), loop.body(), loop.update())) {
            changed.addAll(Schedule.definedIn(part));
        }
        loop.carried().forEach(c -> {
            changed.add(c.variable());
            changed.add(c.entry());
        });
        return changed;
    }

    /** The variables {@code loop}'s condition, body and update assign. */
    private static Set<Value> writtenIn(Node.Loop loop) {
        Set<Value> written = new HashSet<>();
        for (List<Node> part : List.of(loop.condition(), loop.body(), loop.update())) {
            Node.forEach(part, n -> {
                if (n instanceof Node.Write w) {
                    written.add(w.variable());
                }
            });
        }
        return written;
    }

    static boolean unchanged(Operand o, Set<Value> changed) {
        return !(o instanceof Value v) || !changed.contains(v);
    }

    private static Set<Node> without(List<Node> nodes, Set<Node> left) {
        Set<Node> rest = Collections.newSetFromMap(new IdentityHashMap<>());
        nodes.stream().filter(n -> !left.contains(n)).forEach(rest::add);
        return rest;
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

    /**
     * The counter's first write, for the loop's header: {@code int i = 0}, or {@code i = 0} after a declaration
     * {@code int i;} before the loop when code after the loop reads the counter (out of the header's scope).
     */
    private CodeBlock headerInit(CodeBlock.Builder code, Node.Loop loop, List<Node> counterInit, Ctx ctx) {
        Node.Write w = (Node.Write) counterInit.get(counterInit.size() - 1);
        ctx.declared.add(ctx.rep(w.variable()));
        CodeBlock value = counterInit.size() == 1 ? printer.operand(w.value(), ctx) : printer.expression((Instruction) counterInit.get(0), ctx).code();
        if (readAfter(loop, w.variable())) {
            code.addStatement("$L $N", w.variable().type().keyword(), ctx.name(w.variable()));
            return CodeBlock.of("$N = $L", ctx.name(w.variable()), value);
        }
        headerDeclared.put(loop, w.variable());
        return CodeBlock.of("$L $N = $L", w.variable().type().keyword(), ctx.name(w.variable()), value);
    }

    /** True when a node outside {@code loop} reads {@code variable}: the value the loop leaves in it. */
    private boolean readAfter(Node.Loop loop, Value variable) {
        if (readCounts == null) {
            readCounts = new HashMap<>();
            countReads(writer.f.body(), readCounts);
        }
        Map<Value, Integer> inside = new HashMap<>();
        countReads(List.of(loop), inside);
        return readCounts.getOrDefault(variable, 0) > inside.getOrDefault(variable, 0);
    }

    /** Adds to {@code counts} how often {@code nodes}, nested ones included, read each value. */
    private static void countReads(List<Node> nodes, Map<Value, Integer> counts) {
        Node.forEach(nodes, n -> {
            for (Operand o : Schedule.operandsOf(n)) {
                if (o instanceof Value v) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
        });
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
}
