package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ad.ForwardMode;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
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
 * Prints the body of a forward-mode method {@code jvp<name>}: the user's statements, branches and loops as the
 * method has them, each statement that computes a varied value followed by the statement of its tangent
 * ({@code double b = Math.exp(a);} then {@code double tb = b * ta;}), the way the lecture's forward-mode slides
 * write them. A loop needs no tape: its carried variables carry their tangents. Every value has its own name;
 * a value that is only assigned to a user's local is written as that local ({@code x = 0.5 * t2;}) unless its
 * tangent still needs the local's old value, and a comparison used once as a condition is written in the
 * {@code if} or loop header.
 */
final class TangentWriter {
    private final Function f;
    private final ForwardMode.Tangents tangents;
    private final Catalog catalog;
    private final Names names;
    private final InstructionPrinter printer = new InstructionPrinter(null);
    private final ExprPrinter exprs;
    private final Map<Value, Integer> reads = new HashMap<>();
    /** Values printed as the variable they are assigned to, and their tangents as its tangent. */
    private final Map<Value, String> alias = new HashMap<>();
    private final Map<Value, String> tangentAlias = new HashMap<>();
    /** Conditions written in their {@code if} or loop header instead of a statement of their own. */
    private final Set<Value> inline = new HashSet<>();
    private final Set<String> declared = new HashSet<>();
    /** Writes already printed with the instruction whose value they write ({@link #foldsInto}). */
    private final Set<Node> consumed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<Node.Loop> printing = new ArrayList<>();
    private final Set<Integer> labelled = new HashSet<>();
    private final Map<Integer, String> labels = new HashMap<>();
    private final InstructionPrinter.Scope scope;

    /**
     * {@code catalog} names the entry points of the calls that stay calls ({@code @CustomDerivative} methods, methods
     * compiled separately): a varied one's tangent is its record's partial derivatives times its arguments' tangents.
     */
    /** A writer of {@code f}'s code as it is, its tangents ordinary values ({@code ad.TangentFunction}'s functions). */
    static TangentWriter plain(Function f, Catalog catalog) {
        return new TangentWriter(f, new ForwardMode.Tangents(f, List.of(), Set.of(), Map.of()), catalog);
    }

    TangentWriter(Function f, ForwardMode.Tangents tangents, Catalog catalog) {
        this.f = f;
        this.tangents = tangents;
        this.catalog = catalog;
        Map<Instruction.Call, java.util.SortedSet<Integer>> calls = new HashMap<>();
        f.calls().stream().filter(c -> tangents.varied().contains(c.out())).forEach(c -> calls.put(c, new java.util.TreeSet<>()));
        this.names = new Names(f, new Adjoint(f, tangents.wrt(), List.of(), Set.of(), calls, null));
        names.tangents(f, tangents.varied());
        this.scope = v -> alias.getOrDefault(v, names.of(v));
        this.exprs = new ExprPrinter(scope, this::tangentName, partial -> {
            Function callee = catalog.entry(partial.call().callee().key()).plan().function();
            return CodeBlock.of("$N.d$L()", names.local(partial.call()), callee.parameters().get(partial.index()).hint());
        });
        Node.forEach(f.body(), n -> Schedule.operandsOf(n).forEach(o -> {
            if (o instanceof Value v) {
                reads.merge(v, 1, Integer::sum);
            }
        }));
        if (f.result() instanceof Value v) {
            reads.merge(v, 1, Integer::sum);
        }
        scanLabels(f.body(), new ArrayList<>());
    }

