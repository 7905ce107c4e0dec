package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces each call to another {@code @Differentiable} method by the callee's own code, for the zero-allocation
 * form: a composed call returns its local gradient as a record, which HotSpot removes only when it inlines the
 * callee. Callees with branches and loops are written inline with them (their returns already write one result
 * variable), in callers with or without control flow, as long as they work on numbers alone. Calls are inlined
 * while the method stays within {@link #BUDGET} operations, and calls that pass or return arrays always are, in
 * the record form too, when the caller and the callee are straight-line code. The callee reads the caller's
 * arguments (through a widening copy named {@code callee_param} where the types differ), its named values become
 * {@code callee_name}, and its result is copied into the caller's variable when the caller named one.
 */
public final class Inliner {
    /**
     * How many operations a method may grow to by inlining. Beyond it a call stays a call: HotSpot does not
     * compile methods of more than 8000 bytes of bytecode, and a long chain of calls would otherwise grow
     * without bound. Callees with loops count by their code, not their trips; where the backward pass would run
     * nested loops forward again and the written method still passes 8000 bytes, the companion writer keeps the
     * calls instead (see {@code CompanionWriter}).
     */
    static final int BUDGET = 160;

    private final Map<String, Function> functions;
    /** {@link #flatSize} of each function of {@code functions}, shared by the inlining of every caller of one plan. */
    private final Map<String, Integer> flatSizes;
    private int nextId;

    /** The caller's package, where the inlined code is written. */
    private final String home;

    private Inliner(Map<String, Function> functions, Map<String, Integer> flatSizes, int firstFreeId, String home) {
        this.functions = functions;
        this.flatSizes = flatSizes;
        this.nextId = firstFreeId;
        this.home = home;
    }

    /**
     * A static field that {@code callee} reads and code in {@code packageName} cannot (package-private, in another
     * package), or null: such a callee stays a call there, or, with arrays, is an error.
     */
    public static StaticField hiddenField(Function callee, String packageName) {
        for (Instruction instruction : callee.instructions()) {
            for (Operand operand : instruction.operands()) {
                if (operand instanceof StaticField field && !field.readableFrom(packageName)) {
                    return field;
                }
            }
        }
        return callee.result() instanceof StaticField field && !field.readableFrom(packageName) ? field : null;
    }

    /**
     * A helper that {@code callee} calls as written ({@link Instruction.PureCall}) and code in {@code packageName}
     * cannot call (package-private, in another package), or null: such a callee stays a call there, as with
     * {@link #hiddenField}.
     */
    public static Instruction.PureCall hiddenCall(Function callee, String packageName) {
        for (Instruction instruction : callee.instructions()) {
            if (instruction instanceof Instruction.PureCall call && !call.callableFrom(packageName)) {
                return call;
            }
        }
        return null;
    }

    /**
     * {@code function} without calls; {@code functions} holds every callee compiled in this compilation (calls
     * to the others stay calls, through their companions), and calls must not form a cycle. A callee with
     * branches or loops is written inline with them: its returns already write one result variable, its loops
     * get fresh ids and its labels its prefix. Calls in loop headers (init, condition, update) stay calls: they
     * are not differentiated.
     */
    public static Function inlineCalls(Function function, Map<String, Function> functions) {
        return inlineCalls(function, functions, new HashMap<>());
    }

    /**
     * {@link #inlineCalls(Function, Map)}, keeping in {@code flatSizes} the size of each callee with its own calls
     * inlined, for the next caller of the same {@code functions}: computed once per plan rather than once per caller
     * (each would walk the whole chain of calls below it again).
     */
    static Function inlineCalls(Function function, Map<String, Function> functions, Map<String, Integer> flatSizes) {
        if (function.calls().isEmpty()) {
            return function;
        }
        Inliner inliner = new Inliner(functions, flatSizes, maxId(function) + 1, function.signature().owner().packageName());
        inliner.nextLoopId = maxLoopId(function.body()) + 1;
        inliner.straightCaller = !function.hasControlFlow();
        Map<Value, Operand> renamed = new HashMap<>();
        List<Node> body = inliner.nodes(function.body(), renamed, null, null, true);
        if (!inliner.changed && !inliner.straightCaller) {
            return function; // nothing could be inlined: the calls stay, as in the record form
        }
        Operand result = function.result() instanceof Value v ? renamed.getOrDefault(v, v) : function.result();
        return new Function(function.signature(), function.parameters(), function.differentiated(), body, result,
                function.dataTypes());
    }

    /** Set when a call was written inline. */
    private boolean changed;
    /** True when the caller itself has no branches, loops or element writes: calls with arrays may be inlined. */
    private boolean straightCaller;
    private int nextLoopId;
    /** How many instructions have been written so far: the budget's measure. */
    private int emitted;

    /**
     * Copies {@code nodes}, renaming through {@code renamed}; {@code prefix} is null for the caller itself, and
     * {@code loopIds} maps the inlined callee's loop ids to fresh ones. Calls are inlined where {@code inline}.
     */
    private List<Node> nodes(List<Node> nodes, Map<Value, Operand> renamed, String prefix, Map<Integer, Integer> loopIds,
            boolean inline) {
        List<Node> body = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof Instruction instruction) {
                instruction(instruction, renamed, prefix, inline, body);
            } else if (node instanceof Node.Write write) {
                body.add(new Node.Write(variable(write.variable(), renamed, prefix), use(write.value(), renamed)));
            } else if (node instanceof Node.If branch) {
                List<Value> variables = branch.variables().stream().map(v -> variable(v, renamed, prefix)).toList();
                Operand condition = use(branch.condition(), renamed);
                List<Node> then = nodes(branch.then(), renamed, prefix, loopIds, inline);
                List<Node> otherwise = nodes(branch.otherwise(), renamed, prefix, loopIds, inline);
                body.add(new Node.If(condition, then, otherwise, variables));
            } else if (node instanceof Node.Loop loop) {
                body.add(loop(loop, renamed, prefix, loopIds, inline));
            } else if (node instanceof Node.Jump jump) {
                body.add(prefix == null || jump.loopId() < 0 ? jump : new Node.Jump(jump.kind(),
                        loopIds.getOrDefault(jump.loopId(), jump.loopId()), label(jump.label(), prefix)));
            } else if (node instanceof Node.Throw thrown) {
                List<Node.Throw.Piece> pieces = thrown.message().stream()
                        .map(p -> p.text() != null ? p : new Node.Throw.Piece(null, use(p.value(), renamed))).toList();
                body.add(new Node.Throw(thrown.exception(), pieces));
            } else {
                throw new IllegalStateException("unexpected node " + node);
            }
        }
        return body;
    }

    private Node.Loop loop(Node.Loop loop, Map<Value, Operand> renamed, String prefix, Map<Integer, Integer> loopIds,
            boolean inline) {
        int id = loop.id();
        if (prefix != null) {
            id = nextLoopId++;
            loopIds.put(loop.id(), id);
        }
        List<Node.Loop.Carried> carried = loop.carried().stream().map(c -> new Node.Loop.Carried(
                variable(c.variable(), renamed, prefix), variable(c.entry(), renamed, prefix))).toList();
        Node.Loop.Counter counter = loop.counter() == null ? null
                : new Node.Loop.Counter(variable(loop.counter().variable(), renamed, prefix), loop.counter().start());
        // the header runs as written, undifferentiated: its calls stay calls
        List<Node> init = nodes(loop.init(), renamed, prefix, loopIds, false);
        List<Node> condition = nodes(loop.condition(), renamed, prefix, loopIds, false);
        Operand test = use(loop.test(), renamed);
        List<Node> body = nodes(loop.body(), renamed, prefix, loopIds, inline);
        List<Node> update = nodes(loop.update(), renamed, prefix, loopIds, false);
        return new Node.Loop(id, label(loop.label(), prefix), loop.kind(), init, condition, test, body, update, carried, counter);
    }

    private static String label(String label, String prefix) {
        return label == null || prefix == null ? label : prefix + "_" + label;
    }

    /** {@code v} as the copy names it: in a callee, a fresh value with the callee's prefix the first time. */
    private Value variable(Value v, Map<Value, Operand> renamed, String prefix) {
        if (prefix == null) {
            return renamed.getOrDefault(v, v) instanceof Value mapped ? mapped : v;
        }
        Operand known = renamed.get(v);
        if (known instanceof Value mapped) {
            return mapped;
        }
        Value fresh = fresh(v, prefix);
        renamed.put(v, fresh);
        return fresh;
    }

    private Value fresh(Value v, String prefix) {
        // a returning callee's result variable is named after it: normCdf, not normCdf_normCdf
        String hint = v.hint() == null ? null : v.hint().equals(prefix) ? prefix : prefix + "_" + v.hint();
        return new Value(nextId++, hint, v.type());
    }

    private static Operand use(Operand operand, Map<Value, Operand> renamed) {
        return operand instanceof Value v ? renamed.getOrDefault(v, v) : operand;
    }

    /** Appends {@code instruction}, renamed, or the code of the callee it calls, to {@code body}. */
    private void instruction(Instruction instruction, Map<Value, Operand> renamed, String prefix, boolean inline, List<Node> body) {
        List<Operand> operands = new ArrayList<>();
        for (Operand operand : instruction.operands()) {
            operands.add(use(operand, renamed));
        }
        Value out = instruction.out();
        if (prefix != null) {
            Value fresh = fresh(out, prefix);
            renamed.put(out, fresh);
            out = fresh;
        }
        if (inline && instruction instanceof Instruction.Call call && inlinable(call)) {
            Function callee = functions.get(call.callee().key());
            String calleePrefix = callee.name();
            changed = true;
            Map<Value, Operand> calleeNames = new HashMap<>();
            for (int i = 0; i < callee.parameters().size(); i++) {
                Value parameter = callee.parameters().get(i);
                Operand argument = operands.get(i);
                if (argument.type() == parameter.type()) {
                    calleeNames.put(parameter, argument); // the callee reads the argument itself
                } else {
                    Value bound = new Value(nextId++, calleePrefix + "_" + parameter.hint(), parameter.type());
                    add(new Instruction.Copy(bound, argument), body); // a widening, as Java's call does
                    calleeNames.put(parameter, bound);
                }
            }
            body.addAll(nodes(callee.body(), calleeNames, calleePrefix, new HashMap<>(), true));
            Operand result = callee.result() instanceof Value v ? calleeNames.getOrDefault(v, v) : callee.result();
            if (result.type() != instruction.out().type() && instruction.out().isTemporary()) {
                // an int returned as a double (return m;): widen it, as the call did, or i * f(m) would stay int
                Value widened = new Value(nextId++, null, instruction.out().type());
                add(new Instruction.Copy(widened, result), body);
                result = widened;
            }
            if (instruction.out().isTemporary()) {
                renamed.put(instruction.out(), result); // no name to keep: read the callee's result directly
            } else {
                add(new Instruction.Copy(out, result), body);
            }
        } else {
            add(instruction.with(out, operands), body);
        }
    }

    private void add(Instruction instruction, List<Node> body) {
        body.add(instruction);
        emitted++;
    }

    /**
     * True when {@code call} is written inline: its callee's source is in this compilation, its code can be
     * written in the caller's package, and the method stays within the budget. A call with arrays is inlined
     * (whatever the budget) only between straight-line methods; a callee with branches or loops only when it
     * works on numbers alone (its arrays would need the caller's element bookkeeping).
     */
    private boolean inlinable(Instruction.Call call) {
        Function callee = functions.get(call.callee().key());
        if (callee == null || hiddenField(callee, home) != null || hiddenCall(callee, home) != null) {
            return false;
        }
        if (carriesArrays(call)) {
            return straightCaller && !callee.hasControlFlow();
        }
        if ((!straightCaller || callee.hasControlFlow()) && !(numeric(callee) && visibleThrows(callee))) {
            return false;
        }
        return emitted + flatSize(call.callee().key()) <= BUDGET;
    }

    /**
     * True when {@code callee} and the methods it calls create, write and pass no arrays (they may read static
     * array fields).
     */
    private boolean numeric(Function callee) {
        return numeric(callee, functions::get);
    }

    private static boolean numeric(Function callee, java.util.function.Function<String, Function> lookup) {
        for (Instruction i : callee.instructions()) {
            Function next = i instanceof Instruction.Call c ? lookup.apply(c.callee().key()) : null;
            if (i.out().type().isArray() || i instanceof Instruction.Store || i instanceof Instruction.NewArray
                    || i instanceof Instruction.ArrayLiteral || i instanceof Instruction.ArrayCall
                    || (i instanceof Instruction.Call c && (carriesArrays(c) || (next != null && !numeric(next, lookup))))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a call with numbers only that {@code flat} (a function after {@link #inlineCalls}) still makes stays a
     * call, completing "{@code g} ...", for the Javadoc of the zero-allocation form. {@code lookup} gives the
     * callees of this compilation (null for a method compiled separately).
     */
    public static String whyKept(Function flat, Instruction.Call call, java.util.function.Function<String, Function> lookup) {
        Function callee = lookup.apply(call.callee().key());
        String home = flat.signature().owner().packageName();
        if (callee == null) {
            return "is compiled separately and called through its companion";
        }
        if (hiddenField(callee, home) != null || hiddenCall(callee, home) != null) {
            return "reads a field or calls a method that this package cannot see, so its code cannot be written here";
        }
        boolean[] header = {false};
        Node.forEach(flat.body(), n -> {
            if (n instanceof Node.Loop loop && (Node.instructions(loop.init()).contains(call)
                    || Node.instructions(loop.condition()).contains(call) || Node.instructions(loop.update()).contains(call))) {
                header[0] = true;
            }
        });
        if (header[0]) {
            return "is called in a loop header, which is not written out inline";
        }
        if (callee.hasControlFlow() && !numeric(callee, lookup)) {
            return "has branches or loops and works with arrays, which are not written out inline";
        }
        if (callee.hasControlFlow() && !visibleThrows(callee, home)) {
            return "throws an exception that this package cannot name";
        }
        return "would make this method larger than the inlining budget of " + BUDGET + " operations, which keeps it\n"
                + "small enough for the JIT to compile";
    }

    private boolean visibleThrows(Function callee) {
        return visibleThrows(callee, home);
    }

    /** True when every exception {@code callee} throws is one that code in {@code home} can name. */
    private static boolean visibleThrows(Function callee, String home) {
        boolean[] visible = {true};
        Node.forEach(callee.body(), n -> {
            if (n instanceof Node.Throw t && !t.exception().packageName().equals("java.lang")
                    && !t.exception().packageName().equals(home)) {
                visible[0] = false; // a package-private exception of another package would not compile here
            }
        });
        return visible[0];
    }

    /**
     * A call that passes or returns an array is written inline, whatever the budget, when the caller and the callee
     * are straight-line code: a gradient record of an array result would be a pullback, which the callee's forward
     * pass cannot give before its adjoint is known. Otherwise the call stays a call: one that returns a {@code double}
     * composes through the callee's record, whose partials with respect to array parameters are fresh arrays, which
     * the caller scales; one that returns an array calls the callee for its value, and the callee's pullback in the
     * caller's backward pass, once the result's adjoint is complete.
     */
    public static boolean carriesArrays(Instruction.Call call) {
        return call.out().type().isArray() || call.callee().parameterTypes().stream().anyMatch(Type::isArray);
    }

    /** True when {@code function} calls a method with arrays: its record form is written with the calls inline too. */
    public static boolean hasArrayCalls(Function function) {
        return function.calls().stream().anyMatch(Inliner::carriesArrays);
    }

    /** The number of operations of a function with all its calls inlined (capped, since chains can grow fast). */
    private int flatSize(String key) {
        Integer known = flatSizes.get(key);
        if (known != null) {
            return known;
        }
        long size = 0;
        for (Instruction instruction : functions.get(key).instructions()) {
            size += instruction instanceof Instruction.Call call && functions.containsKey(call.callee().key())
                    ? 1 + flatSize(call.callee().key()) : 1;
        }
        int capped = (int) Math.min(size, Integer.MAX_VALUE / 4);
        flatSizes.put(key, capped);
        return capped;
    }

    private static int maxId(Function function) {
        int[] max = {-1};
        for (Value p : function.parameters()) {
            max[0] = Math.max(max[0], p.id());
        }
        Node.forEach(function.body(), n -> {
            List<Value> defined = new ArrayList<>();
            if (n instanceof Instruction instruction) {
                defined.add(instruction.out());
            } else if (n instanceof Node.Write write) {
                defined.add(write.variable());
            } else if (n instanceof Node.If branch) {
                defined.addAll(branch.variables());
            } else if (n instanceof Node.Loop loop) {
                loop.carried().forEach(c -> {
                    defined.add(c.variable());
                    defined.add(c.entry());
                });
            }
            defined.forEach(v -> max[0] = Math.max(max[0], v.id()));
        });
        return max[0];
    }

    private static int maxLoopId(List<Node> body) {
        int[] max = {-1};
        Node.forEach(body, n -> {
            if (n instanceof Node.Loop loop) {
                max[0] = Math.max(max[0], loop.id());
            }
        });
        return max[0];
    }
}
