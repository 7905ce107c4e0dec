package io.github.sourcegrad.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The functions of {@code java.lang.Math} and {@code StrictMath} that SourceGrad differentiates, and those of
 * {@code io.github.sourcegrad.SmoothMath} ({@link #isSmooth()}), which it treats the same way. Their
 * derivatives live in {@code ad.Rules}; this enum only says what they are called, which class has them and how
 * many arguments they take. The integer functions ({@link #isInteger()}: {@code addExact}, {@code floorMod}, ...)
 * are accepted as what they are, integer arithmetic without a derivative; {@code clamp} and {@code ceilDiv} and
 * the like resolve only on a JDK that has them (21 and 18).
 */
public enum MathFunction {
    EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), LOG1P("log1p", 1), EXPM1("expm1", 1),
    SQRT("sqrt", 1), CBRT("cbrt", 1), POW("pow", 2),
    SIN("sin", 1), COS("cos", 1), TAN("tan", 1), ASIN("asin", 1), ACOS("acos", 1), ATAN("atan", 1),
    ATAN2("atan2", 2), SINH("sinh", 1), COSH("cosh", 1), TANH("tanh", 1),
    ABS("abs", 1), MAX("max", 2), MIN("min", 2), HYPOT("hypot", 2),
    SIGNUM("signum", 1), FLOOR("floor", 1), CEIL("ceil", 1), RINT("rint", 1), ROUND("round", 1),
    TO_RADIANS("toRadians", 1), TO_DEGREES("toDegrees", 1), FMA("fma", 3), COPY_SIGN("copySign", 2),
    SCALB("scalb", 2), IEEE_REMAINDER("IEEEremainder", 2),
    NEXT_UP("nextUp", 1), NEXT_DOWN("nextDown", 1), NEXT_AFTER("nextAfter", 2), ULP("ulp", 1),
    GET_EXPONENT("getExponent", 1), CLAMP("clamp", 3),
    // integer arithmetic: int and long arguments only, no derivative (ceilDiv and the like exist from JDK 18 on,
    // and resolve only where the JDK has them)
    ADD_EXACT("addExact", 2), SUBTRACT_EXACT("subtractExact", 2), MULTIPLY_EXACT("multiplyExact", 2),
    INCREMENT_EXACT("incrementExact", 1), DECREMENT_EXACT("decrementExact", 1), NEGATE_EXACT("negateExact", 1),
    TO_INT_EXACT("toIntExact", 1), ABS_EXACT("absExact", 1), MULTIPLY_FULL("multiplyFull", 2),
    MULTIPLY_HIGH("multiplyHigh", 2), FLOOR_DIV("floorDiv", 2), FLOOR_MOD("floorMod", 2),
    CEIL_DIV("ceilDiv", 2), CEIL_MOD("ceilMod", 2), DIVIDE_EXACT("divideExact", 2),
    FLOOR_DIV_EXACT("floorDivExact", 2), CEIL_DIV_EXACT("ceilDivExact", 2),
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
     * True for the integer functions ({@code addExact}, {@code floorMod}, ...): they take {@code int} and
     * {@code long} values only, and, like all integer arithmetic, carry no derivative.
     */
    public boolean isInteger() {
        return compareTo(ADD_EXACT) >= 0 && compareTo(CEIL_DIV_EXACT) <= 0;
    }

    /**
     * Why Java has no overload of this function for these argument types, or null when it has one: the integer
     * functions take no {@code double}, {@code scalb}'s scale factor is an {@code int}.
     */
    public String argumentProblem(Type... args) {
        if (isInteger() && java.util.Arrays.asList(args).contains(Type.DOUBLE)) {
            return javaName + " takes int and long values";
        }
        if (this == SCALB && args[1] != Type.INT) {
            return "scalb's scale factor is an int";
        }
        return null;
    }

    /**
     * The Java result type for these argument types: {@code abs}, {@code max}, {@code min} and the integer
     * functions keep ints; for an int or long argument javac picks {@code round(float)}, which returns int;
     * {@code floorMod(long, int)} returns int.
     */
    public Type resultType(Type... args) {
        return switch (this) {
            case ABS -> args[0];
            case MAX, MIN -> Type.promote(args[0], args[1]);
            // clamp(long, int, int) returns int, clamp(long, long, long) long (JDK 21)
            case CLAMP -> java.util.Arrays.asList(args).contains(Type.DOUBLE) ? Type.DOUBLE
                    : args[1] == Type.INT && args[2] == Type.INT ? Type.INT : Type.LONG;
            case ROUND -> args[0] == Type.DOUBLE ? Type.LONG : Type.INT;
            case GET_EXPONENT, TO_INT_EXACT -> Type.INT;
            case MULTIPLY_FULL, MULTIPLY_HIGH -> Type.LONG;
            case FLOOR_MOD, CEIL_MOD -> args[1] == Type.INT ? Type.INT : Type.LONG;
            default -> isInteger() ? (args.length == 1 ? args[0] : Type.promote(args[0], args[1])) : Type.DOUBLE;
        };
    }

    /**
     * True when Java would compute this call in {@code float} for these argument types ({@code signum(int)}
     * picks {@code signum(float)}, {@code scalb(int, n)} picks {@code scalb(float, int)}), which SourceGrad does
     * not model.
     */
    public boolean computesInFloat(Type... args) {
        return switch (this) {
            case SIGNUM, NEXT_UP, NEXT_DOWN, ULP, GET_EXPONENT, COPY_SIGN, FMA ->
                    java.util.Arrays.stream(args).noneMatch(t -> t == Type.DOUBLE);
            case SCALB, NEXT_AFTER -> args[0] != Type.DOUBLE;   // scalb(float, int), nextAfter(float, double)
            default -> false;
        };
    }

    /** The supported names of {@code Math} (or, with {@code smooth}, of {@code SmoothMath}), for error messages. */
    public static String supportedNames(boolean smooth) {
        return String.join(", ", Arrays.stream(values()).filter(f -> f.isSmooth() == smooth)
                .map(MathFunction::javaName).distinct().toList());
    }
}
