package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;

/**
 * The checks a gradient method makes on its arguments before anything else, so that a wrong argument fails at
 * once with a message naming it: no array is null, no gradient buffer is an argument it reads or another buffer
 * (the buffer form), and each matrix is rectangular.
 */
final class ArgumentChecks {
    static final ClassName BUFFERS = ClassName.get("io.github.sourcegrad", "Buffers");

    private ArgumentChecks() {
    }

    /**
     * The checks every form makes before anything else: no array argument is null ({@code extra} are the
     * names of the arrays the form adds: the upstream adjoint, the gradient buffers).
     */
    static CodeBlock nullChecks(Function f, List<String> extra) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Value p : f.parameters()) {
            if (p.type().isArray()) {
                code.addStatement("$T.requireNonNull($N, $S)", java.util.Objects.class, p.hint(), p.hint());
            }
        }
        for (String name : extra) {
            code.addStatement("$T.requireNonNull($N, $S)", java.util.Objects.class, name, name);
        }
        return code.build();
    }

    /**
     * The buffer form's first check: no array is null, and no buffer it clears and writes is an argument it
     * reads or another buffer, or shares a row with one; one chained call over every array, which allocates
     * nothing. Empty when there is only one array (the {@code grad} of a method of {@code double}s).
     */
    static CodeBlock aliasingCheck(Function f, String upstream, String grad, List<String> buffers) {
        // an int[] parameter cannot alias a gradient buffer, a double array
        List<Value> inputs = f.parameters().stream().filter(p -> p.type().isRealArray()).toList();
        int arrays = inputs.size() + (upstream != null ? 1 : 0) + (grad != null ? 1 : 0) + buffers.size();
        if (arrays < 2) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder chain = CodeBlock.builder().add("$T.check()", BUFFERS);
        for (Value p : inputs) {
            chain.add("$Z.input($S, $N)", p.hint(), p.hint());
        }
        if (upstream != null) {
            chain.add("$Z.input($S, $N)", upstream, upstream);
        }
        if (grad != null) {
            chain.add("$Z.buffer($S, $N)", grad, grad);
        }
        for (String b : buffers) {
            chain.add("$Z.buffer($S, $N)", b, b);
        }
        CodeBlock.Builder code = CodeBlock.builder().addStatement("$L$Z.requireDistinct()", chain.build());
        for (Value p : f.parameters()) {
            if (p.type().isArray() && !p.type().isReal()) { // left out of the chain, which checks only double arrays
                code.addStatement("$T.requireNonNull($N, $S)", java.util.Objects.class, p.hint(), p.hint());
            }
        }
        return code.build();
    }

    /** The checks every form makes first: each matrix parameter is rectangular. */
    static CodeBlock shapeChecks(Function f) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Value p : f.parameters()) {
            if (p.type() == Type.MATRIX) {
                code.addStatement("$T.requireRectangular($S, $N)", ExprPrinter.ARRAY_MATH, p.hint(), p.hint());
            }
        }
        return code.build();
    }
}