    /**
     * Why the body cannot be printed yet, or empty: a for loop's update that is more than assignments of simple
     * expressions, or a do-while condition that needs statements in a loop with a {@code continue}.
     */
    static Optional<String> unsupported(Function f) {
        List<String> why = new ArrayList<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Loop loop) {
                Set<Value> definedInUpdate = new HashSet<>();
                for (Node u : loop.update()) {
                    if (u instanceof Instruction i) {
                        if (i.operands().stream().anyMatch(definedInUpdate::contains)) {
                            why.add("forward = true cannot write this for loop's update yet; write it as a while loop");
                        }
                        definedInUpdate.add(i.out());
                    } else if (!(u instanceof Node.Write)) {
                        why.add("forward = true cannot write this for loop's update yet; write it as a while loop");
                    }
                }
                if (loop.kind() == Node.Loop.Kind.DO_WHILE && !singleCondition(loop) && continues(loop.body(), loop.id())) {
                    why.add("forward = true cannot write a do-while loop with continue and this condition yet");
                }
            }
        });
        return why.stream().findFirst();
    }

    /** The body: the forward statements with their tangents, and the return of the value and its tangent. */
    CodeBlock write(com.palantir.javapoet.ClassName record) {
        CodeBlock.Builder code = CodeBlock.builder();
        markInline(f.body());
        emitNodes(code, f.body());
        Operand result = f.result();
        CodeBlock tangent = result instanceof Value v && tangents.varied().contains(v) ? CodeBlock.of("$N", tangentName(v))
                : CodeBlock.of("0");
        code.addStatement("return new $T($L, $L)", record, printer.operand(result, scope), tangent);
        return code.build();
    }

    /**
     * The body of a function whose tangents are ordinary values ({@code ad.TangentFunction.Columns}), then what
     * {@code tail} writes with the printed forms of {@code results}.
     */
    CodeBlock write(List<Operand> results, java.util.function.Function<List<CodeBlock>, CodeBlock> tail) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Operand o : results) {
            if (o instanceof Value v) {
                reads.merge(v, 1, Integer::sum);
            }
        }
        markInline(f.body());
        emitNodes(code, f.body());
        code.add(tail.apply(results.stream().map(o -> printer.operand(o, scope)).toList()));
        return code.build();
    }

    /**
     * The body of a function whose tangents are ordinary values ({@code ad.TangentFunction}'s {@code g}, with no
     * tangents of its own), returning {@code value} and {@code tangent} in a {@code record}, or the tangent alone when
     * {@code record} is null.
     */
    CodeBlock write(com.palantir.javapoet.ClassName record, Operand value, Operand tangent) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (value instanceof Value v) {
            reads.merge(v, 1, Integer::sum);
        }
        markInline(f.body());
        emitNodes(code, f.body());
        if (record == null) {
            code.addStatement("return $L", printer.operand(tangent, scope));
        } else {
            code.addStatement("return new $T($L, $L)", record, printer.operand(value, scope), printer.operand(tangent, scope));
        }
        return code.build();
    }

    /** The tangent parameter of a differentiated parameter: {@code tx}, or {@code t_x} when the user has a {@code tx}. */
    String tangentParameter(Value parameter) {
        return names.tangent(parameter);
    }

    private String tangentName(Value v) {
        return tangentAlias.getOrDefault(v, names.tangent(v));
    }

    private boolean varied(Operand o) {
        return o instanceof Value v && tangents.varied().contains(v);
    }

    /** A test {@code i < a.length}: the length, then the comparison that alone reads it. */
    private boolean lengthTest(Node.Loop loop) {
        return loop.condition().size() == 2 && loop.condition().get(0) instanceof Instruction.Length length
                && loop.condition().get(1) instanceof Instruction.Compare compare && compare.out().equals(loop.test())
                && reads.getOrDefault(length.out(), 0) == 1 && reads.getOrDefault(compare.out(), 0) == 1;
    }

    private static boolean singleCondition(Node.Loop loop) {
        return loop.condition().size() == 1 && loop.condition().get(0) instanceof Instruction i && i.out().equals(loop.test());
    }

    private static boolean continues(List<Node> nodes, int loopId) {
        boolean[] found = {false};
        Node.forEach(nodes, n -> found[0] |= n instanceof Node.Jump j && j.kind() == Node.Jump.Kind.CONTINUE && j.loopId() == loopId);
        return found[0];
    }

    /** The loops that a jump from an inner loop leaves: they need a label. */
    private void scanLabels(List<Node> nodes, List<Node.Loop> around) {
        for (Node n : nodes) {
            if (n instanceof Node.Jump j && j.loopId() >= 0 && (around.isEmpty() || around.get(around.size() - 1).id() != j.loopId())) {
                labelled.add(j.loopId());
            } else if (n instanceof Node.If branch) {
                scanLabels(branch.then(), around);
                scanLabels(branch.otherwise(), around);
            } else if (n instanceof Node.Loop loop) {
                scanLabels(loop.init(), around);
                around.add(loop);
                scanLabels(loop.condition(), around);
                scanLabels(loop.body(), around);
                scanLabels(loop.update(), around);
                around.remove(around.size() - 1);
            }
        }
    }

    /** Comparisons used once, as the condition of the {@code if} right after them or as a loop's whole test. */
    private void markInline(List<Node> nodes) {
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (n instanceof Node.If branch) {
                if (k > 0 && nodes.get(k - 1) instanceof Instruction i && i.out().equals(branch.condition())
                        && reads.getOrDefault(i.out(), 0) == 1 && !(i instanceof Instruction.Call)) {
                    inline.add(i.out());
                }
                markInline(branch.then());
                markInline(branch.otherwise());
            } else if (n instanceof Node.Loop loop) {
                if (singleCondition(loop) && reads.getOrDefault(loop.test(), 0) == 1) {
                    inline.add((Value) loop.test());
                } else if (loop.kind() != Node.Loop.Kind.DO_WHILE && lengthTest(loop)) {
                    // i < v.length: the length read only by the test is written in it
                    Instruction.Length length = (Instruction.Length) loop.condition().get(0);
                    alias.put(length.out(), printer.operand(length.array(), scope) + ".length");
                    inline.add(length.out());
                    inline.add((Value) loop.test());
                }
                markInline(loop.init());
                markInline(loop.body());
            }
        }
    }

    private void emitNodes(CodeBlock.Builder code, List<Node> nodes) {
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (consumed.contains(n)) {
                continue;
            }
            if (n instanceof Instruction i) {
                if (inline.contains(i.out()) && !(i instanceof Instruction.Store)) {
                    continue;
                }
                Node.Write w = foldsInto(i, nodes, k);
                if (w != null) {
                    consumed.add(w);
                    alias.put(i.out(), scope.apply(w.variable()));
                    if (tangents.varied().contains(w.variable())) {
                        tangentAlias.put(i.out(), tangentName(w.variable()));
                    }
                    emitInstruction(code, i);
                    if (tangents.varied().contains(w.variable()) && !tangents.varied().contains(i.out())) {
                        assign(code, Type.DOUBLE, tangentName(w.variable()), CodeBlock.of("0"));
                    }
                    continue;
                }
                emitInstruction(code, i);
            } else if (n instanceof Node.Write w) {
                emitWrite(code, w);
            } else if (n instanceof Node.If branch) {
                emitIf(code, branch);
            } else if (n instanceof Node.Loop loop) {
                emitLoop(code, loop);
            } else if (n instanceof Node.Jump jump) {
                emitJump(code, jump);
            } else if (n instanceof Node.Throw thrown) {
                code.addStatement("throw new $T($L)", ExprPrinter.className(thrown.exception()), message(thrown));
            }
        }
    }

    /**
     * The write of {@code i}'s value into a variable, later in {@code nodes}, that {@code i} can assign directly
     * ({@code x = 0.5 * t3;}), or null. {@code i}'s value must be read by that write alone; the statements between
     * must neither read nor write the variable (it now changes earlier); and {@code i} must not read the variable's
     * current value when it has a tangent, which must read that value too ({@code h = h * w} keeps its own name).
     */
    private Node.Write foldsInto(Instruction i, List<Node> nodes, int k) {
        if (reads.getOrDefault(i.out(), 0) != 1 || i instanceof Instruction.Store) {
            return null;
        }
        List<Node> between = new ArrayList<>();
        for (int j = k + 1; j < nodes.size(); j++) {
            Node n = nodes.get(j);
            if (consumed.contains(n)) {
                continue;
            }
            // a local declared before a loop: its first write is in the loop's initialization
            List<Node> candidates = n instanceof Node.Loop loop ? loop.init() : List.of(n);
            for (Node c : candidates) {
                if (c instanceof Node.Write w && w.value().equals(i.out())) {
                    return folds(i, w, between) ? w : null;
                }
                if (!(c instanceof Node.Write) && !(c instanceof Instruction) || c instanceof Instruction.Store) {
                    return null;
                }
                between.add(c);
            }
            if (n instanceof Node.Loop) {
                return null;
            }
        }
        return null;
    }

    private boolean folds(Instruction i, Node.Write w, List<Node> between) {
        if (w.variable().type() != i.out().type()) {
            return false;
        }
        String name = scope.apply(w.variable());
        if (tangents.varied().contains(i.out())
                && i.operands().stream().anyMatch(o -> o instanceof Value v && name.equals(scope.apply(v)))) {
            return false;
        }
        for (Node n : between) {
            if (consumed.contains(n)) {
                continue;
            }
            if (n instanceof Node.Write other && name.equals(scope.apply(other.variable()))) {
                return false;
            }
            if (Schedule.operandsOf(n).stream().anyMatch(o -> o instanceof Value v && name.equals(scope.apply(v)))) {
                return false;
            }
        }
        return true;
    }

    private void assign(CodeBlock.Builder code, Type type, String name, CodeBlock value) {
        if (declared.add(name)) {
            code.addStatement("$L $N = $L", type.keyword(), name, value);
        } else {
            code.addStatement("$N = $L", name, value);
        }
    }

    private void emitInstruction(CodeBlock.Builder code, Instruction instruction) {
        if (instruction instanceof Instruction.Store store) {
            CodeBlock.Builder element = CodeBlock.builder().add("$L", printer.operand(store.array(), scope));
            store.indices().forEach(i -> element.add("[$L]", printer.operand(i, scope)));
            String op = store.compound() == null ? "=" : store.compound().symbol() + "=";
            code.addStatement("$L $L $L", element.build(), op, printer.operand(store.value(), scope));
            return;
        }
        Value out = instruction.out();
        if (instruction instanceof Instruction.NonNull && reads.getOrDefault(out, 0) == 0) {
            code.addStatement("$L", printer.expression(instruction, scope).code()); // a switch with only a default
            return;
        }
        String name = scope.apply(out);
        if (instruction instanceof Instruction.Call call) {
            // through the callee's entry point: its record has the value and the partials that the tangent reads
            Catalog.Entry callee = catalog.entry(call.callee().key());
            CodeBlock args = call.args().stream().map(a -> printer.operand(a, scope)).collect(CodeBlock.joining(", "));
            if (tangents.varied().contains(out)) {
                code.addStatement("$T $N = $T.$N($L)", callee.record(), names.local(call), callee.companion(), callee.method(), args);
                assign(code, out.type(), name, CodeBlock.of("$N.value()", names.local(call)));
                assign(code, Type.DOUBLE, tangentName(out), exprs.print(tangents.tangents().get(out)));
            } else if (catalog.callsItself(call, f.signature().owner().packageName())) {
                assign(code, out.type(), name, CodeBlock.of("$T.$N($L)", ExprPrinter.className(call.callee().owner()),
                        call.callee().name(), args));
            } else {
                assign(code, out.type(), name, CodeBlock.of("$T.$N($L).value()", callee.companion(), callee.method(), args));
            }
            return;
        }
        CodeBlock expr = printer.expression(instruction, scope).code();
        if (out.type() == Type.OBJECT) {
            code.addStatement("$T $N = $L", Object.class, name, expr);
            declared.add(name);
        } else {
            assign(code, out.type(), name, expr);
        }
        if (tangents.varied().contains(out)) {
            assign(code, Type.DOUBLE, tangentName(out), exprs.print(tangents.tangents().get(out)));
        }
    }

    private void emitWrite(CodeBlock.Builder code, Node.Write w) {
        String name = scope.apply(w.variable());
        if (!name.equals(printer.operand(w.value(), scope).toString())) {
            assign(code, w.variable().type(), name, printer.operand(w.value(), scope));
        }
        if (tangents.varied().contains(w.variable())) {
            String tangent = tangentName(w.variable());
            CodeBlock value = varied(w.value()) ? CodeBlock.of("$N", tangentName((Value) w.value())) : CodeBlock.of("0");
            if (!tangent.equals(value.toString())) {
                assign(code, Type.DOUBLE, tangent, value);
            }
        }
    }

    private void declare(CodeBlock.Builder code, List<Value> variables) {
        for (Value v : variables) {
            String name = scope.apply(v);
            if (declared.add(name)) {
                code.addStatement("$L $N", v.type().keyword(), name);
            }
            if (tangents.varied().contains(v) && declared.add(tangentName(v))) {
                code.addStatement("double $N", tangentName(v));
            }
        }
    }

    private CodeBlock condition(Operand condition) {
        if (condition instanceof Value v && inline.contains(v)) {
            return printer.expression(definition(v), scope).code();
        }
        return printer.operand(condition, scope);
    }

    private Instruction definition(Value v) {
        for (Instruction i : f.instructions()) {
            if (i.out().equals(v)) {
                return i;
            }
        }
        throw new IllegalStateException("no definition of " + v);
    }

    private void emitIf(CodeBlock.Builder code, Node.If branch) {
        declare(code, branch.variables());
        code.beginControlFlow("if ($L)", condition(branch.condition()));
        emitNodes(code, branch.then());
        List<Node> otherwise = branch.otherwise();
        while (!otherwise.isEmpty()) {
            Node last = otherwise.get(otherwise.size() - 1);
            boolean chain = last instanceof Node.If nested && otherwise.size() <= 2
                    && (otherwise.size() == 1 || otherwise.get(0) instanceof Instruction i && i.out().equals(nested.condition())
                            && inline.contains(i.out()))
                    && nested.variables().stream().allMatch(v -> declared.contains(scope.apply(v)));
            if (chain) {
                Node.If nested = (Node.If) last;
                code.nextControlFlow("else if ($L)", condition(nested.condition()));
                emitNodes(code, nested.then());
                otherwise = nested.otherwise();
            } else {
                code.nextControlFlow("else");
                emitNodes(code, otherwise);
                otherwise = List.of();
            }
        }
        code.endControlFlow();
    }

    private void emitLoop(CodeBlock.Builder code, Node.Loop loop) {
        List<Node> init = new ArrayList<>(loop.init());
        CodeBlock header = CodeBlock.of("");
        String headerName = null;
        // for (int i = 0; ...): a counter that only the loop reads is declared in its header
        Node.Write counter = loop.kind() != Node.Loop.Kind.FOR || loop.counter() == null ? null
                : init.stream().filter(n -> n instanceof Node.Write w && w.variable().equals(loop.counter().variable()))
                        .map(Node.Write.class::cast).findFirst().orElse(null);
        if (counter != null && !declared.contains(scope.apply(counter.variable())) && !readOutside(loop, counter.variable())) {
            Instruction start = counter.value() instanceof Value v ? init.stream()
                    .filter(n -> n instanceof Instruction i && i.out().equals(v)).map(Instruction.class::cast).findFirst().orElse(null) : null;
            if (counter.value() instanceof Literal || start != null && reads.getOrDefault(start.out(), 0) == 1) {
                headerName = scope.apply(counter.variable());
                header = CodeBlock.of("$L $N = $L", counter.variable().type().keyword(), headerName,
                        start != null ? printer.expression(start, scope).code() : printer.operand(counter.value(), scope));
                init.remove(counter);
                init.remove(start);
            }
        }
        emitNodes(code, init);
        if (headerName != null) {
            declared.add(headerName);
        }
        declare(code, loop.carried().stream().map(Node.Loop.Carried::variable).toList());
        String label = labelled.contains(loop.id()) ? label(loop) + ": " : "";
        boolean inlineTest = inline.contains(loop.test()) || loop.condition().isEmpty();
        CodeBlock test = inlineTest ? condition(loop.test()) : CodeBlock.of("");
        switch (loop.kind()) {
            case FOR -> code.beginControlFlow("$Lfor ($L; $L; $L)", label, header, test, update(loop));
            case WHILE -> {
                if (inlineTest) {
                    code.beginControlFlow("$Lwhile ($L)", label, test);
                } else {
                    code.beginControlFlow("$Lfor (;;)", label);
                }
            }
            case DO_WHILE -> code.beginControlFlow(inlineTest ? "$Ldo" : "$Lfor (;;)", label);
        }
        printing.add(loop);
        if (!inlineTest && loop.kind() != Node.Loop.Kind.DO_WHILE) {
            emitNodes(code, loop.condition());
            exitUnless(code, loop);
        }
        emitNodes(code, loop.body());
        if (!inlineTest && loop.kind() == Node.Loop.Kind.DO_WHILE) {
            emitNodes(code, loop.condition()); // no continue skips it: see unsupported
            exitUnless(code, loop);
        }
        printing.remove(printing.size() - 1);
        if (loop.kind() == Node.Loop.Kind.DO_WHILE && inlineTest) {
            code.unindent().add("} while ($L);\n", test);
        } else {
            code.endControlFlow();
        }
        if (headerName != null) {
            declared.remove(headerName); // its scope ends with the loop
        }
    }

    /** {@code if (!test) break;}: a loop test computed by statements of its own. */
    private void exitUnless(CodeBlock.Builder code, Node.Loop loop) {
        code.beginControlFlow("if (!$L)", printer.wrap(loop.test(), InstructionPrinter.UNARY, scope)).addStatement("break").endControlFlow();
    }

    /** True when a node outside {@code loop} reads {@code variable} or a value standing for its content. */
    private boolean readOutside(Node.Loop loop, Value variable) {
        Map<Value, Integer> inside = new HashMap<>();
        Node.forEach(List.of(loop), n -> Schedule.operandsOf(n).forEach(o -> {
            if (o instanceof Value v) {
                inside.merge(v, 1, Integer::sum);
            }
        }));
        String name = scope.apply(variable);
        for (Map.Entry<Value, Integer> e : reads.entrySet()) {
            if (name.equals(scope.apply(e.getKey())) && e.getValue() > inside.getOrDefault(e.getKey(), 0)) {
                return true;
            }
        }
        return false;
    }

    /** The update of a for loop's header: {@code i++}, {@code i += 2} as {@code i = i + 2}. */
    private CodeBlock update(Node.Loop loop) {
        Map<Value, Instruction> defined = new HashMap<>();
        List<CodeBlock> parts = new ArrayList<>();
        for (Node node : loop.update()) {
            if (node instanceof Instruction i) {
                defined.put(i.out(), i);
            } else if (node instanceof Node.Write w) {
                String name = scope.apply(w.variable());
                Instruction i = w.value() instanceof Value v ? defined.get(v) : null;
                if (i instanceof Instruction.Binary b && b.a().equals(w.variable()) && b.b() instanceof Literal one
                        && one.value() == 1 && (b.op() == Instruction.BinaryOperator.ADD || b.op() == Instruction.BinaryOperator.SUBTRACT)) {
                    parts.add(CodeBlock.of("$N$L", name, b.op() == Instruction.BinaryOperator.ADD ? "++" : "--"));
                } else if (i != null) {
                    parts.add(CodeBlock.of("$N = $L", name, printer.expression(i, scope).code()));
                } else {
                    parts.add(CodeBlock.of("$N = $L", name, printer.operand(w.value(), scope)));
                }
            }
        }
        return CodeBlock.join(parts, ", ");
    }

    private void emitJump(CodeBlock.Builder code, Node.Jump jump) {
        if (jump.loopId() < 0) {
            return;
        }
        String keyword = jump.kind() == Node.Jump.Kind.BREAK ? "break" : "continue";
        if (!printing.isEmpty() && printing.get(printing.size() - 1).id() == jump.loopId()) {
            code.addStatement(keyword);
        } else {
            code.addStatement("$L $L", keyword, labels.get(jump.loopId()));
        }
    }

    private String label(Node.Loop loop) {
        return labels.computeIfAbsent(loop.id(), id -> loop.label() != null ? loop.label() : names.fresh("loop"));
    }

    /** The message as the user wrote it: its pieces joined by +, in Java's string conversion. */
    private CodeBlock message(Node.Throw thrown) {
        return InstructionPrinter.throwMessage(thrown, v -> printer.wrap(v, InstructionPrinter.ADDITIVE + 1, scope));
    }
}
