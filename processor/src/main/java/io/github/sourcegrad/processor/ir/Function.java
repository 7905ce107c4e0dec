package io.github.sourcegrad.processor.ir;

import java.util.List;

/**
 * A {@code @Differentiable} method in SSA form: its parameters, the forward instructions in order, and the
 * returned operand. {@code differentiated} is the subset of {@code parameters} (in declaration order)
 * that its public gradient is taken with respect to.
 */
public record Function(
        Callee signature,
        List<Value> parameters,
        List<Value> differentiated,
        List<Instruction> body,
        Operand result) {

    public Function {
        parameters = List.copyOf(parameters);
        differentiated = List.copyOf(differentiated);
        body = List.copyOf(body);
    }

    public String name() {
        return signature.name();
    }

    public List<Instruction.Call> calls() {
        return body.stream()
                .filter(Instruction.Call.class::isInstance)
                .map(Instruction.Call.class::cast)
                .toList();
    }
}
