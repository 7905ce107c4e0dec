package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces each call to another {@code @Differentiable} method by the callee's own instructions, for the
 * zero-allocation form: a composed call returns its local gradient as a record, which HotSpot removes only
 * when it inlines the callee. Calls are inlined while the method stays within {@link #BUDGET} operations, and
 * calls that pass or return arrays always are, in the record form too, unless the callee has control flow. The callee reads the caller's arguments (through a widening copy named
 * {@code callee_param} where the types differ), its named values become {@code callee_name}, and its result
 * is copied into the caller's variable when the caller named one.
 */
public final class Inliner {
    /**
     * How many operations a method may grow to by inlining. Beyond it a call stays a call: HotSpot does not
     * compile methods of more than 8000 bytes of bytecode, and a long chain of calls would otherwise grow
     * without bound.
     */
    static final int BUDGET = 160;

    private final Map<String, Function> functions;
    private final Map<String, Integer> flatSizes = new HashMap<>();
    private int nextId;

    /** The caller's package, where the inlined code is written. */
    private final String home;

    private Inliner(Map<String, Function> functions, int firstFreeId, String home) {
        this.functions = functions;
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
     * to the others stay calls, through their companions), and calls must not form a cycle.
     */
    public static Function inlineCalls(Function function, Map<String, Function> functions) {
        if (function.calls().isEmpty() || function.hasControlFlow()) {
            return function; // branches and loops keep their calls: the record form's composition
        }
        Inliner inliner = new Inliner(functions, maxId(function) + 1, function.signature().owner().packageName());
        List<Instruction> body = new ArrayList<>();
        Map<Value, Operand> renamed = new HashMap<>();
        inliner.append(function.straightLine(), renamed, null, body);
        Operand result = function.result() instanceof Value v ? renamed.getOrDefault(v, v) : function.result();
        return new Function(function.signature(), function.parameters(), function.differentiated(), List.<io.github.sourcegrad.processor.ir.Node>copyOf(body), result,
                function.dataTypes());
    }

    /** Appends {@code instructions} to {@code body}, renaming through {@code renamed}; {@code prefix} null for the caller itself. */
    private void append(List<Instruction> instructions, Map<Value, Operand> renamed, String prefix, List<Instruction> body) {
        for (Instruction instruction : instructions) {
            List<Operand> operands = new ArrayList<>();
            for (Operand operand : instruction.operands()) {
                operands.add(operand instanceof Value v ? renamed.getOrDefault(v, v) : operand);
            }
            Value out = instruction.out();
            if (prefix != null) {
                Value fresh = new Value(nextId++, out.hint() == null ? null : prefix + "_" + out.hint(), out.type());
                renamed.put(out, fresh);
                out = fresh;
            }
            if (instruction instanceof Instruction.Call call
                    && functions.containsKey(call.callee().key()) // not compiled separately: its source is here
                    && !functions.get(call.callee().key()).hasControlFlow()
                    && hiddenField(functions.get(call.callee().key()), home) == null
                    && hiddenCall(functions.get(call.callee().key()), home) == null
                    && (carriesArrays(call) || body.size() + flatSize(call.callee().key()) <= BUDGET)) {
                Function callee = functions.get(call.callee().key());
                String calleePrefix = callee.name();
                Map<Value, Operand> calleeNames = new HashMap<>();
                for (int i = 0; i < callee.parameters().size(); i++) {
                    Value parameter = callee.parameters().get(i);
                    Operand argument = operands.get(i);
                    if (argument.type() == parameter.type()) {
                        calleeNames.put(parameter, argument); // the callee reads the argument itself
                    } else {
                        Value bound = new Value(nextId++, calleePrefix + "_" + parameter.hint(), parameter.type());
                        body.add(new Instruction.Copy(bound, argument)); // a widening, as Java's call does
                        calleeNames.put(parameter, bound);
                    }
                }
                append(callee.straightLine(), calleeNames, calleePrefix, body);
                Operand result = callee.result() instanceof Value v ? calleeNames.getOrDefault(v, v) : callee.result();
                if (result.type() != instruction.out().type() && instruction.out().isTemporary()) {
                    // an int returned as a double (return m;): widen it, as the call did, or i * f(m) would stay int
                    Value widened = new Value(nextId++, null, instruction.out().type());
                    body.add(new Instruction.Copy(widened, result));
                    result = widened;
                }
                if (instruction.out().isTemporary()) {
                    renamed.put(instruction.out(), result); // no name to keep: read the callee's result directly
                } else {
                    body.add(new Instruction.Copy(out, result));
                }
            } else {
                body.add(instruction.with(out, operands));
            }
        }
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
        int max = -1;
        for (Value p : function.parameters()) {
            max = Math.max(max, p.id());
        }
        for (Instruction instruction : function.straightLine()) {
            max = Math.max(max, instruction.out().id());
        }
        return max;
    }
}
