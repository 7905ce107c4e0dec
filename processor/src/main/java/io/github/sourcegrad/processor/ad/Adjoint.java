package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The backward pass of one function with respect to {@code wrt}: adjoint statements in execution order, the
 * parameters that some statement reaches (the others have derivative 0), and, for each call whose result
 * is active, the argument positions whose partial derivatives the backward pass reads. A body with branches or
 * loops has no statement list: its {@link Flow} says what each instruction contributes, and the writer lays the
 * backward pass out along the body's structure.
 */
public record Adjoint(
        Function function,
        List<Value> wrt,
        List<Statement> statements,
        Set<Value> reached,
        Map<Instruction.Call, SortedSet<Integer>> activeCalls,
        Flow flow) {

    /** {@code double dv = expr;} when {@code declares}, else {@code dv += expr;}. */
    public record Statement(Value target, boolean declares, Expr expr) {}

    public Adjoint {
        wrt = List.copyOf(wrt);
        statements = List.copyOf(statements);
        reached = Set.copyOf(reached);
        activeCalls = Map.copyOf(activeCalls);
    }
}
