package io.github.sourcegrad.processor.write;

import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
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
 *   <li>the adjoint of {@code v} is {@code dv}, or {@code d_v} when the user already has a {@code dv};</li>
 *   <li>the local gradient of a call whose result is {@code q} is {@code qLocal}.</li>
 * </ol>
 */
final class Names {
    private final Set<String> taken = new HashSet<>();
    private final Map<Value, String> forward = new HashMap<>();
    private final Map<Value, String> adjoint = new HashMap<>();
    private final Map<Value, String> callLocals = new HashMap<>();
    private final String grad;

    Names(Function function, Adjoint adjoint) {
        for (Value p : function.parameters()) {
            taken.add(p.hint());
            forward.put(p, p.hint());
        }
        for (Instruction instruction : function.body()) {
            if (!instruction.out().isTemporary()) {
                taken.add(instruction.out().hint());
            }
        }
        Set<String> firstUseDone = new HashSet<>(taken.size());
        for (Value p : function.parameters()) {
            firstUseDone.add(p.hint());
        }
        int temporaries = 0;
        for (Instruction instruction : function.body()) {
            Value out = instruction.out();
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
        for (Instruction.Call call : function.calls()) {
            if (adjoint.activeCalls().containsKey(call)) {
                String name = free(forward.get(call.out()) + "Local");
                callLocals.put(call.out(), name);
            }
        }
        Set<Value> needAdjoints = new LinkedHashSet<>(adjoint.wrt());
        adjoint.statements().forEach(s -> needAdjoints.add(s.target()));
        for (Value v : ordered(function, needAdjoints)) {
            String base = forward.get(v);
            String name = isFree("d" + base) ? "d" + base : free("d_" + base);
            taken.add(name);
            this.adjoint.put(v, name);
        }
        this.grad = free("grad");
        taken.add(grad);
    }

    String of(Value v) {
        return forward.get(v);
    }

    String adjoint(Value v) {
        return adjoint.get(v);
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
        for (Instruction instruction : function.body()) {
            if (values.contains(instruction.out())) {
                result.add(instruction.out());
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
