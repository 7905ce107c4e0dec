package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Array fields read as data: a {@code static final double[]}, {@code double[][]}, {@code int[]} or {@code int[][]} field of the user's classes
 * ({@code DATA[i][j]}, {@code Owner.DATA[i]}, {@code DATA.length}, {@code DATA} passed to {@code ArrayMath} or to
 * another {@code @Differentiable} method) is a constant as far as the gradient is concerned: its adjoint is not
 * computed, and the generated code reads the field by its name, forward and backward. So, as for array
 * parameters, the caller must not change its contents while a gradient is computed; the method itself cannot
 * (writing into it is an error).
 */
final class ArrayFields {

    private ArrayFields() {}

    /**
     * The type of the array field {@code field}, or the error that says why the companion class cannot read it:
     * it is not final, not {@code double[]} or {@code double[][]}, or not accessible from the companion
     * ({@code accessible}: a top-level class in the user's package).
     */
    static Type type(VariableElement field, Optional<Type> type, boolean accessible, Tree where) {
        String name = field.getSimpleName().toString();
        if (type.isEmpty() || !type.get().isArray()) {
            throw new Unsupported(where, "the array field '" + name + "' has type " + field.asType()
                    + "; SourceGrad reads double[], double[][], int[] and int[][] fields as data");
        }
        if (!field.getModifiers().contains(Modifier.FINAL)) {
            throw new Unsupported(where, "reading the array field '" + name + "' is not supported: it is not final, "
                    + "and SourceGrad reads only static final arrays as data; make it final, or pass " + name
                    + " as a parameter (leave it out of wrt if it is data, not a variable to differentiate)");
        }
        if (!accessible) {
            throw new Unsupported(where, "the array field '" + name + "' is private, and the generated class, which "
                    + "reads it forward and backward, cannot see it; make " + name + " package-private (drop "
                    + "'private'), or pass it as a parameter");
        }
        return type.get();
    }

    /** Why the method cannot write into the array field {@code name}. */
    static String cannotWrite(String name, Type type) {
        return "writing into the array field '" + name + "' is not supported: SourceGrad reads static final arrays "
                + "as constant data; write into a copy: " + type.keyword() + " " + name.toLowerCase(java.util.Locale.ROOT)
                + " = ArrayMath.copy(" + name + ");";
    }
}
