package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reverse mode for a body with branches and loops: which values are active, and what each active instruction
 * contributes to the adjoints of its operands. Where those statements go (reversed loops, replayed branches,
 * the tape) is decided when the code is written, from the structure of the body.
 *
 * <p>A variable's entry value in a loop ({@link Node.Loop.Carried#entry()}) is the variable itself at the
 * start of an iteration, so the two share one adjoint: what the iteration's entry value receives is what the
 * variable's adjoint holds when the previous iteration is reversed.
 */
public record Flow(
        Set<Value> varied,
        Set<Value> active,
        Map<Instruction, Map<Value, Expr>> contributions,
        Map<Value, Value> aliases) {

    public Flow {
        varied = Set.copyOf(varied);
        active = Set.copyOf(active);
        contributions = Map.copyOf(contributions);
        aliases = Map.copyOf(aliases);
    }

    /** The variable a loop's entry value stands for, or the value itself. */
    public Value canonical(Value v) {
        return aliases.getOrDefault(v, v);
    }

    static Flow analyze(Function function, List<Value> wrt, Map<Instruction.Call, SortedSet<Integer>> activeCalls) {
        List<Node> all = new ArrayList<>();
        Node.forEach(function.body(), all::add);
        Map<Value, Value> aliases = new LinkedHashMap<>();
        for (Node node : all) {
            if (node instanceof Node.Loop loop) {
                loop.carried().forEach(c -> aliases.put(c.entry(), c.variable()));
            }
        }
        Set<Value> varied = new HashSet<>(wrt);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node node : all) {
                if (node instanceof Instruction.Store store && isVaried(varied, aliases, store.value())) {
                    changed |= varied.add(canonical(aliases, (Value) store.array())); // the array holds a varied value now
                } else if (node instanceof Instruction instruction && instruction.out().type().isReal()) {
                    List<Rules.Partial> partials = Rules.of(instruction);
                    for (int i = 0; i < partials.size(); i++) {
                        if (partials.get(i) != null && isVaried(varied, aliases, instruction.operands().get(i))) {
                            changed |= varied.add(instruction.out());
                            break;
                        }
                    }
                } else if (node instanceof Node.Write w && w.variable().type().isReal()
                        && isVaried(varied, aliases, w.value())) {
                    changed |= varied.add(w.variable());
                }
            }
        }
        Set<Value> active = new HashSet<>();
        if (function.result() instanceof Value result && isVaried(varied, aliases, result)) {
            active.add(canonical(aliases, result));
        }
        changed = true;
        while (changed) {
            changed = false;
            for (Node node : all) {
                if (node instanceof Instruction instruction && isActive(instruction, active, aliases)) {
                    List<Rules.Partial> partials = Rules.of(instruction);
                    for (int i = 0; i < partials.size(); i++) {
                        Operand operand = instruction.operands().get(i);
                        if (partials.get(i) != null && isVaried(varied, aliases, operand)) {
                            changed |= active.add(canonical(aliases, (Value) operand));
                        }
                    }
                } else if (node instanceof Node.Write w && active.contains(w.variable()) && isVaried(varied, aliases, w.value())) {
                    changed |= active.add(canonical(aliases, (Value) w.value()));
                }
            }
        }
        Map<Instruction, Map<Value, Expr>> contributions = new LinkedHashMap<>();
        for (Node node : all) {
            if (!(node instanceof Instruction instruction) || !isActive(instruction, active, aliases)) {
                continue;
            }
            List<Rules.Partial> partials = Rules.of(instruction);
            Rules.Site site = site(instruction, varied, aliases);
            Map<Value, Expr> byOperand = new LinkedHashMap<>();
            for (int i = 0; i < partials.size(); i++) {
                Operand operand = instruction.operands().get(i);
                if (partials.get(i) == null || !(operand instanceof Value v) || !active.contains(canonical(aliases, v))) {
                    continue;
                }
                Expr contribution = partials.get(i).contribution(site);
                if (Expr.isZero(contribution)) {
                    continue;
                }
                byOperand.merge(v, contribution, Expr.sum(v.type()));
                if (instruction instanceof Instruction.Call call) {
                    activeCalls.computeIfAbsent(call, c -> new TreeSet<>()).add(i);
                }
            }
            contributions.put(instruction, byOperand);
        }
        return new Flow(varied, active, contributions, aliases);
    }

    /** An instruction whose adjoint statements are needed: its result is active, or, for a store, its array is. */
    private static boolean isActive(Instruction instruction, Set<Value> active, Map<Value, Value> aliases) {
        if (instruction instanceof Instruction.Store store) {
            return store.array() instanceof Value array && active.contains(canonical(aliases, array));
        }
        return active.contains(instruction.out());
    }

    private static Value canonical(Map<Value, Value> aliases, Value v) {
        return aliases.getOrDefault(v, v);
    }

    private static boolean isVaried(Set<Value> varied, Map<Value, Value> aliases, Operand operand) {
        return operand instanceof Value v && varied.contains(canonical(aliases, v));
    }

    private static Rules.Site site(Instruction instruction, Set<Value> varied, Map<Value, Value> aliases) {
        List<Expr> args = new ArrayList<>();
        List<Boolean> differentiated = new ArrayList<>();
        for (Operand operand : instruction.operands()) {
            args.add(Expr.of(operand));
            differentiated.add(isVaried(varied, aliases, operand));
        }
        return new Rules.Site(args, new Expr.Forward(instruction.out()), new Expr.Adjoint(instruction.out()), differentiated);
    }
}
