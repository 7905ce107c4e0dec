package io.github.sourcegrad.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The functions of {@code java.lang.Math} and {@code StrictMath} that SourceGrad differentiates, and those of
 * {@code io.github.sourcegrad.SmoothMath} ({@link #isSmooth()}), which it treats the same way. Their
 * derivatives live in {@code ad.Rules}; this enum only says what they are called, which class has them and how
 * many arguments they take.
 */
public enum MathFunction {
    EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), LOG1P("log1p", 1), EXPM1("expm1", 1),
    SQRT("sqrt", 1), CBRT("cbrt", 1), POW("pow", 2),
    SIN("sin", 1), COS("cos", 1), TAN("tan", 1), ASIN("asin", 1), ACOS("acos", 1), ATAN("atan", 1),
    ATAN2("atan2", 2), SINH("sinh", 1), COSH("cosh", 1), TANH("tanh", 1),
    ABS("abs", 1), MAX("max", 2), MIN("min", 2), HYPOT("hypot", 2),
    SIGNUM("signum", 1), FLOOR("floor", 1), CEIL("ceil", 1), RINT("rint", 1), ROUND("round", 1),
    SOFTPLUS("softplus", 1), LOG_SIGMOID("logSigmoid", 1), SIGMOID("sigmoid", 1), LOG_ADD_EXP("logAddExp", 2);

    /** The class of the smooth functions. */
    public static final String SMOOTH_OWNER = "io.github.sourcegrad.SmoothMath";

    private final String javaName;
    private final int arity;

    MathFunction(String javaName, int arity) {
        this.javaName = javaName;
        this.arity = arity;
    }

    public String javaName() {
        return javaName;
    }

    public int arity() {
        return arity;
    }

    /** True for the functions of {@code SmoothMath}, false for those of {@code Math} and {@code StrictMath}. */
    public boolean isSmooth() {
        return switch (this) {
            case SOFTPLUS, LOG_SIGMOID, SIGMOID, LOG_ADD_EXP -> true;
            default -> false;
        };
    }

    /** The function of {@code Math} (or, with {@code smooth}, of {@code SmoothMath}) of this name and arity. */
    public static Optional<MathFunction> named(String name, int arity, boolean smooth) {
        return Arrays.stream(values())
                .filter(f -> f.javaName.equals(name) && f.arity == arity && f.isSmooth() == smooth)
                .findFirst();
    }

    /**
     * The Java result type for these argument types: {@code abs}, {@code max}, {@code min} keep ints; for an
     * int or long argument javac picks {@code round(float)}, which returns int.
     */
    public Type resultType(Type... args) {
        return switch (this) {
            case ABS -> args[0];
            case MAX, MIN -> Type.promote(args[0], args[1]);
            case ROUND -> args[0] == Type.DOUBLE ? Type.LONG : Type.INT;
            default -> Type.DOUBLE;
        };
    }

    /**
     * True when Java would compute this call in {@code float} for these argument types ({@code signum(int)}
     * picks {@code signum(float)}), which SourceGrad does not model.
     */
    public boolean computesInFloat(Type... args) {
        return this == SIGNUM && args[0] != Type.DOUBLE;
    }

    /** The supported names of {@code Math} (or, with {@code smooth}, of {@code SmoothMath}), for error messages. */
    public static String supportedNames(boolean smooth) {
        return String.join(", ", Arrays.stream(values()).filter(f -> f.isSmooth() == smooth)
                .map(MathFunction::javaName).distinct().toList());
    }
}
