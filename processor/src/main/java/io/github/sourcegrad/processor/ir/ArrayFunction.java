package io.github.sourcegrad.processor.ir;

import static io.github.sourcegrad.processor.ir.Type.DOUBLE;
import static io.github.sourcegrad.processor.ir.Type.MATRIX;
import static io.github.sourcegrad.processor.ir.Type.VECTOR;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vectorized operations of {@code io.github.sourcegrad.ArrayMath} that SourceGrad differentiates, with the
 * overloads each has. Their derivatives live in {@code ad.Rules}; this enum says what they are called and which
 * shapes they take and give.
 */
public enum ArrayFunction {
    MATMUL("matmul", sig(MATRIX, MATRIX, MATRIX), sig(VECTOR, MATRIX, VECTOR), sig(VECTOR, VECTOR, MATRIX)),
    TRANSPOSE("transpose", sig(MATRIX, MATRIX)),
    ADD("add", sig(VECTOR, VECTOR, VECTOR), sig(MATRIX, MATRIX, MATRIX), sig(VECTOR, VECTOR, DOUBLE), sig(MATRIX, MATRIX, DOUBLE),
            sig(VECTOR, DOUBLE, VECTOR), sig(MATRIX, DOUBLE, MATRIX)),
    SUBTRACT("subtract", sig(VECTOR, VECTOR, VECTOR), sig(MATRIX, MATRIX, MATRIX), sig(VECTOR, VECTOR, DOUBLE),
            sig(MATRIX, MATRIX, DOUBLE), sig(VECTOR, DOUBLE, VECTOR), sig(MATRIX, DOUBLE, MATRIX)),
    MULTIPLY("multiply", sig(VECTOR, VECTOR, VECTOR), sig(MATRIX, MATRIX, MATRIX)),
    DIVIDE("divide", sig(VECTOR, VECTOR, VECTOR), sig(MATRIX, MATRIX, MATRIX)),
    SCALE("scale", sig(VECTOR, DOUBLE, VECTOR), sig(MATRIX, DOUBLE, MATRIX)),
    NEGATE("negate", sig(VECTOR, VECTOR), sig(MATRIX, MATRIX)),
    ADD_ROW("addRow", sig(MATRIX, MATRIX, VECTOR)),
    SUBTRACT_ROW("subtractRow", sig(MATRIX, MATRIX, VECTOR)),
    MULTIPLY_ROW("multiplyRow", sig(MATRIX, MATRIX, VECTOR)),
    SQUARE("square", elementWise()),
    EXP("exp", elementWise()),
    LOG("log", elementWise()),
    TANH("tanh", elementWise()),
    SIGMOID("sigmoid", elementWise()),
    RELU("relu", elementWise()),
    SOFTPLUS("softplus", elementWise()),
    LOG_SIGMOID("logSigmoid", elementWise()),
    LOG_ADD_EXP("logAddExp", sig(VECTOR, VECTOR, VECTOR), sig(MATRIX, MATRIX, MATRIX)),
    MAX("max", sig(VECTOR, VECTOR, DOUBLE), sig(MATRIX, MATRIX, DOUBLE)),
    SUM("sum", sig(DOUBLE, VECTOR), sig(DOUBLE, MATRIX)),
    SUM_ROWS("sumRows", sig(VECTOR, MATRIX)),
    DOT("dot", sig(DOUBLE, VECTOR, VECTOR), sig(DOUBLE, MATRIX, MATRIX)),
    LOG_SUM_EXP("logSumExp", sig(DOUBLE, VECTOR)),
    SOFTMAX("softmax", elementWise()),
    /**
     * {@code maskGreater(a, c, d)}: {@code d} where {@code a > c}, 0 elsewhere; linear in {@code d}, constant in
     * {@code a} and {@code c}. The tangent of {@code relu} and {@code max} in forward mode.
     */
    MASK_GREATER("maskGreater", sig(VECTOR, VECTOR, DOUBLE, VECTOR), sig(MATRIX, MATRIX, DOUBLE, MATRIX)),
    COPY("copy", sig(VECTOR, VECTOR), sig(MATRIX, MATRIX), sig(Type.INT_VECTOR, Type.INT_VECTOR),
            sig(Type.INT_MATRIX, Type.INT_MATRIX));

    /** The class these live in. */
    public static final String OWNER = "io.github.sourcegrad.ArrayMath";

    /** One overload: the result type, then the parameter types. */
    private record Signature(Type result, List<Type> parameters) {}

    private final String javaName;
    private final List<Signature> signatures;

    ArrayFunction(String javaName, Signature... signatures) {
        this.javaName = javaName;
        this.signatures = List.of(signatures);
    }

    public String javaName() {
        return javaName;
    }

    /** The result type of the overload that takes exactly these argument types (a {@code double} takes int and long too). */
    public Optional<Type> resultType(List<Type> args) {
        for (Signature s : signatures) {
            if (s.parameters().size() == args.size() && accepts(s.parameters(), args)) {
                return Optional.of(s.result());
            }
        }
        return Optional.empty();
    }

    /** The overloads, as Java would write them: {@code matmul(double[][], double[])}. */
    public String overloads() {
        return signatures.stream()
                .map(s -> javaName + "(" + s.parameters().stream().map(Type::keyword).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
    }

    public static Optional<ArrayFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.javaName.equals(name)).findFirst();
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(ArrayFunction::javaName).collect(Collectors.joining(", "));
    }

    private static boolean accepts(List<Type> parameters, List<Type> args) {
        for (int i = 0; i < args.size(); i++) {
            Type p = parameters.get(i);
            Type a = args.get(i);
            if (p != a && !(p == DOUBLE && (a == Type.INT || a == Type.LONG))) {
                return false;
            }
        }
        return true;
    }

    private static Signature sig(Type result, Type... parameters) {
        return new Signature(result, List.of(parameters));
    }

    private static Signature[] elementWise() {
        return new Signature[] {sig(VECTOR, VECTOR), sig(MATRIX, MATRIX)};
    }
}
