package io.github.sourcegrad.processor.ir;

import java.util.List;
import java.util.Map;

/**
 * A {@code @Differentiable} method in SSA form: its parameters, the forward instructions in order, and the
 * returned operand. {@code differentiated} is the subset of {@code parameters} (in declaration order)
 * that its public gradient is taken with respect to. {@code dataTypes} gives the class ({@code String} or an enum)
 * of each parameter of type {@link Type#OBJECT}.
 */
public record Function(
        Callee signature,
        List<Value> parameters,
        List<Value> differentiated,
        List<Node> body,
        Operand result,
        Map<Value, TypeRef> dataTypes) {

    public Function {
        parameters = List.copyOf(parameters);
        differentiated = List.copyOf(differentiated);
        body = List.copyOf(body);
        dataTypes = Map.copyOf(dataTypes);
    }

    /** A function whose parameters are all numbers, booleans and arrays. */
    public Function(Callee signature, List<Value> parameters, List<Value> differentiated, List<Node> body, Operand result) {
        this(signature, parameters, differentiated, body, result, Map.of());
    }

    public String name() {
        return signature.name();
    }

    /** True when the body has branches, loops or element stores; such functions take the structured reverse mode. */
    public boolean hasControlFlow() {
        // element stores take the same path: their backward statements clear what they overwrote
        return body.stream().anyMatch(n -> !(n instanceof Instruction) || n instanceof Instruction.Store);
    }

    /** Every instruction, nested ones included, in program order. */
    public List<Instruction> instructions() {
        return Node.instructions(body);
    }

    /** The instructions of a body without control flow. */
    public List<Instruction> straightLine() {
        if (hasControlFlow()) {
            throw new IllegalStateException(name() + " has control flow");
        }
        return body.stream().map(Instruction.class::cast).toList();
    }

    public List<Instruction.Call> calls() {
        return instructions().stream()
                .filter(Instruction.Call.class::isInstance)
                .map(Instruction.Call.class::cast)
                .toList();
    }
}
