package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported {@code Math} / {@code StrictMath} function, qualified and static-imported, against
 * central finite differences and against its textbook derivative, at points away from kinks and domain
 * edges. All functions are compiled in one compilation.
 */
class MathFunctionsTest {

    private static final String FNS = "m.Fns";
    private static final String STRICT = "m.Strict";
    private static final String IMPORTED = "m.Imported";
    private static final String STAR = "m.Star";
    private static final String MIXED = "m.Mixed";
    private static final String FLAT = "m.Flat";
    private static final String SMOOTH = "m.Smooth";
    private static final String SMOOTH_IMPORTED = "m.SmoothImported";
    private static final String MORE = "m.More";
    private static final String INTEGER = "m.Ints";

    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(
                source(FNS, """
                        package m;

                        import io.github.sourcegrad.Differentiable;

                        class Fns {
                            @Differentiable static double exp(double x) { return Math.exp(x); }
                            @Differentiable static double log(double x) { return Math.log(x); }
                            @Differentiable static double log10(double x) { return Math.log10(x); }
                            @Differentiable static double log1p(double x) { return Math.log1p(x); }
                            @Differentiable static double expm1(double x) { return Math.expm1(x); }
                            @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
                            @Differentiable static double cbrt(double x) { return Math.cbrt(x); }
                            @Differentiable static double sin(double x) { return Math.sin(x); }
                            @Differentiable static double cos(double x) { return Math.cos(x); }
                            @Differentiable static double tan(double x) { return Math.tan(x); }
                            @Differentiable static double asin(double x) { return Math.asin(x); }
                            @Differentiable static double acos(double x) { return Math.acos(x); }
                            @Differentiable static double atan(double x) { return Math.atan(x); }
                            @Differentiable static double sinh(double x) { return Math.sinh(x); }
                            @Differentiable static double cosh(double x) { return Math.cosh(x); }
                            @Differentiable static double tanh(double x) { return Math.tanh(x); }
                            @Differentiable static double abs(double x) { return Math.abs(x); }
                            @Differentiable static double powInt(double x) { return Math.pow(x, 3); }
                            @Differentiable static double powNegInt(double x) { return Math.pow(x, -2); }
                            @Differentiable static double powHalf(double x) { return Math.pow(x, 0.5); }
                            @Differentiable static double powFrac(double x) { return Math.pow(x, 2.5); }
                            @Differentiable static double powNegFrac(double x) { return Math.pow(x, -1.5); }
                            @Differentiable static double powVar(double x, double y) { return Math.pow(x, y); }
                            @Differentiable static double powBase(double x) { return Math.pow(2.0, x); }
                            @Differentiable static double atan2(double y, double x) { return Math.atan2(y, x); }
                            @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
                            @Differentiable static double max(double x, double y) { return Math.max(x, y); }
                            @Differentiable static double min(double x, double y) { return Math.min(x, y); }
                            @Differentiable static double maxConst(double x) { return Math.max(x, 0.5); }
                            @Differentiable static double minConst(double x) { return Math.min(1, x); }
                        }
                        """),
                source(STRICT, """
                        package m;

                        import io.github.sourcegrad.Differentiable;

                        class Strict {
                            @Differentiable static double exp(double x) { return StrictMath.exp(x); }
                            @Differentiable static double log(double x) { return StrictMath.log(x); }
                            @Differentiable static double log10(double x) { return StrictMath.log10(x); }
                            @Differentiable static double log1p(double x) { return StrictMath.log1p(x); }
                            @Differentiable static double expm1(double x) { return StrictMath.expm1(x); }
                            @Differentiable static double sqrt(double x) { return StrictMath.sqrt(x); }
                            @Differentiable static double cbrt(double x) { return StrictMath.cbrt(x); }
                            @Differentiable static double sin(double x) { return StrictMath.sin(x); }
                            @Differentiable static double cos(double x) { return StrictMath.cos(x); }
                            @Differentiable static double tan(double x) { return StrictMath.tan(x); }
                            @Differentiable static double asin(double x) { return StrictMath.asin(x); }
                            @Differentiable static double acos(double x) { return StrictMath.acos(x); }
                            @Differentiable static double atan(double x) { return StrictMath.atan(x); }
                            @Differentiable static double sinh(double x) { return StrictMath.sinh(x); }
                            @Differentiable static double cosh(double x) { return StrictMath.cosh(x); }
                            @Differentiable static double tanh(double x) { return StrictMath.tanh(x); }
                            @Differentiable static double abs(double x) { return StrictMath.abs(x); }
                            @Differentiable static double powVar(double x, double y) { return StrictMath.pow(x, y); }
                            @Differentiable static double atan2(double y, double x) { return StrictMath.atan2(y, x); }
                            @Differentiable static double hypot(double x, double y) { return StrictMath.hypot(x, y); }
                            @Differentiable static double max(double x, double y) { return StrictMath.max(x, y); }
                            @Differentiable static double min(double x, double y) { return StrictMath.min(x, y); }
                        }
                        """),
                source(IMPORTED, """
                        package m;

                        import static java.lang.Math.hypot;
                        import static java.lang.Math.max;
                        import static java.lang.Math.pow;
                        import static java.lang.Math.sin;
                        import static java.lang.StrictMath.atan2;
                        import static java.lang.StrictMath.exp;

                        import io.github.sourcegrad.Differentiable;

                        class Imported {
                            @Differentiable static double iSin(double x) { return sin(x); }
                            @Differentiable static double iExp(double x) { return exp(x); }
                            @Differentiable static double iPow(double x, double y) { return pow(x, y); }
                            @Differentiable static double iHypot(double x, double y) { return hypot(x, y); }
                            @Differentiable static double iAtan2(double y, double x) { return atan2(y, x); }
                            @Differentiable static double iMax(double x, double y) { return max(x, y); }
                            @Differentiable static double iCombo(double x, double y) { return sin(x) * exp(y) + pow(x, 2); }
                        }
                        """),
                source(STAR, """
                        package m;

                        import static java.lang.Math.*;

                        import io.github.sourcegrad.Differentiable;

                        class Star {
                            @Differentiable static double tLog(double x) { return log(x); }
                            @Differentiable static double tCosh(double x) { return cosh(x); }
                            @Differentiable static double tMin(double x, double y) { return min(x, y); }
                            @Differentiable static double tCombo(double x, double y) { return sqrt(x * x + y * y) * cos(x) - tanh(y); }
                        }
                        """),
                source(MIXED, """
                        package m;

                        import io.github.sourcegrad.Differentiable;

                        class Mixed {
                            @Differentiable static double c1(double x, double y) {
                                return Math.sin(x * y) + Math.exp(-x) * Math.log(1 + y * y);
                            }
                            @Differentiable static double c2(double x, double y) {
                                return Math.pow(Math.tanh(x), 2) / Math.hypot(x, y);
                            }
                            @Differentiable static double c3(double x, double y) {
                                return Math.atan2(Math.sin(x), Math.cos(y)) * Math.sqrt(x * x + 1);
                            }
                            @Differentiable static double c4(double x, double y) {
                                return Math.max(Math.sin(x), Math.cos(y)) - Math.min(x * y, 1);
                            }
                            @Differentiable static double c5(double x, double y, double z) {
                                return Math.pow(x * x + 1, y) * Math.cbrt(z) + Math.log10(Math.abs(z) + x * x + 1);
                            }
                            @Differentiable static double c6(double x) {
                                return Math.exp(Math.sin(Math.cos(x)));
                            }
                            @Differentiable static double c7(double x, double y) {
                                return Math.expm1(x * y) / Math.log1p(x * x + y * y);
                            }
                            @Differentiable static double c8(double x, double y) {
                                return Math.sinh(x) * Math.cosh(y) - Math.asin(x / 2) * Math.acos(y / 3) + Math.atan(x * y);
                            }
                            @Differentiable static double c9(double x, double y) {
                                return StrictMath.hypot(x, Math.pow(y, 3)) + Math.min(Math.abs(x - y), 0.5);
                            }
                            @Differentiable static double c10(double x, double y) {
                                double a = Math.pow(x, y) + Math.pow(y, 2);
                                double b = Math.max(a, Math.exp(x)) * Math.tan(y / 4);
                                return Math.log(a) * b - Math.hypot(a, b);
                            }
                        }
                        """),
                source(SMOOTH, """
                        package m;

                        import io.github.sourcegrad.Differentiable;
                        import io.github.sourcegrad.SmoothMath;

                        class Smooth {
                            @Differentiable static double softplus(double x) { return SmoothMath.softplus(x); }
                            @Differentiable static double logSigmoid(double x) { return SmoothMath.logSigmoid(x); }
                            @Differentiable static double sigmoid(double x) { return SmoothMath.sigmoid(x); }
                            @Differentiable static double logAddExp(double a, double b) { return SmoothMath.logAddExp(a, b); }
                            @Differentiable static double logAddExpSelf(double a) {
                                return io.github.sourcegrad.SmoothMath.logAddExp(a, a);
                            }
                        }
                        """),
                source(SMOOTH_IMPORTED, """
                        package m;

                        import static io.github.sourcegrad.ArrayMath.*;
                        import static io.github.sourcegrad.SmoothMath.*;
                        import static java.lang.Math.*;

                        import io.github.sourcegrad.Differentiable;

                        class SmoothImported {
                            @Differentiable static double logistic(double w, double x, double t) {
                                return softplus(-t * w * x) + logSigmoid(w) * sigmoid(x) + exp(logAddExp(w, x) - 3);
                            }
                        }
                        """),
                source(MORE, """
                        package m;

                        import static java.lang.Math.fma;

                        import io.github.sourcegrad.Differentiable;

                        class More {
                            @Differentiable static double toRadians(double x) { return Math.toRadians(x); }
                            @Differentiable static double toDegrees(double x) { return Math.toDegrees(x); }
                            @Differentiable static double fma3(double a, double b, double c) { return fma(a, b, c); }
                            @Differentiable static double copySign(double m, double s) { return Math.copySign(m, s); }
                            @Differentiable static double scalb(double x) { return Math.scalb(x, 3) + Math.scalb(x * x, -2); }
                            @Differentiable static double scalbOut(double x) { int n = 1000; return Math.scalb(x, n); }
                            @Differentiable static double scalbSum(double x) {
                                double s = 0;
                                for (int n = 990; n < 1000; n++) {
                                    s += Math.scalb(x, n);
                                }
                                return s;
                            }
                            @Differentiable static double ieeeRemainder(double x, double y) { return Math.IEEEremainder(x, y); }
                            @Differentiable static double remainder(double x, double y) { return x % y; }
                            @Differentiable static double remainderAssign(double x, double y) {
                                double r = x * x;
                                r %= y;
                                double[] a = {x, r};
                                a[0] %= 0.75;
                                return r * a[0];
                            }
                            @Differentiable static double nextUp(double x) { return Math.nextUp(x) * x; }
                            @Differentiable static double nextDown(double x) { return Math.nextDown(x) * x; }
                            @Differentiable static double nextAfter(double x, double y) { return Math.nextAfter(x, y) * y; }
                            @Differentiable static double ulp(double x) { return Math.ulp(x) * 1e15 + x; }
                            @Differentiable static double getExponent(double x) { return Math.getExponent(x) * x; }
                            @Differentiable static double strictToDegrees(double x) { return StrictMath.toDegrees(x); }
                            @Differentiable static double strictFma(double a, double b, double c) { return StrictMath.fma(a, b, c); }
                            @Differentiable static double strictCopySign(double m, double s) { return StrictMath.copySign(m, s); }
                            @Differentiable static double strictRemainder(double x, double y) { return StrictMath.IEEEremainder(x, y); }
                            @Differentiable static double degreesCombo(double a, double r) {
                                return Math.sin(Math.toRadians(a)) * r + Math.toDegrees(Math.atan2(r, a));
                            }
                        }
                        """),
                source(INTEGER, """
                        package m;

                        import io.github.sourcegrad.Differentiable;

                        class Ints {
                            @Differentiable static double exact(double x, int n) {
                                int m = Math.addExact(n, 3);
                                long k = Math.multiplyExact((long) m, 2L);
                                int q = Math.floorMod(k, 5);
                                int r = Math.toIntExact(Math.floorDiv(k, 3L));
                                long w = StrictMath.multiplyFull(m, n) + Math.multiplyHigh(k, k);
                                int s = Math.negateExact(m) + Math.absExact(-2) + Math.incrementExact(n)
                                        + Math.decrementExact(n) + Math.subtractExact(n, 1) + Math.floorDiv(n, 2);
                                return x * (q + r + s + w) + Math.floorMod(n, 7) * x * x;
                            }
                        }
                        """),
                source(FLAT, """
                        package m;

                        import io.github.sourcegrad.Differentiable;

                        class Flat {
                            @Differentiable static double signum(double x) { return Math.signum(x); }
                            @Differentiable static double floor(double x) { return Math.floor(x); }
                            @Differentiable static double ceil(double x) { return Math.ceil(x); }
                            @Differentiable static double rint(double x) { return Math.rint(x); }
                            @Differentiable static double round(double x) { return Math.round(x); }
                            @Differentiable static double strictFloor(double x) { return StrictMath.floor(x); }
                            @Differentiable static double strictRound(double x) { return StrictMath.round(x); }
                            @Differentiable static double timesSignum(double x) { return Math.signum(x) * x; }
                            @Differentiable static double timesFloor(double x) { return Math.floor(x) * x; }
                            @Differentiable static double timesCeil(double x) { return Math.ceil(x) * Math.sin(x); }
                            @Differentiable static double timesRint(double x) { return x * Math.rint(x) / 2; }
                            @Differentiable static double plusRound(double x) { return Math.round(x) + x * x; }
                        }
                        """));
    }

    // ------------------------------------------------------------------ rows

    /** One function: its class and method, the points to test at and (if known) its exact gradient. */
    record Row(String cls, String method, double[][] points, Function<double[], double[]> exact) {
        @Override
        public String toString() {
            return cls.substring(cls.lastIndexOf('.') + 1) + "." + method;
        }
    }

    private static Row unary(String cls, String method, DoubleUnaryOperator derivative, double... xs) {
        double[][] points = Arrays.stream(xs).mapToObj(x -> new double[] {x}).toArray(double[][]::new);
        return new Row(cls, method, points,
                derivative == null ? null : p -> new double[] {derivative.applyAsDouble(p[0])});
    }

    private static Row nary(String cls, String method, Function<double[], double[]> gradient, double[]... points) {
        return new Row(cls, method, points, gradient);
    }

    private static double[] p(double... xs) {
        return xs;
    }

    private static final double LN10 = Math.log(10);
    private static final double LN2 = Math.log(2);

    private static final double[] TRIG = {-2.0, -0.5, 0.3, 1.0, 4.0};
    private static final double[] INNER = {-0.85, -0.3, 0.0, 0.5, 0.85};
    private static final double[] HYPERBOLIC = {-2.0, -0.4, 0.0, 0.6, 1.5};
    private static final double[][] PAIRS = {p(1.0, 2.0), p(3.0, -1.0), p(-0.5, -0.7), p(0.25, 4.5)};
    private static final double[][] POSITIVE_BASE = {p(0.5, 2.5), p(1.5, -0.7), p(2.0, 3.0), p(3.1, 0.4)};
    // atan2(y, x) in all four quadrants and on the positive/negative y axis; never on the branch cut x < 0, y = 0
    private static final double[][] ATAN2 = {p(1.0, 2.0), p(-1.0, 2.0), p(1.0, -2.0), p(-1.0, -2.0), p(0.5, 0.0)};
    private static final double[][] HYPOT = {p(3.0, 4.0), p(-1.0, 2.0), p(0.5, -0.2), p(0.0, 2.0)};

    /** The logistic sigmoid, written here independently of SmoothMath. */
    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] powGradient(double[] p) {
        return new double[] {p[1] * Math.pow(p[0], p[1] - 1), Math.pow(p[0], p[1]) * Math.log(p[0])};
    }

    /** Gradient of atan2(y, x) with respect to (y, x). */
    private static double[] atan2Gradient(double[] p) {
        double r2 = p[0] * p[0] + p[1] * p[1];
        return new double[] {p[1] / r2, -p[0] / r2};
    }

    private static double[] hypotGradient(double[] p) {
        double h = Math.hypot(p[0], p[1]);
        return new double[] {p[0] / h, p[1] / h};
    }

    private static double[] maxGradient(double[] p) {
        return new double[] {p[0] > p[1] ? 1 : 0, p[1] > p[0] ? 1 : 0};
    }

    private static double[] minGradient(double[] p) {
        return new double[] {p[0] < p[1] ? 1 : 0, p[1] < p[0] ? 1 : 0};
    }

    /** The smooth one-argument functions, identical for Math and StrictMath. */
    private static List<Row> unaryRows(String cls) {
        return List.of(
                unary(cls, "exp", Math::exp, -2.0, -0.3, 0.0, 0.7, 3.0),
                unary(cls, "log", x -> 1 / x, 0.2, 1.0, 2.5, 10.0),
                unary(cls, "log10", x -> 1 / (x * LN10), 0.2, 1.3, 50.0),
                unary(cls, "log1p", x -> 1 / (1 + x), -0.5, 0.0, 0.8, 4.0),
                unary(cls, "expm1", Math::exp, -1.5, 0.0, 0.4, 2.0),
                unary(cls, "sqrt", x -> 0.5 / Math.sqrt(x), 0.25, 1.0, 2.0, 9.0),
                unary(cls, "cbrt", x -> 1 / (3 * Math.cbrt(x) * Math.cbrt(x)), -8.0, -0.5, 0.7, 27.0),
                unary(cls, "sin", Math::cos, TRIG),
                unary(cls, "cos", x -> -Math.sin(x), TRIG),
                unary(cls, "tan", x -> 1 / (Math.cos(x) * Math.cos(x)), -1.2, -0.4, 0.0, 0.3, 1.1),
                unary(cls, "asin", x -> 1 / Math.sqrt(1 - x * x), INNER),
                unary(cls, "acos", x -> -1 / Math.sqrt(1 - x * x), INNER),
                unary(cls, "atan", x -> 1 / (1 + x * x), -3.0, -0.5, 0.0, 0.8, 5.0),
                unary(cls, "sinh", Math::cosh, HYPERBOLIC),
                unary(cls, "cosh", Math::sinh, HYPERBOLIC),
                unary(cls, "tanh", x -> 1 - Math.tanh(x) * Math.tanh(x), HYPERBOLIC),
                unary(cls, "abs", Math::signum, -2.5, -0.3, 0.4, 3.0),
                nary(cls, "powVar", MathFunctionsTest::powGradient, POSITIVE_BASE),
                nary(cls, "atan2", MathFunctionsTest::atan2Gradient, ATAN2),
                nary(cls, "hypot", MathFunctionsTest::hypotGradient, HYPOT),
                nary(cls, "max", MathFunctionsTest::maxGradient, PAIRS),
                nary(cls, "min", MathFunctionsTest::minGradient, PAIRS));
    }

    static Stream<Row> smoothRows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(unaryRows(FNS));
        rows.addAll(List.of(
                unary(FNS, "powInt", x -> 3 * x * x, -2.0, -0.5, 0.5, 1.7),
                unary(FNS, "powNegInt", x -> -2 / (x * x * x), -1.5, 0.4, 2.0),
                unary(FNS, "powHalf", x -> 0.5 / Math.sqrt(x), 0.5, 4.0),
                unary(FNS, "powFrac", x -> 2.5 * Math.pow(x, 1.5), 0.3, 1.0, 2.2),
                unary(FNS, "powNegFrac", x -> -1.5 * Math.pow(x, -2.5), 0.4, 1.3, 3.0),
                unary(FNS, "powBase", x -> Math.pow(2, x) * LN2, -1.0, 0.0, 1.5),
                unary(FNS, "maxConst", x -> x > 0.5 ? 1 : 0, -1.0, 0.2, 1.0),
                unary(FNS, "minConst", x -> x < 1 ? 1 : 0, -1.0, 0.2, 3.0)));
        rows.addAll(unaryRows(STRICT));
        rows.addAll(List.of(
                unary(IMPORTED, "iSin", Math::cos, TRIG),
                unary(IMPORTED, "iExp", Math::exp, -1.0, 0.5, 2.0),
                nary(IMPORTED, "iPow", MathFunctionsTest::powGradient, POSITIVE_BASE),
                nary(IMPORTED, "iHypot", MathFunctionsTest::hypotGradient, HYPOT),
                nary(IMPORTED, "iAtan2", MathFunctionsTest::atan2Gradient, ATAN2),
                nary(IMPORTED, "iMax", MathFunctionsTest::maxGradient, PAIRS),
                nary(IMPORTED, "iCombo",
                        p -> new double[] {Math.cos(p[0]) * Math.exp(p[1]) + 2 * p[0], Math.sin(p[0]) * Math.exp(p[1])},
                        p(0.7, 1.3), p(-1.1, 0.4), p(1.9, -0.6)),
                unary(STAR, "tLog", x -> 1 / x, 0.3, 2.0),
                unary(STAR, "tCosh", Math::sinh, -1.0, 0.5),
                nary(STAR, "tMin", MathFunctionsTest::minGradient, PAIRS),
                nary(STAR, "tCombo", null, p(0.7, 1.3), p(-1.1, 0.4), p(1.9, -0.6))));
        double[][] mixedPoints = {p(0.7, 1.3), p(-1.1, 0.4), p(1.9, -0.6)};
        for (String c : List.of("c1", "c2", "c3", "c4", "c7", "c8", "c9")) {
            rows.add(nary(MIXED, c, null, mixedPoints));
        }
        rows.add(nary(MIXED, "c5", null, p(0.7, 1.3, 2.0), p(-1.1, 0.4, -0.5), p(1.9, -0.6, 8.0)));
        rows.add(unary(MIXED, "c6", x -> Math.exp(Math.sin(Math.cos(x))) * Math.cos(Math.cos(x)) * -Math.sin(x),
                -2.0, -0.3, 0.0, 1.2, 3.0));
        rows.add(nary(MIXED, "c10", null, p(0.7, 1.3), p(1.5, 0.8), p(2.2, -0.6)));
        rows.addAll(List.of(
                unary(SMOOTH, "softplus", MathFunctionsTest::sigmoid, -40.0, -3.0, -0.5, 0.0, 0.7, 4.0, 40.0),
                unary(SMOOTH, "logSigmoid", x -> sigmoid(-x), -40.0, -3.0, -0.5, 0.0, 0.7, 4.0, 40.0),
                unary(SMOOTH, "sigmoid", x -> sigmoid(x) * sigmoid(-x), -3.0, -0.5, 0.0, 0.7, 4.0),
                nary(SMOOTH, "logAddExp", p -> new double[] {sigmoid(p[0] - p[1]), sigmoid(p[1] - p[0])},
                        p(0.0, 0.0), p(1.0, 2.0), p(-3.0, 0.5), p(700.0, 701.0), p(-30.0, 10.0), p(2.5, 2.5)),
                unary(SMOOTH, "logAddExpSelf", x -> 1, -2.0, 0.0, 3.0),
                nary(SMOOTH_IMPORTED, "logistic", null, p(0.7, 1.3, 1.0), p(-1.1, 0.4, -1.0), p(0.0, 0.0, 1.0))));
        rows.addAll(moreRows());
        return rows.stream();
    }

    private static final double[][] REMAINDER = {p(5.3, 2.0), p(-7.4, 3.0), p(10.0, -4.1), p(0.3, 0.7), p(100.5, 0.3)};

    private static double[] remainderGradient(double[] p) {
        return new double[] {1, -Math.rint(p[0] / p[1])};
    }

    /** {@code x % y} truncates the quotient, as C's {@code fmod}: {@code x - trunc(x / y) * y}. */
    private static double[] truncatedRemainderGradient(double[] p) {
        double q = p[0] / p[1];
        return new double[] {1, -(q < 0 ? Math.ceil(q) : Math.floor(q))};
    }

    private static double[] copySignGradient(double[] p) {
        boolean flipped = (p[0] < 0) != (p[1] < 0);
        return new double[] {p[0] == 0 ? 0 : flipped ? -1 : 1, 0};
    }

    /** toRadians, toDegrees, fma, copySign, scalb, IEEEremainder and the neighbouring doubles. */
    private static List<Row> moreRows() {
        double[][] triples = {p(1.5, -2.0, 0.3), p(-0.7, 0.4, 5.0), p(3.0, 2.5, -1.0)};
        double[][] signs = {p(1.5, 2.0), p(1.5, -2.0), p(-0.7, 3.0), p(-0.7, -0.1)};
        return List.of(
                unary(MORE, "toRadians", x -> Math.PI / 180, -400.0, 0.0, 45.0, 1e5),
                unary(MORE, "toDegrees", x -> 180 / Math.PI, -7.0, 0.0, 0.5, 1e3),
                unary(MORE, "strictToDegrees", x -> 180 / Math.PI, -7.0, 0.5),
                nary(MORE, "fma3", p -> new double[] {p[1], p[0], 1}, triples),
                nary(MORE, "strictFma", p -> new double[] {p[1], p[0], 1}, triples),
                nary(MORE, "copySign", MathFunctionsTest::copySignGradient, signs),
                nary(MORE, "strictCopySign", MathFunctionsTest::copySignGradient, signs),
                unary(MORE, "scalb", x -> 8 + x / 2, -3.0, 0.0, 0.7, 12.0),
                nary(MORE, "ieeeRemainder", MathFunctionsTest::remainderGradient, REMAINDER),
                nary(MORE, "strictRemainder", MathFunctionsTest::remainderGradient, REMAINDER),
                unary(MORE, "nextUp", x -> Math.nextUp(x) + x, -2.0, 0.3, 5.0),
                unary(MORE, "nextDown", x -> Math.nextDown(x) + x, -2.0, 0.3, 5.0),
                nary(MORE, "nextAfter", p -> new double[] {p[1], Math.nextAfter(p[0], p[1])}, p(1.5, 2.0), p(0.3, -4.0)),
                unary(MORE, "ulp", x -> 1, -3.0, 1.5, 100.0),
                unary(MORE, "getExponent", x -> Math.getExponent(x), -3.0, 1.5, 100.0),
                nary(MORE, "degreesCombo", null, p(30.0, 2.0), p(-100.0, 0.5)),
                nary(MORE, "remainder", MathFunctionsTest::truncatedRemainderGradient,
                        p(5.3, 2.0), p(-7.4, 3.0), p(10.0, -4.1), p(0.3, 0.7), p(100.6, 0.3)),
                nary(MORE, "remainderAssign", null, p(1.3, 0.7), p(-2.1, 1.5), p(0.6, -0.25)));
    }

    static Stream<Row> exactRows() {
        return smoothRows().filter(r -> r.exact() != null);
    }

    // ------------------------------------------------------------------ smooth functions

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothRows")
    void gradientMatchesCentralDifferences(Row row) {
        for (double[] point : row.points()) {
            code.assertGradientMatchesDifferences(row.cls(), row.method(),
                    IntStream.range(0, point.length).toArray(), boxed(point));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactRows")
    void gradientMatchesTextbookDerivative(Row row) {
        for (double[] point : row.points()) {
            double[] expected = row.exact().apply(point);
            double[] actual = code.gradient(row.cls(), row.method(), boxed(point)).partials();
            assertEquals(expected.length, actual.length, row + " number of partials");
            for (int i = 0; i < expected.length; i++) {
                double tolerance = 1e-10 * Math.max(1.0, Math.abs(expected[i]));
                if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                    fail(row + " at " + Arrays.toString(point) + ": partial " + i + " is " + actual[i]
                            + ", expected " + expected[i]);
                }
            }
        }
    }

    // ------------------------------------------------------------------ SmoothMath at 0, at ties and far out

    @Test
    void smoothFunctionsAreExactAtZeroAndAtTies() {
        Gradient softplus = code.gradient(SMOOTH, "softplus", 0.0);
        assertEquals(LN2, softplus.value(), 0.0, "softplus(0) = ln 2");
        assertEquals(0.5, softplus.d("x"), 0.0, "softplus'(0) = 1/2");
        Gradient logSigmoid = code.gradient(SMOOTH, "logSigmoid", 0.0);
        assertEquals(-LN2, logSigmoid.value(), 0.0, "logSigmoid(0) = -ln 2");
        assertEquals(0.5, logSigmoid.d("x"), 0.0, "logSigmoid'(0) = 1/2");
        Gradient sigmoid = code.gradient(SMOOTH, "sigmoid", 0.0);
        assertEquals(0.5, sigmoid.value(), 0.0, "sigmoid(0)");
        assertEquals(0.25, sigmoid.d("x"), 0.0, "sigmoid'(0)");
        for (double a : new double[] {-1e300, -3.0, 0.0, 1.0, 700.0}) {
            Gradient tie = code.gradient(SMOOTH, "logAddExp", a, a);
            assertEquals(a + LN2, tie.value(), Math.ulp(a + LN2), "logAddExp(a, a) = a + ln 2");
            assertEquals(0.5, tie.d("a"), 0.0, "d/da logAddExp(a, a) at a = " + a);
            assertEquals(0.5, tie.d("b"), 0.0, "d/db logAddExp(a, a) at a = " + a);
            assertEquals(1.0, code.gradient(SMOOTH, "logAddExpSelf", a).d("a"), 0.0, "d/da logAddExp(a, a)");
        }
    }

    @Test
    void smoothFunctionsStayFiniteFarOut() {
        Gradient big = code.gradient(SMOOTH, "softplus", 1000.0);
        assertEquals(1000.0, big.value(), 0.0);
        assertEquals(1.0, big.d("x"), 0.0);
        Gradient small = code.gradient(SMOOTH, "softplus", -1000.0);
        assertEquals(0.0, small.value(), 0.0);
        assertEquals(0.0, small.d("x"), 0.0);
        Gradient tiny = code.gradient(SMOOTH, "softplus", -50.0);
        assertEquals(Math.exp(-50), tiny.value(), 1e-15 * Math.exp(-50), "softplus(-50) = e^-50 to the last bits");
        assertEquals(Math.exp(-50), tiny.d("x"), 1e-15 * Math.exp(-50));
        Gradient loss = code.gradient(SMOOTH, "logSigmoid", -1000.0);
        assertEquals(-1000.0, loss.value(), 0.0);
        assertEquals(1.0, loss.d("x"), 0.0);
        Gradient far = code.gradient(SMOOTH, "logAddExp", 1000.0, -1000.0);
        assertEquals(1000.0, far.value(), 0.0);
        assertEquals(1.0, far.d("a"), 0.0);
        assertEquals(0.0, far.d("b"), 0.0);
        Gradient oneInfinite = code.gradient(SMOOTH, "logAddExp", Double.NEGATIVE_INFINITY, 2.0);
        assertEquals(2.0, oneInfinite.value(), 0.0);
        assertEquals(0.0, oneInfinite.d("a"), 0.0);
        assertEquals(1.0, oneInfinite.d("b"), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY,
                code.gradient(SMOOTH, "logAddExp", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY).value(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY,
                code.gradient(SMOOTH, "logAddExp", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY).value(), 0.0);
        Gradient nan = code.gradient(SMOOTH, "softplus", Double.NaN);
        assertEquals(Double.NaN, nan.value(), 0.0, "NaN propagates");
        assertEquals(Double.NaN, nan.d("x"), 0.0, "NaN propagates into the gradient");
    }

    @Test
    void sigmoidsDerivativeFarOutIsTheExactTinyNumberNotZero() {
        // z (1 - z) would be 0 from x = 37 on (1 - z rounds to 0); e^-x is an ordinary double up to x = 745
        for (double x : new double[] {-700.0, -40.0, 40.0, 100.0, 700.0}) {
            double exact = Math.exp(-Math.abs(x)) / Math.pow(1 + Math.exp(-Math.abs(x)), 2);
            double actual = code.gradient(SMOOTH, "sigmoid", x).partials()[0];
            assertEquals(exact, actual, 1e-14 * exact, "sigmoid' at " + x);
        }
    }

    @Test
    void generatedGradientCallsSmoothMathsSigmoid() {
        String generated = code.generatedSource(SMOOTH + "Grad");
        assertTrue(generated.contains("import io.github.sourcegrad.SmoothMath;"), generated);
        assertTrue(generated.contains("SmoothMath.sigmoid(x)"), generated);
        assertTrue(generated.contains("SmoothMath.sigmoid(-x)"), generated);
        assertTrue(generated.contains("SmoothMath.sigmoid(a - b)"), generated);
        assertTrue(generated.contains("SmoothMath.sigmoid(b - a)"), generated);
    }

    // ------------------------------------------------------------------ the new functions at their edges

    @Test
    void scalbOfTheSeedIsComputedInDouble() {
        // scalb(1, 1000) would pick scalb(float, int) and overflow (see ReverseModeTest for a seed written as a number)
        assertEquals(Math.scalb(1.0, 1000), code.gradient(MORE, "scalbOut", 1e-290).d("x"), 0.0);
        double sum = 0;
        for (int n = 990; n < 1000; n++) {
            sum += Math.scalb(1.0, n);
        }
        assertEquals(sum, code.gradient(MORE, "scalbSum", 1e-300).d("x"), 0.0);
    }

    @Test
    void copySignAtZeroPassesNothingAsAbsDoes() {
        for (double m : new double[] {0.0, -0.0}) {
            for (double sign : new double[] {2.0, -2.0, 0.0, -0.0}) {
                Gradient g = code.gradient(MORE, "copySign", m, sign);
                assertEquals(0.0, g.d("m"), 0.0, "copySign'(" + m + ", " + sign + ")");
                assertEquals(0.0, g.d("s"), 0.0);
            }
        }
        // the sign of -0.0 counts, as in Java: copySign(3, -0.0) = -3
        assertEquals(-1.0, code.gradient(MORE, "copySign", 3.0, -0.0).d("m"), 0.0);
    }

    @Test
    void ieeeRemainderRoundsTheQuotientToEven() {
        // 5 / 2 = 2.5 rounds to 2 (ties to even): 5 - 2 * 2 = 1, d/dy = -2; 7 / 2 = 3.5 rounds to 4
        Gradient g = code.gradient(MORE, "ieeeRemainder", 5.0, 2.0);
        assertEquals(1.0, g.value(), 0.0);
        assertEquals(-2.0, g.d("y"), 0.0);
        assertEquals(-4.0, code.gradient(MORE, "ieeeRemainder", 7.0, 2.0).d("y"), 0.0);
    }

    @Test
    void doubleRemainderTruncatesTheQuotientAsJavaDoes() {
        // -7.5 % 2 = -1.5 (the quotient -3.75 truncates to -3, not -4 as IEEEremainder's rounding would give)
        Gradient g = code.gradient(MORE, "remainder", -7.5, 2.0);
        assertEquals(-1.5, g.value(), 0.0);
        assertEquals(1.0, g.d("x"), 0.0);
        assertEquals(3.0, g.d("y"), 0.0);
        // a remainder of a huge quotient: the partial is the quotient itself, found without overflow
        Gradient far = code.gradient(MORE, "remainder", 1e300, 3.0);
        assertEquals(1e300 % 3.0, far.value(), 0.0);
        assertEquals(-(1e300 - far.value()) / 3.0, far.d("y"), 0.0);
    }

    @Test
    void integerFunctionsAreConstantsAndThrowAsJavaDoes() {
        for (int n : new int[] {-9, 0, 4, 1000}) {
            for (double x : new double[] {-1.5, 0.25, 3.0}) {
                code.assertGradientMatchesDifferences(INTEGER, "exact", new int[] {0}, x, n);
                // f = c x + F x^2 with F = floorMod(n, 7): c = f(1) - F, f' = c + 2 F x
                int f = Math.floorMod(n, 7);
                double c = code.primal(INTEGER, "exact", 1.0, n) - f;
                assertEquals(c + 2 * f * x, code.gradient(INTEGER, "exact", x, n).d("x"), 1e-12 * (1 + Math.abs(c)),
                        "exact at n = " + n);
            }
        }
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                () -> code.gradient(INTEGER, "exact", 1.0, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                () -> code.gradientInto(INTEGER, "exact", new double[1], 1.0, Integer.MAX_VALUE));
    }

    // ------------------------------------------------------------------ zero-derivative functions

    private static final double[] STEPS = {-2.5, -1.0, -0.3, 0.0, 0.5, 1.5, 2.0, 2.7};

    static Stream<String> flatMethods() {
        return Stream.of("signum", "floor", "ceil", "rint", "round", "strictFloor", "strictRound");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flatMethods")
    void piecewiseConstantFunctionsHaveZeroGradient(String method) {
        for (double x : STEPS) {
            Gradient g = code.gradient(FLAT, method, x);
            assertEquals(code.primal(FLAT, method, x), g.value(), 0.0, method + "(" + x + ") value");
            assertEquals(0.0, g.d("x"), 0.0, method + "'(" + x + ")");
            double[] grad = {Double.NaN};
            code.gradientInto(FLAT, method, grad, x);
            assertEquals(0.0, grad[0], 0.0, method + "'(" + x + ") zero-allocation form");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flatMethods")
    void piecewiseConstantValuesAreJavasValues(String method) {
        // round(2.5) = 3, round(-2.5) = -2, rint(2.5) = 2, floor(-0.3) = -1, ceil(-0.3) = -0.0, signum(-2.5) = -1
        double[] expected = switch (method) {
            case "signum" -> new double[] {-1, -1, -1, 0, 1, 1, 1, 1};
            case "floor", "strictFloor" -> new double[] {-3, -1, -1, 0, 0, 1, 2, 2};
            case "ceil" -> new double[] {-2, -1, 0, 0, 1, 2, 2, 3};
            case "rint" -> new double[] {-2, -1, 0, 0, 0, 2, 2, 3};
            case "round", "strictRound" -> new double[] {-2, -1, 0, 0, 1, 2, 2, 3};
            default -> throw new AssertionError(method);
        };
        for (int i = 0; i < STEPS.length; i++) {
            assertEquals(expected[i], code.gradient(FLAT, method, STEPS[i]).value(), 0.0,
                    method + "(" + STEPS[i] + ")");
        }
    }

    @ParameterizedTest(name = "x = {0}")
    @MethodSource("stepPoints")
    void productsWithPiecewiseConstantFunctions(double x) {
        double eps = 1e-12;
        // d/dx [signum(x) x] = signum(x) (+ x * 0)
        assertEquals(Math.signum(x), code.gradient(FLAT, "timesSignum", x).d("x"), eps, "timesSignum");
        // d/dx [floor(x) x] = floor(x)
        assertEquals(Math.floor(x), code.gradient(FLAT, "timesFloor", x).d("x"), eps, "timesFloor");
        // d/dx [ceil(x) sin(x)] = ceil(x) cos(x)
        assertEquals(Math.ceil(x) * Math.cos(x), code.gradient(FLAT, "timesCeil", x).d("x"), eps, "timesCeil");
        // d/dx [x rint(x) / 2] = rint(x) / 2
        assertEquals(Math.rint(x) / 2, code.gradient(FLAT, "timesRint", x).d("x"), eps, "timesRint");
        // d/dx [round(x) + x^2] = 2x
        Gradient g = code.gradient(FLAT, "plusRound", x);
        assertEquals(Math.round(x) + x * x, g.value(), eps, "plusRound value");
        assertEquals(2 * x, g.d("x"), eps, "plusRound");
    }

    static Stream<Double> stepPoints() {
        return Arrays.stream(STEPS).boxed();
    }

    private static Object[] boxed(double[] point) {
        return Arrays.stream(point).boxed().toArray();
    }
}
