package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivative rule across the whole double range: at inputs from {@code 1e-300} to {@code 1e300} (both
 * signs, and pairs of mixed magnitudes) each partial of a one-primitive method must be within a few ulps of the
 * exact derivative, computed in {@link BigDecimal} (no exponent range to overflow). Where the exact derivative is
 * subnormal the partial may be any number below {@link Double#MIN_NORMAL}; where it overflows the partial must be
 * the infinity of its sign. Never a NaN, never an infinity where the exact derivative is a double.
 */
class ExtremeMagnitudesTest {

    private static final String CLS = "xm.Extreme";
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal LN10 = new BigDecimal("2.302585092994045684017991454684364207601");
    /** The error allowed, in ulps of the exact derivative. */
    private static final int ULPS = 8;

    private static final double[] MAGNITUDES = {1e-300, 1e-160, 1e-100, 1e-20, 0.3, 1, 3, 20, 40, 1e20, 1e100, 1e160, 1e300};

    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(CLS, """
                package xm;

                import io.github.sourcegrad.Differentiable;

                class Extreme {
                    @Differentiable static double share(double x, double y) { return x / (x + y); }
                    @Differentiable static double ratio(double x, double y) { return x / y; }
                    @Differentiable static double self(double x) { return x / x; }
                    @Differentiable static double reciprocal(double c) { return 1 / c; }
                    @Differentiable static double minusReciprocal(double c) { return -1 / c; }
                    @Differentiable static double bigOver(double c) { return 1e200 / c; }
                    @Differentiable static double tinyOver(double c) { return 1e-200 / c; }
                    @Differentiable static double newtonSqrt(double a) {
                        double x = a;
                        while (Math.abs(x * x - a) > 1e-12 * a) {
                            x = 0.5 * (x + a / x);
                        }
                        return x;
                    }
                    @Differentiable static double product(double x, double y) { return x * y; }
                    @Differentiable static double atan2(double y, double x) { return Math.atan2(y, x); }
                    @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
                    @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
                    @Differentiable static double cbrt(double x) { return Math.cbrt(x); }
                    @Differentiable static double log(double x) { return Math.log(x); }
                    @Differentiable static double log10(double x) { return Math.log10(x); }
                    @Differentiable static double log1p(double x) { return Math.log1p(x); }
                    @Differentiable static double exp(double x) { return Math.exp(x); }
                    @Differentiable static double expm1(double x) { return Math.expm1(x); }
                    @Differentiable static double atan(double x) { return Math.atan(x); }
                    @Differentiable static double asin(double x) { return Math.asin(x); }
                    @Differentiable static double acos(double x) { return Math.acos(x); }
                    @Differentiable static double tanh(double x) { return Math.tanh(x); }
                    @Differentiable static double sinh(double x) { return Math.sinh(x); }
                    @Differentiable static double cosh(double x) { return Math.cosh(x); }
                    @Differentiable static double cube(double x) { return Math.pow(x, 3); }
                    @Differentiable static double power(double x, double y) { return Math.pow(x, y); }
                    @Differentiable static double max(double x, double y) { return Math.max(x, y); }
                    @Differentiable static double abs(double x) { return Math.abs(x); }
                    @Differentiable static double toRadians(double x) { return Math.toRadians(x); }
                    @Differentiable static double toDegrees(double x) { return Math.toDegrees(x); }
                    @Differentiable static double fma(double x, double y) { return Math.fma(x, y, 2.0); }
                    @Differentiable static double copySign(double m, double s) { return Math.copySign(m, s); }
                    @Differentiable static double scalbUp(double x) { return Math.scalb(x, 900); }
                    @Differentiable static double scalbDown(double x) { return Math.scalb(x, -1000); }
                    @Differentiable static double remainder(double x, double y) { return Math.IEEEremainder(x, y); }
                    @Differentiable static double nextUp(double x) { return Math.nextUp(x); }
                    @Differentiable static double ulp(double x) { return Math.ulp(x); }
                }
                """));
    }

    // ------------------------------------------------------------------ the cases that were silently wrong

    @Test
    void shareOfHugeValues() {
        assertPartials("share", new double[] {1e170, 2e170}, ExtremeMagnitudesTest::shareGradient);
    }

    @Test
    void shareOfTinyValues() {
        // the quotient rule -x / (y * y) squared 3e-170 to 0: dx = dy = -Infinity
        assertPartials("share", new double[] {1e-170, 2e-170}, ExtremeMagnitudesTest::shareGradient);
    }

    @Test
    void quotientOfAValueByItself() {
        assertEquals(0.0, code.gradient(CLS, "self", 1e-160).d("x"), 0.0);
        assertEquals(0.0, code.gradient(CLS, "self", 1e160).d("x"), 0.0);
    }

    @Test
    void newtonSquareRootOfATinyNumber() {
        assertPartials("newtonSqrt", new double[] {1e-200}, p -> new double[] {half(sqrt(big(p[0])))});
        assertPartials("newtonSqrt", new double[] {1e200}, p -> new double[] {half(sqrt(big(p[0])))});
    }

    @Test
    void atan2OfTinyAndHugeArguments() {
        assertPartials("atan2", new double[] {1e-160, 2e-160}, ExtremeMagnitudesTest::atan2Gradient);
        assertPartials("atan2", new double[] {-3e160, 1e160}, ExtremeMagnitudesTest::atan2Gradient);
    }

    @Test
    void atan2AtTheOriginGivesWhatTheFormulaGives() {
        double[] g = code.gradient(CLS, "atan2", 0.0, 0.0).partials();
        assertEquals(Double.NaN, g[0]);
        assertEquals(Double.NaN, g[1]);
    }

    @Test
    void expm1OfALargeNegativeNumberIsNotZero() {
        // expm1(-100) + 1 is 0, while e^-100 = 3.7e-44
        assertPartials("expm1", new double[] {-100}, p -> new double[] {Math.exp(p[0])});
    }

    // ------------------------------------------------------------------ every rule, across the range

    /**
     * One method: where it is defined, its exact gradient, and, for a partial that AD computes as a sum of terms that
     * may cancel, the sum of the terms' magnitudes, which the error is measured against (null: the exact partial).
     */
    record Row(String method, int arity, DoublePredicate domain, Function<double[], double[]> exact, Function<double[], double[]> terms) {
        Row(String method, int arity, DoublePredicate domain, Function<double[], double[]> exact) {
            this(method, arity, domain, exact, null);
        }

        @Override
        public String toString() {
            return method;
        }
    }

    static Stream<Row> rows() {
        DoublePredicate all = x -> true;
        DoublePredicate positive = x -> x > 0;
        DoublePredicate inside = x -> Math.abs(x) < 1;
        return Stream.of(
                // dx = 1 / s - x / s^2 with s = x + y: the terms cancel where |y| << |x|
                new Row("share", 2, all, ExtremeMagnitudesTest::shareGradient, p -> {
                    BigDecimal s = big(p[0]).add(big(p[1]));
                    double second = Math.abs(over(big(p[0]), s.pow(2)));
                    return new double[] {Math.abs(over(BigDecimal.ONE, s)) + second, second};
                }),
                new Row("ratio", 2, all, p -> new double[] {over(BigDecimal.ONE, big(p[1])),
                        over(big(p[0]).negate(), big(p[1]).pow(2))}),
                new Row("reciprocal", 1, all, p -> new double[] {over(BigDecimal.ONE.negate(), big(p[0]).pow(2))}),
                new Row("minusReciprocal", 1, all, p -> new double[] {over(BigDecimal.ONE, big(p[0]).pow(2))}),
                new Row("bigOver", 1, all, p -> new double[] {over(big(1e200).negate(), big(p[0]).pow(2))}),
                new Row("tinyOver", 1, all, p -> new double[] {over(big(1e-200).negate(), big(p[0]).pow(2))}),
                // the iteration stops at |x^2 - a| <= 1e-12 a: its derivative is that of sqrt to about 1e-12 (at a = 1
                // it does not run: x = a)
                new Row("newtonSqrt", 1, x -> x > 0 && Math.abs(x - 1) > 0.1, p -> new double[] {half(sqrt(big(p[0])))}, p -> new double[] {1e5 * half(sqrt(big(p[0])))}),
                new Row("product", 2, all, p -> new double[] {p[1], p[0]}),
                new Row("atan2", 2, all, ExtremeMagnitudesTest::atan2Gradient),
                new Row("hypot", 2, all, p -> {
                    BigDecimal h = sqrt(big(p[0]).pow(2).add(big(p[1]).pow(2)));
                    return new double[] {over(big(p[0]), h), over(big(p[1]), h)};
                }),
                new Row("sqrt", 1, positive, p -> new double[] {half(sqrt(big(p[0])))}),
                new Row("cbrt", 1, all, p -> new double[] {over(BigDecimal.ONE, big(3).multiply(big(Math.cbrt(p[0])).pow(2)))}),
                new Row("log", 1, positive, p -> new double[] {over(BigDecimal.ONE, big(p[0]))}),
                new Row("log10", 1, positive, p -> new double[] {over(BigDecimal.ONE, big(p[0]).multiply(LN10))}),
                new Row("log1p", 1, x -> x > -1, p -> new double[] {over(BigDecimal.ONE, BigDecimal.ONE.add(big(p[0])))}),
                new Row("exp", 1, all, p -> new double[] {Math.exp(p[0])}),
                new Row("expm1", 1, all, p -> new double[] {Math.exp(p[0])}),
                new Row("atan", 1, all, p -> new double[] {over(BigDecimal.ONE, BigDecimal.ONE.add(big(p[0]).pow(2)))}),
                new Row("asin", 1, inside, p -> new double[] {over(BigDecimal.ONE, sqrt(BigDecimal.ONE.subtract(big(p[0]).pow(2))))}),
                new Row("acos", 1, inside, p -> new double[] {over(BigDecimal.ONE.negate(), sqrt(BigDecimal.ONE.subtract(big(p[0]).pow(2))))}),
                // 1 - tanh(x)^2, the lecture's form (see Rules): within a few ulps of 1, not of sech(x)^2
                new Row("tanh", 1, all, p -> new double[] {sechSquared(p[0])}, p -> new double[] {1}),
                new Row("sinh", 1, all, p -> new double[] {Math.cosh(p[0])}),
                new Row("cosh", 1, all, p -> new double[] {Math.sinh(p[0])}),
                new Row("cube", 1, all, p -> new double[] {big(3).multiply(big(p[0]).pow(2)).doubleValue()}),
                new Row("power", 2, positive, p -> {
                    // y x^(y-1) (x^(y-1) from Math.pow, 1 ulp, or as x^y / x where that overflows), x^y ln x
                    BigDecimal z = big(Math.pow(p[0], p[1]));
                    double below = Math.pow(p[0], p[1] - 1);
                    BigDecimal base = Double.isFinite(below) ? big(below) : z.divide(big(p[0]), MC);
                    return new double[] {big(p[1]).multiply(base).doubleValue(), z.multiply(big(Math.log(p[0]))).doubleValue()};
                }),
                new Row("max", 2, all, p -> p[0] == p[1] ? new double[] {0.5, 0.5} : new double[] {p[0] > p[1] ? 1 : 0, p[1] > p[0] ? 1 : 0}),
                new Row("abs", 1, all, p -> new double[] {Math.signum(p[0])}),
                new Row("toRadians", 1, all, p -> new double[] {over(big(Math.PI), big(180))}),
                new Row("toDegrees", 1, all, p -> new double[] {over(big(180), big(Math.PI))}),
                new Row("fma", 2, all, p -> new double[] {p[1], p[0]}),
                new Row("copySign", 2, all, p -> new double[] {(p[0] < 0) == (p[1] < 0) ? 1 : -1, 0}),
                new Row("scalbUp", 1, all, p -> new double[] {Math.pow(2, 900)}),
                new Row("scalbDown", 1, all, p -> new double[] {Math.pow(2, -1000)}),
                // d/dy = -n, n the integer nearest x / y (ties to even), exactly
                new Row("remainder", 2, all, p -> new double[] {1, big(p[0]).divide(big(p[1]), MC)
                        .setScale(0, java.math.RoundingMode.HALF_EVEN).negate().doubleValue()}),
                new Row("nextUp", 1, all, p -> new double[] {1}),
                new Row("ulp", 1, all, p -> new double[] {0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void partialsAreExactAcrossTheDoubleRange(Row row) {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (double[] p : points(row.arity())) {
            if (!Arrays2.all(p, row.domain())) {
                continue;
            }
            if (row.method().equals("power") && !(p[1] > -1e20 && p[1] < 1e20)) {
                continue; // pow(x, huge) is 0, 1 or infinite
            }
            Object[] args = Arrays2.boxed(p);
            double value = code.primal(CLS, row.method(), args);
            if (!Double.isFinite(value)) {
                continue; // the derivative of an overflowing value means nothing
            }
            double[] expected = row.exact().apply(p);
            double[] terms = row.terms() == null ? expected : row.terms().apply(p);
            double[] actual = code.gradient(CLS, row.method(), args).partials();
            for (int i = 0; i < expected.length; i++) {
                checked++;
                String problem = compare(actual[i], expected[i], terms[i]);
                if (problem != null) {
                    problems.add(String.format(Locale.ROOT, "%s%s: partial %d %s", row.method(), java.util.Arrays.toString(p), i, problem));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + checked + " partials wrong:\n" + String.join("\n", problems));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** All sign and magnitude combinations of {@link #MAGNITUDES} for one or two arguments. */
    private static List<double[]> points(int arity) {
        List<Double> values = new ArrayList<>();
        for (double m : MAGNITUDES) {
            values.add(m);
            values.add(-m);
        }
        values.add(0.9999999999999999);
        values.add(-0.9999999999999999);
        List<double[]> out = new ArrayList<>();
        for (double x : values) {
            if (arity == 1) {
                out.add(new double[] {x});
            } else {
                for (double y : values) {
                    out.add(new double[] {x, y});
                }
            }
        }
        return out;
    }

    private static void assertPartials(String method, double[] p, Function<double[], double[]> exact) {
        double[] expected = exact.apply(p);
        double[] actual = code.gradient(CLS, method, Arrays2.boxed(p)).partials();
        for (int i = 0; i < expected.length; i++) {
            String problem = compare(actual[i], expected[i], method.equals("newtonSqrt") ? 1e5 * expected[i] : expected[i]);
            if (problem != null) {
                fail(method + java.util.Arrays.toString(p) + ": partial " + i + " " + problem);
            }
        }
    }

    /**
     * Null if {@code actual} is {@code exact} within {@link #ULPS} ulps of {@code terms} (see the class comment), else
     * the problem.
     */
    static String compare(double actual, double exact, double terms) {
        boolean ok;
        if (Double.isInfinite(exact)) {
            ok = actual == exact;
        } else if (Math.abs(exact) < Double.MIN_NORMAL && Math.abs(terms) < Double.MIN_NORMAL) {
            ok = Math.abs(actual) < Double.MIN_NORMAL;
        } else {
            ok = Math.abs(actual - exact) <= ULPS * Math.ulp(Math.max(Math.abs(exact), Math.abs(terms)));
        }
        return ok ? null : "is " + actual + ", exact " + exact;
    }

    private static double[] shareGradient(double[] p) {
        BigDecimal s = big(p[0]).add(big(p[1])).pow(2);
        return new double[] {over(big(p[1]), s), over(big(p[0]).negate(), s)};
    }

    /** atan2(y, x) with respect to y and x: x / (x^2 + y^2), -y / (x^2 + y^2). */
    private static double[] atan2Gradient(double[] p) {
        BigDecimal r2 = big(p[0]).pow(2).add(big(p[1]).pow(2));
        return new double[] {over(big(p[1]), r2), over(big(p[0]).negate(), r2)};
    }

    /** 1 / cosh(x)^2, from the double cosh (1 ulp) squared without overflow. */
    private static double sechSquared(double x) {
        double c = Math.cosh(x);
        return Double.isInfinite(c) ? 0 : over(BigDecimal.ONE, big(c).pow(2));
    }

    private static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    private static double over(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? a.signum() * Double.POSITIVE_INFINITY : a.divide(b, MC).doubleValue();
    }

    private static BigDecimal sqrt(BigDecimal a) {
        return a.sqrt(MC);
    }

    private static double half(BigDecimal a) {
        return over(BigDecimal.ONE, a.add(a));
    }

    private static final class Arrays2 {
        static boolean all(double[] p, DoublePredicate test) {
            for (double x : p) {
                if (!test.test(x)) {
                    return false;
                }
            }
            return true;
        }

        static Object[] boxed(double[] p) {
            Object[] out = new Object[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i];
            }
            return out;
        }
    }
}
