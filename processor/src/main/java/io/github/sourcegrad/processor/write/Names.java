package io.github.sourcegrad.processor.write;

import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The local names of one generated method, all derived from the user's names and allocated in a fixed order,
 * so the same source always gives the same code:
 * <ol>
 *   <li>parameters and the first value of each user local keep their names; a reassigned local becomes
 *       {@code h2}, {@code h3}, ...;</li>
 *   <li>values the user did not name are {@code t1}, {@code t2}, ... in evaluation order;</li>
 *   <li>the adjoint of {@code v} is {@code dv}, or {@code d_v} when the user already has a {@code dv}; the
 *       adjoint of an array result that the user did not name (the pullback's upstream parameter of
 *       {@code return exp(x);}) is {@code dresult};</li>
 *   <li>the local gradient of a call whose result is {@code q} is {@code qLocal};</li>
 *   <li>in forward mode, the tangent of {@code v} is {@code tv}, or {@code t_v} when the user already has a
 *       {@code tv} ({@link #tangents}).</li>
 * </ol>
 */
final class Names {
    private final Set<String> taken = new HashSet<>();
    private final Map<Value, String> forward = new HashMap<>();
    private final Map<Value, String> adjoint = new HashMap<>();
    private final Map<Value, String> callLocals = new HashMap<>();
    private final Map<Value, String> tangent = new HashMap<>();
    private final Map<Value, String> buffers = new HashMap<>();
    private final Set<Value> inBuffer = new HashSet<>();
    private final String grad;

    Names(Function function, Adjoint adjoint) {
        for (Value p : function.parameters()) {
            taken.add(p.hint());
            forward.put(p, p.hint());
        }
        for (Instruction instruction : function.instructions()) {
            if (!instruction.out().isTemporary()) {
                taken.add(instruction.out().hint());
            }
        }
        for (Value variable : variables(function)) {
            if (!variable.isTemporary()) {
                taken.add(variable.hint());
            }
        }
        Set<String> firstUseDone = new HashSet<>(taken.size());
        for (Value p : function.parameters()) {
            firstUseDone.add(p.hint());
        }
        // the user's locals that branches and loops write keep their plain names; values merely assigned to them
        // are numbered (and usually printed as the variable itself)
        Set<Value> variables = variables(function);
        for (Value variable : variables) {
            if (!variable.isTemporary()) {
                if (firstUseDone.add(variable.hint())) {
                    taken.add(variable.hint());
                    forward.put(variable, variable.hint());
                } else {
                    claim(variable, numbered(variable.hint()));
                }
            }
        }
        int temporaries = 0;
        for (Instruction instruction : function.instructions()) {
            Value out = instruction.out();
            if (instruction instanceof Instruction.Store) {
                continue; // a store names no value
            }
            if (out.isTemporary()) {
                String name;
                do {
                    name = "t" + (++temporaries);
                } while (!isFree(name));
                claim(out, name);
            } else if (firstUseDone.add(out.hint())) {
                forward.put(out, out.hint());
            } else {
                claim(out, numbered(out.hint()));
            }
        }
        // temporaries that branches write (a conditional expression), then what a loop's entry value stands for
        for (Value variable : variables) {
            if (forward.containsKey(variable)) {
                continue;
            }
            if (variable.isTemporary()) {
                String name;
                do {
                    name = "t" + (++temporaries);
                } while (!isFree(name));
                claim(variable, name);
            } else {
                claim(variable, firstUseDone.add(variable.hint()) && isFree(variable.hint()) ? variable.hint() : numbered(variable.hint()));
            }
        }
        Node.forEach(function.body(), n -> {
            if (n instanceof Node.Loop loop) {
                loop.carried().forEach(c -> forward.put(c.entry(), forward.get(c.variable())));
            }
        });
        for (Instruction.Call call : function.calls()) {
            if (adjoint.activeCalls().containsKey(call)) {
                String name = free(forward.get(call.out()) + "Local");
                callLocals.put(call.out(), name);
            }
        }
        Set<Value> needAdjoints = new LinkedHashSet<>(adjoint.wrt());
        if (function.result() instanceof Value result && result.type().isArray()) {
            needAdjoints.add(result); // the pullback's upstream parameter
        }
        adjoint.statements().forEach(s -> needAdjoints.add(s.target()));
        if (adjoint.flow() != null) {
            needAdjoints.addAll(adjoint.flow().active());
        }
        Value upstream = function.result() instanceof Value result && result.type().isArray() ? result : null;
        for (Value v : ordered(function, needAdjoints)) {
            // the pullback's upstream parameter is named after the result: dys for ys, dresult for an expression
            String base = v.equals(upstream) && v.isTemporary() ? "result" : forward.get(v);
            String name = isFree("d" + base) ? "d" + base : free("d_" + base);
            taken.add(name);
            this.adjoint.put(v, name);
        }
        if (adjoint.flow() != null) {
            // a loop's entry value shares its variable's adjoint
            Node.forEach(function.body(), n -> {
                if (n instanceof Node.Loop loop) {
                    loop.carried().forEach(c -> {
                        if (this.adjoint.containsKey(c.variable())) {
                            this.adjoint.put(c.entry(), this.adjoint.get(c.variable()));
                        }
                    });
                }
            });
        }
        this.grad = free("grad");
        taken.add(grad);
    }

    /**
     * Lets {@code value}, which initializes a branch's or loop's {@code variable} and is used nowhere else, take
     * the variable's name, so that {@code double h = h0;} declares the loop's variable; they also share one
     * adjoint, since the value passes on exactly what the variable receives.
     */
    void share(Value variable, Value value, Iterable<Value> aliases) {
        String name = forward.get(variable);
        String adjointName = adjoint.containsKey(variable) ? adjoint.get(variable) : adjoint.get(value);
        forward.put(value, name);
        if (adjointName != null) {
            adjoint.put(variable, adjointName);
            adjoint.put(value, adjointName);
        }
        for (Value alias : aliases) {
            forward.put(alias, name);
            if (adjointName != null) {
                adjoint.put(alias, adjointName);
            }
        }
    }

    /** In the buffer form: the caller's array that receives an array parameter's gradient. */
    void buffer(Value parameter, String name) {
        buffers.put(parameter, name);
    }

    /** The buffer, marked as holding the parameter's adjoint from now on (it is cleared and added into). */
    String buffer(Value parameter) {
        String name = buffers.get(parameter);
        if (name != null) {
            inBuffer.add(parameter);
        }
        return name;
    }

    /** The buffer's name, without marking it as holding the adjoint. */
    String bufferName(Value parameter) {
        return buffers.get(parameter);
    }

    boolean hasBuffer(Value parameter) {
        return buffers.containsKey(parameter);
    }

    /** True when the parameter's adjoint is its buffer, so nothing is left to copy into it. */
    boolean isInBuffer(Value parameter) {
        return inBuffer.contains(parameter);
    }

    /**
     * For a method that names its own locals beside the parameters only ({@code jacobian<name>}, a record form that runs
     * the buffer form): {@code base}, or {@code base} followed by the first number that makes it differ from every
     * name in {@code taken}, which it then joins.
     */
    static String unused(String base, java.util.Set<String> taken) {
        String name = base;
        for (int k = 2; taken.contains(name); k++) {
            name = base + k;
        }
        taken.add(name);
        return name;
    }

    /** A fresh local for code the user did not write (a trip count, a tape): {@code base}, else {@code base2}, .... */
    String fresh(String base) {
        return free(base);
    }

    /** The variables of branches and loops, and the result variable, in program order. */
    private static Set<Value> variables(Function function) {
        Set<Value> variables = new LinkedHashSet<>();
        Node.forEach(function.body(), n -> {
            if (n instanceof Node.If branch) {
                variables.addAll(branch.variables());
            } else if (n instanceof Node.Loop loop) {
                loop.carried().forEach(c -> variables.add(c.variable()));
            } else if (n instanceof Node.Write w) {
                variables.add(w.variable());
            }
        });
        return variables;
    }

    String of(Value v) {
        return forward.get(v);
    }

    String adjoint(Value v) {
        return adjoint.get(v);
    }

    /**
     * Names the tangents of {@code varied} ({@code tv} for {@code v}, {@code t_v} when taken), parameters first, then in
     * program order; a loop's entry value shares its variable's tangent, as its name.
     */
    void tangents(Function function, Set<Value> varied) {
        for (Value v : ordered(function, varied)) {
            String base = forward.get(v);
            String name = isFree("t" + base) ? "t" + base : free("t_" + base);
            taken.add(name);
            tangent.put(v, name);
        }
        Node.forEach(function.body(), n -> {
            if (n instanceof Node.Loop loop) {
                loop.carried().forEach(c -> {
                    if (tangent.containsKey(c.variable())) {
                        tangent.put(c.entry(), tangent.get(c.variable()));
                    }
                });
            }
        });
    }

    String tangent(Value v) {
        return tangent.get(v);
    }

    String local(Instruction.Call call) {
        return callLocals.get(call.out());
    }

    String grad() {
        return grad;
    }

    private static Iterable<Value> ordered(Function function, Set<Value> values) {
        Set<Value> result = new LinkedHashSet<>();
        for (Value p : function.parameters()) {
            if (values.contains(p)) {
                result.add(p);
            }
        }
        for (Instruction instruction : function.instructions()) {
            if (values.contains(instruction.out())) {
                result.add(instruction.out());
            }
        }
        for (Value variable : variables(function)) {
            if (values.contains(variable)) {
                result.add(variable);
            }
        }
        return result;
    }

    private void claim(Value v, String name) {
        taken.add(name);
        forward.put(v, name);
    }

    private String numbered(String hint) {
        for (int k = 2; ; k++) {
            if (isFree(hint + k)) {
                return hint + k;
            }
        }
    }

    private String free(String base) {
        String name = isFree(base) ? base : numbered(base);
        taken.add(name);
        return name;
    }

    private boolean isFree(String name) {
        return !taken.contains(name) && !SourceVersion.isKeyword(name);
    }
}
