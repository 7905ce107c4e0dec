package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control flow in {@code @Differentiable} methods (issue 4): if / else, {@code ?:}, comparisons and boolean
 * logic, early returns, {@code for}, {@code while} and {@code do}-{@code while} loops, {@code break} and
 * {@code continue} (labelled too), data-dependent trip counts and calls inside branches and loops.
 *
 * <p>The gradient of a method with control flow is the gradient of the path the arguments take: conditions
 * are evaluated, never differentiated. Every test checks numbers: against central differences of the
 * original method at points away from the switch points of its branches, against exact derivatives where
 * they are known (closed forms, or a forward-mode mirror of the method written here by hand), and the record
 * form against the zero-allocation {@code double[] grad} form.
 */
class ControlFlowTest {

    /** Relative tolerance of exact checks: rounding only. */
    private static final double EPS = 1e-12;
    /** Relative tolerance of exact checks through long chains (recurrences, 10^6 steps). */
    private static final double LOOSE = 1e-9;

    private static final int[] X = {0};
    private static final int[] XY = {0, 1};
    private static final int[] XYZ = {0, 1, 2};

    // ------------------------------------------------------------------ if / else, early return

    private static final String BRANCHES = "cf.Branches";
    private static final GeneratedCode.Once BRANCH_CODE = GeneratedCode.once(source(BRANCHES, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Branches {
                /** Huber loss with an early return: r^2 / 2 on [-delta, delta], delta (|r| - delta / 2) outside. */
                @Differentiable
                static double huber(double r, double delta) {
                    double a = Math.abs(r);
                    if (a <= delta) {
                        return 0.5 * r * r;
                    }
                    return delta * (a - 0.5 * delta);
                }

                /** A piecewise polynomial: an if / else if / else chain that assigns y in every branch. */
                @Differentiable
                static double piecewise(double x, double c) {
                    double y;
                    if (x < -1) {
                        y = -c * x * x * x;
                    } else if (x < 1) {
                        y = x * x + c;
                    } else if (x < 2) {
                        y = 2 * x * x * x - c * x;
                    } else {
                        y = 5 * x - 3;
                    }
                    return y;
                }

                /** The same polynomial by early returns from an else-if chain and an if without else. */
                @Differentiable
                static double piecewiseReturns(double x, double c) {
                    if (x < -1) {
                        return -c * x * x * x;
                    } else if (x < 1) {
                        return x * x + c;
                    }
                    if (x < 2) {
                        return 2 * x * x * x - c * x;
                    }
                    return 5 * x - 3;
                }

                /** If without else: s = x y, replaced by sqrt(s) when s > 1; then s + x. */
                @Differentiable
                static double clampedSqrt(double x, double y) {
                    double s = x * y;
                    if (s > 1) {
                        s = Math.sqrt(s);
                    }
                    return s + x;
                }

                /** Each branch assigns a different variable: x y^2 when x > y, else x (sin x + y). */
                @Differentiable
                static double eachBranchItsVariable(double x, double y) {
                    double a = x;
                    double b = y;
                    if (x > y) {
                        a = x * y;
                    } else {
                        b = Math.sin(x) + y;
                    }
                    return a * b;
                }

                /** Comparisons == != < <= >= on int and long values, and a double compared with an int. */
                @Differentiable
                static double intConditions(double x, int k, long m) {
                    double r = x;
                    if (k == 0) {
                        r = 2 * r;
                    } else if (k != 1 && m >= 3L) {
                        r = r * r;
                    } else if (k < 0 || m < 0) {
                        r = -r;
                    } else {
                        r = Math.exp(r);
                    }
                    if (x > k) {
                        r = r + x * k;
                    }
                    if (m <= k) {
                        r = r * m;
                    }
                    return r;
                }

                /** == and != on doubles: x when y == 0, 1 when x == y, x / y otherwise. */
                @Differentiable
                static double ratio(double x, double y) {
                    if (y == 0) {
                        return x;
                    }
                    if (x != y) {
                        return x / y;
                    }
                    return 1.0;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.3, 1.0", "-0.8, 1.0", "2.5, 1.0", "-3.0, 0.5", "0.0, 0.25", "1.75, 2.0", "-6.5, 4.0"})
    void huberLossWithAnEarlyReturn(double r, double delta) {
        Gradient g = BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, "huber", XY, r, delta);
        assertEquals(List.of("value", "dr", "ddelta"), g.componentNames());
        assertExact(BRANCH_CODE.get(), BRANCHES, "huber", EPS, huberExpected(r, delta), r, delta);
    }

    /** Huber is C^1: at |r| == delta (the <= branch) both partials equal the outer branch's, so FD agrees. */
    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "-2.0, 2.0"})
    void huberAtTheThreshold(double r, double delta) {
        assertExact(BRANCH_CODE.get(), BRANCHES, "huber", EPS, new double[] {0.5 * r * r, r, 0}, r, delta);
        BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, "huber", XY, r, delta);
    }

    @ParameterizedTest
    @CsvSource({
        "piecewise, -2.5, 0.5", "piecewise, -1.5, -1.25", "piecewise, -0.5, 0.5", "piecewise, 0.0, -1.25",
        "piecewise, 0.7, 0.5", "piecewise, 1.3, -1.25", "piecewise, 1.9, 0.5", "piecewise, 2.5, -1.25",
        "piecewise, 4.0, 0.5",
        "piecewiseReturns, -2.5, 0.5", "piecewiseReturns, -1.5, -1.25", "piecewiseReturns, -0.5, 0.5",
        "piecewiseReturns, 0.0, -1.25", "piecewiseReturns, 0.7, 0.5", "piecewiseReturns, 1.3, -1.25",
        "piecewiseReturns, 1.9, 0.5", "piecewiseReturns, 2.5, -1.25", "piecewiseReturns, 4.0, 0.5"})
    void piecewisePolynomial(String method, double x, double c) {
        Gradient g = BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, method, XY, x, c);
        assertEquals(List.of("value", "dx", "dc"), g.componentNames());
        assertExact(BRANCH_CODE.get(), BRANCHES, method, EPS, piecewiseExpected(x, c), x, c);
    }

    /** At x = -1, 1, 2 the chain takes the next branch (the comparisons are strict). */
    @ParameterizedTest
    @CsvSource({"piecewise, -1.0", "piecewise, 1.0", "piecewise, 2.0",
                "piecewiseReturns, -1.0", "piecewiseReturns, 1.0", "piecewiseReturns, 2.0"})
    void piecewisePolynomialAtItsBreakpoints(String method, double x) {
        assertExact(BRANCH_CODE.get(), BRANCHES, method, EPS, piecewiseExpected(x, 0.75), x, 0.75);
    }

    // s = x y; s > 1: sqrt(s) + x, d/dx = y / (2 sqrt s) + 1, d/dy = x / (2 sqrt s); else x y + x.
    @ParameterizedTest
    @CsvSource({"0.5, 1.0", "2.0, 3.0", "-1.5, 0.25", "-2.0, -4.0", "0.9, 1.05"})
    void ifWithoutElse(double x, double y) {
        double s = x * y;
        double[] expected = s > 1
                ? new double[] {Math.sqrt(s) + x, y / (2 * Math.sqrt(s)) + 1, x / (2 * Math.sqrt(s))}
                : new double[] {s + x, y + 1, x};
        BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, "clampedSqrt", XY, x, y);
        assertExact(BRANCH_CODE.get(), BRANCHES, "clampedSqrt", EPS, expected, x, y);
    }

    @ParameterizedTest
    @CsvSource({"2.0, 1.0", "1.5, -0.5", "0.3, 1.2", "-1.0, 0.5", "-0.5, -2.0"})
    void eachBranchAssignsADifferentVariable(double x, double y) {
        double[] expected = x > y
                ? new double[] {x * y * y, y * y, 2 * x * y}
                : new double[] {x * (Math.sin(x) + y), Math.sin(x) + x * Math.cos(x) + y, x};
        BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, "eachBranchItsVariable", XY, x, y);
        assertExact(BRANCH_CODE.get(), BRANCHES, "eachBranchItsVariable", EPS, expected, x, y);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0, 5", "0.7, 2, 3", "-0.4, -2, 1", "0.3, 1, -4", "2.5, 1, 1", "-3.5, 4, 7", "5.0, 3, 2",
                "0.2, 1, 1"})
    void comparisonsOfIntAndLongValues(double x, int k, long m) {
        Gradient g = BRANCH_CODE.get().assertGradientMatchesDifferences(BRANCHES, "intConditions", X, x, k, m);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertExact(BRANCH_CODE.get(), BRANCHES, "intConditions", EPS, intConditionsExpected(x, k, m), x, k, m);
    }

    @Test
    void equalityOfDoubles() {
        GeneratedCode code = BRANCH_CODE.get();
        // x != y, y != 0: x / y
        code.assertGradientMatchesDifferences(BRANCHES, "ratio", XY, 3.0, 2.0);
        assertExact(code, BRANCHES, "ratio", EPS, new double[] {1.5, 0.5, -0.75}, 3.0, 2.0);
        assertExact(code, BRANCHES, "ratio", EPS, new double[] {-0.5, -0.5, -0.25}, 1.0, -2.0);
        // y == 0 (also -0.0): the branch returns x
        assertExact(code, BRANCHES, "ratio", EPS, new double[] {3.0, 1.0, 0.0}, 3.0, 0.0);
        assertExact(code, BRANCHES, "ratio", EPS, new double[] {3.0, 1.0, 0.0}, 3.0, -0.0);
        // x == y: a constant
        assertExact(code, BRANCHES, "ratio", EPS, new double[] {1.0, 0.0, 0.0}, 2.0, 2.0);
    }

    // ------------------------------------------------------------------ ?:

    private static final String TERNARY = "cf.Ternary";
    private static final GeneratedCode.Once TERNARY_CODE = GeneratedCode.once(source(TERNARY, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Ternary {
                @Differentiable
                static double huberTernary(double r, double delta) {
                    double a = Math.abs(r);
                    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
                }

                @Differentiable
                static double piecewiseTernary(double x, double c) {
                    return x < -1 ? -c * x * x * x : x < 1 ? x * x + c : x < 2 ? 2 * x * x * x - c * x : 5 * x - 3;
                }

                /** ?: choosing a variable, a sign inside a product, and a function. */
                @Differentiable
                static double ternaryOperands(double x, double y) {
                    double m = x > y ? x : y;
                    double s = (x * y > 0 ? x : -x) * y;
                    return m * m + s + (x < 0 ? Math.sin(y) : Math.cos(x * y));
                }

                /** A boolean parameter and an int comparison choose: (flip ? -x^2 : x^3) + (k > 2 ? k x : 0). */
                @Differentiable
                static double ternaryFlag(double x, boolean flip, int k) {
                    double r = flip ? -x * x : x * x * x;
                    return r + (k > 2 ? k * x : 0.0);
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.3, 1.0", "-0.8, 1.0", "2.5, 1.0", "-3.0, 0.5", "1.0, 1.0", "1.75, 2.0", "-6.5, 4.0"})
    void huberLossWithTheConditionalOperator(double r, double delta) {
        TERNARY_CODE.get().assertGradientMatchesDifferences(TERNARY, "huberTernary", XY, r, delta);
        assertExact(TERNARY_CODE.get(), TERNARY, "huberTernary", EPS, huberExpected(r, delta), r, delta);
    }

    @ParameterizedTest
    @CsvSource({"-2.5, 0.5", "-1.5, -1.25", "-0.5, 0.5", "0.0, -1.25", "0.7, 0.5", "1.3, -1.25", "1.9, 0.5",
                "2.5, -1.25", "4.0, 0.5"})
    void piecewisePolynomialByNestedConditionals(double x, double c) {
        TERNARY_CODE.get().assertGradientMatchesDifferences(TERNARY, "piecewiseTernary", XY, x, c);
        assertExact(TERNARY_CODE.get(), TERNARY, "piecewiseTernary", EPS, piecewiseExpected(x, c), x, c);
    }

    @ParameterizedTest
    @CsvSource({"2.0, 1.0", "0.5, 1.5", "-1.0, 2.0", "-0.5, -2.0", "1.2, -0.7", "-2.0, -0.5"})
    void conditionalOperands(double x, double y) {
        double m = x > y ? x : y;
        double sign = x * y > 0 ? 1 : -1;
        double value = m * m + sign * x * y + (x < 0 ? Math.sin(y) : Math.cos(x * y));
        double dx = (x > y ? 2 * m : 0) + sign * y + (x < 0 ? 0 : -Math.sin(x * y) * y);
        double dy = (x > y ? 0 : 2 * m) + sign * x + (x < 0 ? Math.cos(y) : -Math.sin(x * y) * x);
        TERNARY_CODE.get().assertGradientMatchesDifferences(TERNARY, "ternaryOperands", XY, x, y);
        assertExact(TERNARY_CODE.get(), TERNARY, "ternaryOperands", EPS, new double[] {value, dx, dy}, x, y);
    }

    @ParameterizedTest
    @CsvSource({"1.5, true, 3", "1.5, false, 3", "-0.5, true, 2", "-0.5, false, 7", "2.0, false, -1"})
    void conditionalOnABooleanParameter(double x, boolean flip, int k) {
        double value = (flip ? -x * x : x * x * x) + (k > 2 ? k * x : 0);
        double dx = (flip ? -2 * x : 3 * x * x) + (k > 2 ? k : 0);
        Gradient g = TERNARY_CODE.get().assertGradientMatchesDifferences(TERNARY, "ternaryFlag", X, x, flip, k);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertExact(TERNARY_CODE.get(), TERNARY, "ternaryFlag", EPS, new double[] {value, dx}, x, flip, k);
    }

    // ------------------------------------------------------------------ boolean locals, && || !

    private static final String LOGIC = "cf.Logic";
    private static final GeneratedCode.Once LOGIC_CODE = GeneratedCode.once(source(LOGIC, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Logic {
                /** Boolean locals built with && || !, a boolean parameter, a boolean reassigned in a branch. */
                @Differentiable
                static double logic(double x, double y, boolean flip) {
                    boolean positive = x > 0;
                    boolean big = x * y > 2 || y < -3;
                    boolean pick = positive && !big;
                    if (flip) {
                        pick = !pick;
                    }
                    double r;
                    if (pick || (x < -5 && !flip)) {
                        r = x * y;
                    } else {
                        r = x + Math.exp(y);
                    }
                    return r;
                }

                /** Only boolean parameters steer: a && b, a || b, !a, !(a || !b). */
                @Differentiable
                static double flags(double x, boolean a, boolean b) {
                    double r = x;
                    if (a && b) {
                        r = r * 3;
                    }
                    if (a || b) {
                        r = r + x * x;
                    }
                    if (!a) {
                        r = -r;
                    }
                    if (!(a || !b)) {
                        r = r * x;
                    }
                    return r;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"1.0, 1.0, false", "3.0, 1.0, false", "1.0, -4.0, false", "-1.0, 1.0, false",
                "-6.0, 0.5, false", "-6.0, 0.5, true", "1.0, 1.0, true", "3.0, 1.0, true", "-1.0, 1.0, true"})
    void booleanLocalsAndOperators(double x, double y, boolean flip) {
        boolean pick = x > 0 && !(x * y > 2 || y < -3);
        if (flip) {
            pick = !pick;
        }
        double[] expected = pick || (x < -5 && !flip)
                ? new double[] {x * y, y, x}
                : new double[] {x + Math.exp(y), 1, Math.exp(y)};
        Gradient g = LOGIC_CODE.get().assertGradientMatchesDifferences(LOGIC, "logic", XY, x, y, flip);
        assertEquals(List.of("value", "dx", "dy"), g.componentNames());
        assertExact(LOGIC_CODE.get(), LOGIC, "logic", EPS, expected, x, y, flip);
    }

    // a b: 3x + x^2; a !b: x + x^2; !a b: -(x + x^2) x; !a !b: -x.
    @ParameterizedTest
    @CsvSource({"1.5, true, true", "1.5, true, false", "1.5, false, true", "1.5, false, false",
                "-0.5, true, true", "-0.5, true, false", "-0.5, false, true", "-0.5, false, false"})
    void booleanParametersSteerBranches(double x, boolean a, boolean b) {
        double[] expected;
        if (a && b) {
            expected = new double[] {3 * x + x * x, 3 + 2 * x};
        } else if (a) {
            expected = new double[] {x + x * x, 1 + 2 * x};
        } else if (b) {
            expected = new double[] {-x * x - x * x * x, -2 * x - 3 * x * x};
        } else {
            expected = new double[] {-x, -1};
        }
        LOGIC_CODE.get().assertGradientMatchesDifferences(LOGIC, "flags", X, x, a, b);
        assertExact(LOGIC_CODE.get(), LOGIC, "flags", EPS, expected, x, a, b);
    }

    // ------------------------------------------------------------------ loops

    private static final String LOOPS = "cf.Loops";
    private static final GeneratedCode.Once LOOP_CODE = GeneratedCode.once(source(LOOPS, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Loops {
                /** x^n by repeated multiplication. */
                @Differentiable
                static double power(double x, int n) {
                    double p = 1;
                    for (int i = 0; i < n; i++) {
                        p *= x;
                    }
                    return p;
                }

                @Differentiable
                static double powerWhile(double x, int n) {
                    double p = 1;
                    int i = 0;
                    while (i < n) {
                        p = p * x;
                        i++;
                    }
                    return p;
                }

                /** Counts down with a long counter. */
                @Differentiable
                static double powerDown(double x, long n) {
                    double p = 1;
                    for (long i = n; i > 0; i--) {
                        p = x * p;
                    }
                    return p;
                }

                /** do-while runs its body at least once: x^max(n, 1). */
                @Differentiable
                static double powerDo(double x, int n) {
                    double p = 1;
                    int i = 0;
                    do {
                        p *= x;
                        i++;
                    } while (i < n);
                    return p;
                }

                /** Accumulation: sum_{i=1..n} sin(i x) / i. */
                @Differentiable
                static double sinSeries(double x, int n) {
                    double s = 0;
                    for (int i = 1; i <= n; i++) {
                        s += Math.sin(i * x) / i;
                    }
                    return s;
                }

                /** h = y, n times h = h x + 1, then h + x. */
                @Differentiable
                static double horner(double x, double y, int n) {
                    double h = y;
                    for (int i = 0; i < n; i++) {
                        h = h * x + 1;
                    }
                    return h + x;
                }

                /** Halves the parameter until it is at most 1: x / 2^k + k, a data-dependent trip count. */
                @Differentiable
                static double halve(double x) {
                    int k = 0;
                    while (x > 1) {
                        x = x / 2;
                        k++;
                    }
                    return x + k;
                }

                /** n rotations by theta of (x, y), two loop-carried variables and a body-local temporary. */
                @Differentiable
                static double rotate(double theta, double x, double y, int n) {
                    double c = Math.cos(theta);
                    double s = Math.sin(theta);
                    for (int i = 0; i < n; i++) {
                        double t = x;
                        x = c * x - s * y;
                        y = s * t + c * y;
                    }
                    return x;
                }
            }
            """));

    static Stream<Arguments> powers() {
        return Stream.of("power", "powerWhile", "powerDown").flatMap(method -> DoubleStream.of(1.5, -0.75, 2.0, 0.3)
                .boxed().flatMap(x -> IntStream.rangeClosed(0, 10).mapToObj(n -> Arguments.of(method, x, n))));
    }

    // x^n, derivative n x^(n-1); n = 0 is a zero-trip loop (1, 0), n = 1 a one-trip loop (x, 1).
    @ParameterizedTest
    @MethodSource("powers")
    void powerByRepeatedMultiplication(String method, double x, int n) {
        Object count = method.equals("powerDown") ? (Object) (long) n : (Object) n;
        double[] expected = {repeatedPower(x, n), n == 0 ? 0 : n * repeatedPower(x, n - 1)};
        Gradient g = assertExact(LOOP_CODE.get(), LOOPS, method, EPS, expected, x, count);
        assertEquals(List.of("value", "dx"), g.componentNames());
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, method, X, x, count);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0", "1.5, 1", "1.5, 2", "-0.75, 5", "2.0, 10", "0.3, -3"})
    void doWhileRunsAtLeastOnce(double x, int n) {
        int trips = Math.max(n, 1);
        double[] expected = {repeatedPower(x, trips), trips * repeatedPower(x, trips - 1)};
        assertExact(LOOP_CODE.get(), LOOPS, "powerDo", EPS, expected, x, n);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "powerDo", X, x, n);
    }

    // sum sin(i x) / i, derivative sum cos(i x).
    @ParameterizedTest
    @CsvSource({"0.4, 0", "0.4, 1", "0.4, 7", "-1.3, 20", "2.9, 100"})
    void accumulation(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 1; i <= n; i++) {
            value += Math.sin(i * x) / i;
            dx += Math.cos(i * x);
        }
        assertExact(LOOP_CODE.get(), LOOPS, "sinSeries", EPS, new double[] {value, dx}, x, n);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "sinSeries", X, x, n);
    }

    @Test
    void zeroTripLoopLeavesTheInitialValue() {
        // n = 0: h + x = y + x; the loop contributes nothing
        assertExact(LOOP_CODE.get(), LOOPS, "horner", EPS, new double[] {0.25 + 1.5, 1, 1}, 1.5, 0.25, 0);
        assertExact(LOOP_CODE.get(), LOOPS, "horner", EPS, new double[] {0.25 + 1.5, 1, 1}, 1.5, 0.25, -4);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "horner", XY, 1.5, 0.25, 0);
    }

    @Test
    void oneTripLoop() {
        // n = 1: y x + 1 + x; d/dx = y + 1, d/dy = x
        double x = 1.5;
        double y = 0.25;
        assertExact(LOOP_CODE.get(), LOOPS, "horner", EPS, new double[] {y * x + 1 + x, y + 1, x}, x, y, 1);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "horner", XY, x, y, 1);
    }

    // n = 3: y x^3 + x^2 + x + 1 + x; d/dx = 3 y x^2 + 2 x + 2, d/dy = x^3.
    @ParameterizedTest
    @CsvSource({"1.5, 0.25", "-0.5, 2.0", "0.8, -1.0"})
    void loopCarriedValue(double x, double y) {
        double[] expected = {y * x * x * x + x * x + x + 1 + x, 3 * y * x * x + 2 * x + 2, x * x * x};
        assertExact(LOOP_CODE.get(), LOOPS, "horner", EPS, expected, x, y, 3);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "horner", XY, x, y, 3);
    }

    // k halvings until x <= 1: x / 2^k + k, derivative 2^-k; x <= 1 runs no trip.
    @ParameterizedTest
    @CsvSource({"0.5, 0", "-3.0, 0", "1.5, 1", "3.0, 2", "100.0, 7", "1000000.0, 20"})
    void dataDependentTripCount(double x, int k) {
        double scale = Math.scalb(1.0, -k);
        assertExact(LOOP_CODE.get(), LOOPS, "halve", EPS, new double[] {x * scale + k, scale}, x);
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "halve", X, x);
    }

    // x_n = x cos(n theta) - y sin(n theta).
    @ParameterizedTest
    @CsvSource({"0.3, 1.0, 0.0, 7", "-1.1, 0.5, 2.0, 4", "2.0, -0.7, 0.4, 1", "0.9, 1.0, 1.0, 0"})
    void twoLoopCarriedVariables(double theta, double x, double y, int n) {
        double c = Math.cos(n * theta);
        double s = Math.sin(n * theta);
        double[] expected = {x * c - y * s, -n * (x * s + y * c), c, -s};
        Gradient g = assertExact(LOOP_CODE.get(), LOOPS, "rotate", EPS, expected, theta, x, y, n);
        assertEquals(List.of("value", "dtheta", "dx", "dy"), g.componentNames());
        LOOP_CODE.get().assertGradientMatchesDifferences(LOOPS, "rotate", XYZ, theta, x, y, n);
    }

    // ------------------------------------------------------------------ Newton's method

    private static final String NEWTON = "cf.Newton";
    private static final GeneratedCode.Once NEWTON_CODE = GeneratedCode.once(source(NEWTON, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Newton {
                /** sqrt(a) by a fixed number of Newton steps from x = a. */
                @Differentiable
                static double sqrtFixed(double a, int iterations) {
                    double x = a;
                    for (int k = 0; k < iterations; k++) {
                        x = 0.5 * (x + a / x);
                    }
                    return x;
                }

                /** From a given start x0: once converged the result does not depend on x0. */
                @Differentiable
                static double sqrtFrom(double a, double x0, int iterations) {
                    double x = x0;
                    for (int k = 0; k < iterations; k++) {
                        x = (x + a / x) / 2;
                    }
                    return x;
                }

                /** Until the residual is small: a data-dependent trip count, Math in the condition. */
                @Differentiable
                static double sqrtWhile(double a) {
                    double x = a;
                    while (Math.abs(x * x - a) > 1e-12 * a) {
                        x = 0.5 * (x + a / x);
                    }
                    return x;
                }

                /** Until the step is small; the condition reads a variable assigned in the body. */
                @Differentiable
                static double sqrtDoWhile(double a) {
                    double x = 1;
                    double step;
                    do {
                        double next = 0.5 * (x + a / x);
                        step = next - x;
                        x = next;
                    } while (Math.abs(step) > 1e-12 * x);
                    return x;
                }

                /** A counter and a tolerance in one condition. */
                @Differentiable
                static double sqrtCounted(double a) {
                    double x = a + 1;
                    for (int k = 0; k < 100 && Math.abs(x * x - a) > 1e-12 * a; k++) {
                        x = 0.5 * (x + a / x);
                    }
                    return x;
                }
            }
            """));

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.5, 2.0, 9.0, 123.456, 1e6})
    void newtonWithAFixedIterationCount(double a) {
        Gradient g = NEWTON_CODE.get().assertGradientMatchesDifferences(NEWTON, "sqrtFixed", X, a, 60);
        assertEquals(List.of("value", "da"), g.componentNames());
        assertRelative(Math.sqrt(a), g.value(), EPS, "sqrt(" + a + ")");
        assertRelative(0.5 / Math.sqrt(a), g.d("a"), LOOSE, "d sqrt(" + a + ")");
        double[] grad = new double[1];
        assertRelative(Math.sqrt(a), NEWTON_CODE.get().gradientInto(NEWTON, "sqrtFixed", grad, a, 60), EPS, "value");
        assertRelative(0.5 / Math.sqrt(a), grad[0], LOOSE, "grad[0]");
    }

    /** Converged: d/da = 1 / (2 sqrt a), and the start point no longer matters (d/dx0 = 0). */
    @ParameterizedTest
    @CsvSource({"2.0, 1.0", "9.0, 0.5", "0.25, 3.0", "50.0, 50.0"})
    void newtonForgetsItsStartingPoint(double a, double x0) {
        Gradient g = NEWTON_CODE.get().assertGradientMatchesDifferences(NEWTON, "sqrtFrom", XY, a, x0, 40);
        assertRelative(Math.sqrt(a), g.value(), EPS, "value");
        assertRelative(0.5 / Math.sqrt(a), g.d("a"), LOOSE, "da");
        assertEquals(0.0, g.d("x0"), 1e-12, "dx0");
    }

    /** Three steps, far from converged: the gradient of the iteration itself. */
    @ParameterizedTest
    @CsvSource({"2.0, 1.0", "9.0, 0.5", "0.25, 3.0", "50.0, 50.0"})
    void newtonBeforeConvergence(double a, double x0) {
        assertExact(NEWTON_CODE.get(), NEWTON, "sqrtFrom", EPS, newtonExpected(a, x0, 3), a, x0, 3);
        NEWTON_CODE.get().assertGradientMatchesDifferences(NEWTON, "sqrtFrom", XY, a, x0, 3);
        // zero steps: x = x0
        assertExact(NEWTON_CODE.get(), NEWTON, "sqrtFrom", EPS, new double[] {x0, 0, 1}, a, x0, 0);
    }

    static Stream<Arguments> toleranceLoops() {
        return Stream.of("sqrtWhile", "sqrtDoWhile", "sqrtCounted").flatMap(method ->
                DoubleStream.of(0.01, 0.5, 2.0, 9.0, 123.456, 1e6).mapToObj(a -> Arguments.of(method, a)));
    }

    @ParameterizedTest
    @MethodSource("toleranceLoops")
    void newtonUntilConverged(String method, double a) {
        Gradient g = NEWTON_CODE.get().assertGradientMatchesDifferences(NEWTON, method, X, a);
        assertRelative(Math.sqrt(a), g.value(), EPS, method + "(" + a + ")");
        assertRelative(0.5 / Math.sqrt(a), g.d("a"), LOOSE, "d " + method + "(" + a + ")");
        double[] grad = new double[1];
        NEWTON_CODE.get().gradientInto(NEWTON, method, grad, a);
        assertRelative(0.5 / Math.sqrt(a), grad[0], LOOSE, "grad[0] of " + method + "(" + a + ")");
    }

    /**
     * Conditions are not differentiated: for a = 1 (and a = 0) the loop of sqrtWhile runs no trip, x = a on the path
     * taken, and its derivative is 1, not the 1/2 of sqrt.
     */
    @Test
    void newtonThatRunsNoStepHasTheDerivativeOfItsPath() {
        assertExact(NEWTON_CODE.get(), NEWTON, "sqrtWhile", 0, new double[] {1, 1}, 1.0);
        assertExact(NEWTON_CODE.get(), NEWTON, "sqrtWhile", 0, new double[] {0, 1}, 0.0);
    }

    // ------------------------------------------------------------------ recurrence

    private static final String RECURRENCE = "cf.Recurrence";
    private static final GeneratedCode.Once RECURRENCE_CODE = GeneratedCode.once(source(RECURRENCE, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Recurrence {
                /** A one-unit recurrent net: h = tanh(w h + b), steps times from h0. */
                @Differentiable
                static double rnn(double w, double b, double h0, int steps) {
                    double h = h0;
                    for (int t = 0; t < steps; t++) {
                        h = Math.tanh(w * h + b);
                    }
                    return h;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.9, 0.1, 0.5", "1.5, -0.2, -0.8", "-1.2, 0.3, 0.1", "0.5, 0.0, 2.0", "2.0, 0.05, 0.3",
                "-0.7, -0.4, -1.5"})
    void recurrenceOfFiftySteps(double w, double b, double h0) {
        Gradient g = RECURRENCE_CODE.get().assertGradientMatchesDifferences(RECURRENCE, "rnn", XYZ, w, b, h0, 50);
        assertEquals(List.of("value", "dw", "db", "dh0"), g.componentNames());
        assertExact(RECURRENCE_CODE.get(), RECURRENCE, "rnn", LOOSE, rnnExpected(w, b, h0, 50), w, b, h0, 50);
    }

    @Test
    void recurrenceOfZeroAndOneStep() {
        double w = 0.8;
        double b = -0.3;
        double h0 = 0.6;
        assertExact(RECURRENCE_CODE.get(), RECURRENCE, "rnn", EPS, new double[] {h0, 0, 0, 1}, w, b, h0, 0);
        double h = Math.tanh(w * h0 + b);
        double g = 1 - h * h;
        assertExact(RECURRENCE_CODE.get(), RECURRENCE, "rnn", EPS, new double[] {h, g * h0, g, g * w}, w, b, h0, 1);
        RECURRENCE_CODE.get().assertGradientMatchesDifferences(RECURRENCE, "rnn", XYZ, w, b, h0, 1);
    }

    // ------------------------------------------------------------------ break, continue, labels

    private static final String JUMPS = "cf.Jumps";
    private static final GeneratedCode.Once JUMP_CODE = GeneratedCode.once(source(JUMPS, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Jumps {
                /** continue in a for loop: sum of sin(x i + 0.3)^2 over the terms with a non-negative sine. */
                @Differentiable
                static double skipNegative(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        double t = Math.sin(x * i + 0.3);
                        if (t < 0) {
                            continue;
                        }
                        s += t * t;
                    }
                    return s;
                }

                /** break in a for loop: x^2 H_k for the first k with x^2 H_k > limit (at most 1000 terms). */
                @Differentiable
                static double untilAbove(double x, double limit) {
                    double s = 0;
                    for (int i = 1; i <= 1000; i++) {
                        s += x * x / i;
                        if (s > limit) {
                            break;
                        }
                    }
                    return s;
                }

                /** continue in a while loop: sum over odd i <= n of x^i / i. */
                @Differentiable
                static double oddTerms(double x, int n) {
                    double s = 0;
                    int i = 0;
                    while (i < n) {
                        i++;
                        if (i % 2 == 0) {
                            continue;
                        }
                        s += Math.pow(x, i) / i;
                    }
                    return s;
                }

                /** break in a do-while loop: p = p y + x at most 20 times, stopping once p > 50. */
                @Differentiable
                static double breakDoWhile(double x, double y) {
                    double p = x;
                    int k = 0;
                    do {
                        p = p * y + x;
                        k++;
                        if (p > 50) {
                            break;
                        }
                    } while (k < 20);
                    return p;
                }

                /** A boolean latch set inside the loop: s += x i while s <= 10. */
                @Differentiable
                static double latch(double x, int n) {
                    boolean done = false;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        if (!done) {
                            s += x * i;
                            if (s > 10) {
                                done = true;
                            }
                        }
                    }
                    return s;
                }

                /** Labelled continue: rows of the lower triangle, each cut at its first negative cosine. */
                @Differentiable
                static double labelledContinue(double x, int n) {
                    double s = 0;
                    outer:
                    for (int i = 1; i <= n; i++) {
                        for (int j = 1; j <= n; j++) {
                            if (j > i) {
                                continue outer;
                            }
                            double t = Math.cos(x * i - j);
                            if (t < 0) {
                                continue outer;
                            }
                            s += t / j;
                        }
                    }
                    return s;
                }

                /** Labelled break out of both loops, an inner break, and a statement after the inner loop. */
                @Differentiable
                static double labelledBreak(double x, double limit, int n) {
                    double s = 0;
                    search:
                    for (int i = 1; i <= n; i++) {
                        for (int j = 1; j <= n; j++) {
                            if (j > i) {
                                break;
                            }
                            s += x * i / j;
                            if (s > limit) {
                                break search;
                            }
                        }
                        s = 0.9 * s + x;
                    }
                    return s;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.7, 10", "1.9, 25", "-0.4, 8", "0.0, 5", "2.3, 0", "2.3, 1"})
    void continueSkipsNegativeTerms(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 0; i < n; i++) {
            double t = Math.sin(x * i + 0.3);
            if (t >= 0) {
                value += t * t;
                dx += 2 * t * Math.cos(x * i + 0.3) * i;
            }
        }
        assertExact(JUMP_CODE.get(), JUMPS, "skipNegative", EPS, new double[] {value, dx}, x, n);
        JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "skipNegative", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 2.5", "2.0, 10.0", "0.3, 100.0", "1.5, 0.5", "-1.2, 4.0"})
    void breakWhenTheSumExceedsAThreshold(double x, double limit) {
        double harmonic = 0;
        for (int i = 1; i <= 1000; i++) {
            harmonic += 1.0 / i;
            if (x * x * harmonic > limit) {
                break;
            }
        }
        Gradient g = JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "untilAbove", XY, x, limit);
        assertEquals(List.of("value", "dx", "dlimit"), g.componentNames());
        assertExact(JUMP_CODE.get(), JUMPS, "untilAbove", EPS,
                new double[] {x * x * harmonic, 2 * x * harmonic, 0}, x, limit);
    }

    // sum over odd i <= n of x^i / i; derivative sum over odd i of x^(i-1).
    @ParameterizedTest
    @CsvSource({"0.8, 7", "-0.6, 9", "1.1, 4", "0.5, 0", "0.5, 1", "1.3, 2"})
    void continueInAWhileLoop(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 1; i <= n; i += 2) {
            value += Math.pow(x, i) / i;
            dx += Math.pow(x, i - 1);
        }
        assertExact(JUMP_CODE.get(), JUMPS, "oddTerms", EPS, new double[] {value, dx}, x, n);
        JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "oddTerms", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1.5", "0.5, 0.5", "2.0, -1.2", "3.0, 2.0", "-1.0, 0.9"})
    void breakInADoWhileLoop(double x, double y) {
        double p = x;
        double dx = 1;
        double dy = 0;
        int k = 0;
        do {
            dx = dx * y + 1;
            dy = dy * y + p;
            p = p * y + x;
            k++;
        } while (!(p > 50) && k < 20);
        assertExact(JUMP_CODE.get(), JUMPS, "breakDoWhile", EPS, new double[] {p, dx, dy}, x, y);
        JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "breakDoWhile", XY, x, y);
    }

    // s = x T_K with T_K = 0 + 1 + ... + K for the first K with x T_K > 10 (or K = n - 1).
    @ParameterizedTest
    @CsvSource({"0.5, 20, 10.5, 21", "3.0, 4, 18, 6", "3.0, 10, 18, 6", "0.1, 10, 4.5, 45", "-1.0, 5, -10, 10",
                "1.0, 0, 0, 0"})
    void booleanLatchInALoop(double x, int n, double value, double dx) {
        assertExact(JUMP_CODE.get(), JUMPS, "latch", EPS, new double[] {value, dx}, x, n);
        JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "latch", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.3, 4", "1.1, 7", "-0.7, 6", "2.2, 5", "0.3, 0", "0.3, 1"})
    void labelledContinue(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= i; j++) {
                double t = Math.cos(x * i - j);
                if (t < 0) {
                    break;
                }
                value += t / j;
                dx += -Math.sin(x * i - j) * i / j;
            }
        }
        assertExact(JUMP_CODE.get(), JUMPS, "labelledContinue", EPS, new double[] {value, dx}, x, n);
        JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "labelledContinue", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 3.0, 6", "1.3, 20.0, 8", "0.2, 1000.0, 5", "-0.5, 1.0, 4", "0.7, 5.0, 0"})
    void labelledBreak(double x, double limit, int n) {
        double s = 0;
        double dx = 0;
        search:
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= i; j++) {
                s += x * i / j;
                dx += (double) i / j;
                if (s > limit) {
                    break search;
                }
            }
            s = 0.9 * s + x;
            dx = 0.9 * dx + 1;
        }
        Gradient g = JUMP_CODE.get().assertGradientMatchesDifferences(JUMPS, "labelledBreak", XY, x, limit, n);
        assertEquals(List.of("value", "dx", "dlimit"), g.componentNames());
        assertExact(JUMP_CODE.get(), JUMPS, "labelledBreak", EPS, new double[] {s, dx, 0}, x, limit, n);
    }

    // ------------------------------------------------------------------ nested loops

    private static final String NESTED = "cf.Nested";
    private static final GeneratedCode.Once NESTED_CODE = GeneratedCode.once(source(NESTED, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Nested {
                /** sum_{i<n} sum_{j<m} sin(x i + y j). */
                @Differentiable
                static double doubleSum(double x, double y, int n, int m) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < m; j++) {
                            s += Math.sin(x * i + y * j);
                        }
                    }
                    return s;
                }

                /** An inner loop whose trip count is the outer counter; a row variable declared per row. */
                @Differentiable
                static double triangle(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        double row = 1;
                        for (int j = 0; j < i; j++) {
                            row = row * x + j;
                        }
                        s += row;
                    }
                    return s;
                }

                /** An if inside a loop inside an if. */
                @Differentiable
                static double ifLoopIf(double x, double y, int n) {
                    double r = y;
                    if (x > 0) {
                        for (int i = 0; i < n; i++) {
                            if (r > 1) {
                                r = r / 2 + x;
                            } else {
                                r = r * r + x * y;
                            }
                        }
                    } else {
                        r = r - x;
                    }
                    return r;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.3, 0.7, 4, 5", "1.1, -0.4, 10, 10", "0.5, 0.5, 0, 3", "0.5, 0.5, 3, 0", "-2.0, 0.25, 1, 6"})
    void nestedLoops(double x, double y, int n, int m) {
        double value = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                value += Math.sin(x * i + y * j);
                dx += Math.cos(x * i + y * j) * i;
                dy += Math.cos(x * i + y * j) * j;
            }
        }
        assertExact(NESTED_CODE.get(), NESTED, "doubleSum", EPS, new double[] {value, dx, dy}, x, y, n, m);
        NESTED_CODE.get().assertGradientMatchesDifferences(NESTED, "doubleSum", XY, x, y, n, m);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 6", "-1.3, 5", "2.0, 1", "1.5, 0", "1.5, 2"})
    void innerTripCountFromTheOuterCounter(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 0; i < n; i++) {
            double row = 1;
            double drow = 0;
            for (int j = 0; j < i; j++) {
                drow = drow * x + row;
                row = row * x + j;
            }
            value += row;
            dx += drow;
        }
        assertExact(NESTED_CODE.get(), NESTED, "triangle", EPS, new double[] {value, dx}, x, n);
        NESTED_CODE.get().assertGradientMatchesDifferences(NESTED, "triangle", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.4, 6", "0.2, 3.0, 10", "-1.0, 2.0, 5", "2.0, 0.9, 0", "0.3, 1.7, 1"})
    void ifInsideALoopInsideAnIf(double x, double y, int n) {
        double r = y;
        double dx = 0;
        double dy = 1;
        if (x > 0) {
            for (int i = 0; i < n; i++) {
                if (r > 1) {
                    dx = dx / 2 + 1;
                    dy = dy / 2;
                    r = r / 2 + x;
                } else {
                    dx = 2 * r * dx + y;
                    dy = 2 * r * dy + x;
                    r = r * r + x * y;
                }
            }
        } else {
            dx = -1;
            r = r - x;
        }
        assertExact(NESTED_CODE.get(), NESTED, "ifLoopIf", EPS, new double[] {r, dx, dy}, x, y, n);
        NESTED_CODE.get().assertGradientMatchesDifferences(NESTED, "ifLoopIf", XY, x, y, n);
    }

    // ------------------------------------------------------------------ calls in branches and loops

    private static final String CALLS = "cf.Calls";
    private static final GeneratedCode.Once CALL_CODE = GeneratedCode.once(source(CALLS, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Calls {
                @Differentiable
                static double sq(double a) {
                    return a * a;
                }

                @Differentiable
                static double softplus(double z) {
                    return Math.log(1 + Math.exp(z));
                }

                /** A callee with a branch. */
                @Differentiable
                static double relu(double z) {
                    if (z > 0) {
                        return z;
                    }
                    return 0.0;
                }

                /** A callee with a loop. */
                @Differentiable
                static double power(double x, int n) {
                    double p = 1;
                    for (int i = 0; i < n; i++) {
                        p *= x;
                    }
                    return p;
                }

                /** Calls in a branch that returns early and after it. */
                @Differentiable
                static double branchCall(double x, double y) {
                    if (x > y) {
                        return sq(x - y) + y;
                    }
                    double t = softplus(x * y);
                    return t + relu(x);
                }

                /** Calls in a loop body, one of them to a callee with its own loop. */
                @Differentiable
                static double loopCall(double x, int n) {
                    double s = 0;
                    for (int i = 1; i <= n; i++) {
                        s += sq(Math.sin(x * i)) / i + power(x, i);
                    }
                    return s;
                }

                /** A loop-carried value passed through calls: h = softplus(w h) - relu(h - 1). */
                @Differentiable
                static double loopCallCarried(double x, double w, int n) {
                    double h = x;
                    for (int i = 0; i < n; i++) {
                        h = softplus(w * h) - relu(h - 1);
                    }
                    return h;
                }

                /** A call in a loop condition: s = 1.5 s + 0.1 while s^2 < limit. */
                @Differentiable
                static double callInCondition(double x, double limit) {
                    double s = x;
                    int k = 0;
                    while (sq(s) < limit && k < 100) {
                        s = s * 1.5 + 0.1;
                        k++;
                    }
                    return s;
                }

                /** Calls in an if condition and in both branches. */
                @Differentiable
                static double callInIf(double x, double y) {
                    double r;
                    if (sq(x) + sq(y) < 1) {
                        r = power(x, 3) * y;
                    } else {
                        r = softplus(x - y);
                    }
                    return r;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"2.0, 0.5", "-1.0, 0.5", "0.3, 1.2", "-0.5, -0.2", "1.5, -2.0"})
    void callsInsideABranch(double x, double y) {
        double[] expected;
        if (x > y) {
            expected = new double[] {(x - y) * (x - y) + y, 2 * (x - y), -2 * (x - y) + 1};
        } else {
            double sigma = sigmoid(x * y);
            expected = new double[] {Math.log(1 + Math.exp(x * y)) + Math.max(x, 0),
                    sigma * y + (x > 0 ? 1 : 0), sigma * x};
        }
        CALL_CODE.get().assertGradientMatchesDifferences(CALLS, "branchCall", XY, x, y);
        assertExact(CALL_CODE.get(), CALLS, "branchCall", EPS, expected, x, y);
    }

    // sum sin(x i)^2 / i + x^i; derivative sum sin(2 x i) + i x^(i-1).
    @ParameterizedTest
    @CsvSource({"0.7, 6", "-0.9, 4", "1.2, 1", "1.2, 0"})
    void callsInsideALoop(double x, int n) {
        double value = 0;
        double dx = 0;
        for (int i = 1; i <= n; i++) {
            double s = Math.sin(x * i);
            value += s * s / i + repeatedPower(x, i);
            dx += 2 * s * Math.cos(x * i) + i * repeatedPower(x, i - 1);
        }
        assertExact(CALL_CODE.get(), CALLS, "loopCall", EPS, new double[] {value, dx}, x, n);
        CALL_CODE.get().assertGradientMatchesDifferences(CALLS, "loopCall", X, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.8, 10", "2.0, 1.5, 5", "-1.0, -0.5, 7", "3.0, 0.3, 1", "3.0, 0.3, 0"})
    void loopCarriedValueThroughCalls(double x, double w, int n) {
        double h = x;
        double dx = 1;
        double dw = 0;
        for (int i = 0; i < n; i++) {
            double sigma = sigmoid(w * h);
            double active = h - 1 > 0 ? 1 : 0;
            double next = Math.log(1 + Math.exp(w * h)) - Math.max(h - 1, 0);
            dw = sigma * (h + w * dw) - active * dw;
            dx = sigma * w * dx - active * dx;
            h = next;
        }
        CALL_CODE.get().assertGradientMatchesDifferences(CALLS, "loopCallCarried", XY, x, w, n);
        assertExact(CALL_CODE.get(), CALLS, "loopCallCarried", EPS, new double[] {h, dx, dw}, x, w, n);
    }

    // k steps s = 1.5 s + 0.1 until s^2 >= limit: derivative 1.5^k, none wrt limit.
    @ParameterizedTest
    @CsvSource({"0.5, 30.0", "3.0, 4.0", "-4.0, 1.0", "0.2, 1000.0", "-0.3, 2.0"})
    void callInALoopCondition(double x, double limit) {
        double s = x;
        int k = 0;
        while (s * s < limit && k < 100) {
            s = s * 1.5 + 0.1;
            k++;
        }
        assertExact(CALL_CODE.get(), CALLS, "callInCondition", EPS, new double[] {s, Math.pow(1.5, k), 0}, x, limit);
        CALL_CODE.get().assertGradientMatchesDifferences(CALLS, "callInCondition", XY, x, limit);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "-0.3, 0.8", "1.5, 0.2", "-2.0, -1.0"})
    void callInAnIfCondition(double x, double y) {
        double[] expected;
        if (x * x + y * y < 1) {
            expected = new double[] {x * x * x * y, 3 * x * x * y, x * x * x};
        } else {
            double sigma = sigmoid(x - y);
            expected = new double[] {Math.log(1 + Math.exp(x - y)), sigma, -sigma};
        }
        CALL_CODE.get().assertGradientMatchesDifferences(CALLS, "callInIf", XY, x, y);
        assertExact(CALL_CODE.get(), CALLS, "callInIf", EPS, expected, x, y);
    }

    @ParameterizedTest
    @CsvSource({"1.5, -2.5, 0", "-1.25, -0.5, 1", "0.75, -1.0, 7"})
    void calleesWithControlFlowHaveTheirOwnGradients(double z, double negative, int n) {
        assertExact(CALL_CODE.get(), CALLS, "relu", EPS, new double[] {Math.max(z, 0), z > 0 ? 1 : 0}, z);
        assertExact(CALL_CODE.get(), CALLS, "relu", EPS, new double[] {0, 0}, negative);
        double[] expected = {repeatedPower(z, n), n == 0 ? 0 : n * repeatedPower(z, n - 1)};
        assertExact(CALL_CODE.get(), CALLS, "power", EPS, expected, z, n);
    }

    // ------------------------------------------------------------------ 10^6 iterations

    private static final String LONG = "cf.LongLoops";
    private static final GeneratedCode.Once LONG_CODE = GeneratedCode.once(source(LONG, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class LongLoops {
                /** Euler steps of dh/dt = sin(h w) over [0, 1]. */
                @Differentiable
                static double longLoop(double h0, double w) {
                    double h = h0;
                    for (int i = 0; i < 1_000_000; i++) {
                        h = h + 1e-6 * Math.sin(h * w);
                    }
                    return h;
                }

                /** A mean of n terms, with a long counter in a while loop. */
                @Differentiable
                static double longMean(double x, long n) {
                    double s = 0;
                    long i = 0;
                    while (i < n) {
                        s += Math.sin(x * i / n);
                        i++;
                    }
                    return s / n;
                }
            }
            """));

    /** The reverse pass over 10^6 iterations must not recurse: it runs here on a 512 KiB stack. */
    @ParameterizedTest
    @CsvSource({"0.5, 1.0", "-1.2, 2.5", "2.0, -0.7"})
    void millionIterations(double h0, double w) {
        GeneratedCode code = LONG_CODE.get(); // compile on the test thread, whose stack javac needs
        double[] expected = longLoopExpected(h0, w);
        Gradient g = onSmallStack(() -> assertExact(code, LONG, "longLoop", LOOSE, expected, h0, w));
        assertEquals(List.of("value", "dh0", "dw"), g.componentNames());
        assertMatchesDifferences(code, LONG, "longLoop", XY, 1e-4, 1e-6, g, h0, w);
    }

    @Test
    void millionTermsOfAMean() {
        GeneratedCode code = LONG_CODE.get();
        double x = 1.7;
        long n = 1_000_000L;
        double s = 0;
        double dx = 0;
        for (long i = 0; i < n; i++) {
            s += Math.sin(x * i / n);
            dx += Math.cos(x * i / n) * i / n;
        }
        double[] expected = {s / n, dx / n};
        Gradient g = onSmallStack(() -> assertExact(code, LONG, "longMean", LOOSE, expected, x, n));
        // about (1 - cos x) / x and its derivative
        assertEquals((1 - Math.cos(x)) / x, g.value(), 1e-5);
        assertEquals(Math.sin(x) / x - (1 - Math.cos(x)) / (x * x), g.d("x"), 1e-5);
        assertMatchesDifferences(code, LONG, "longMean", X, 1e-4, 1e-6, g, x, n);
    }

    // ------------------------------------------------------------------ less common shapes

    private static final String SHAPES = "cf.Shapes";
    private static final GeneratedCode.Once SHAPE_CODE = GeneratedCode.once(source(SHAPES, """
            package cf;

            import io.github.sourcegrad.Differentiable;

            class Shapes {
                /** if / else that both return, nothing after them. */
                @Differentiable
                static double huberBothReturn(double r, double delta) {
                    if (Math.abs(r) <= delta) {
                        return 0.5 * r * r;
                    } else {
                        return delta * (Math.abs(r) - 0.5 * delta);
                    }
                }

                /** Returns from nested ifs, one without braces, and a fall-through to the end. */
                @Differentiable
                static double nestedReturns(double x, double y) {
                    if (x > 0) {
                        if (y > 0) return x * y;
                        return x - y;
                    } else if (y > x) {
                        return Math.exp(x) * y;
                    }
                    double z = x + y;
                    return z * z;
                }

                /** while (true) left by break: s = s^2 + 1/4 until s > 2, at most 50 times. */
                @Differentiable
                static double whileTrue(double x) {
                    double s = x;
                    int k = 0;
                    while (true) {
                        s = s * s + 0.25;
                        k++;
                        if (s > 2 || k >= 50) {
                            break;
                        }
                    }
                    return s;
                }

                /** for (;;) left by break: the first power of x above limit (x > 1). */
                @Differentiable
                static double firstPowerAbove(double x, double limit) {
                    double p = 1;
                    for (;;) {
                        p *= x;
                        if (p > limit) {
                            break;
                        }
                    }
                    return p;
                }

                /** A loop body without braces. */
                @Differentiable
                static double unbracedLoop(double x, int n) {
                    double p = 1;
                    for (int i = 0; i < n; i++)
                        p *= x;
                    return p;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.3, 1.0", "-0.8, 1.0", "2.5, 1.0", "-3.0, 0.5", "1.75, 2.0"})
    void ifAndElseBothReturn(double r, double delta) {
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "huberBothReturn", XY, r, delta);
        assertExact(SHAPE_CODE.get(), SHAPES, "huberBothReturn", EPS, huberExpected(r, delta), r, delta);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 2.0, 2.0, 2.0, 1.0", "1.0, -2.0, 3.0, 1.0, -1.0", "-1.0, -3.0, 16.0, -8.0, -8.0"})
    void returnsFromNestedIfs(double x, double y, double value, double dx, double dy) {
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "nestedReturns", XY, x, y);
        assertExact(SHAPE_CODE.get(), SHAPES, "nestedReturns", EPS, new double[] {value, dx, dy}, x, y);
    }

    @Test
    void returnFromAnElseIf() {
        // x <= 0, y > x: e^x y
        double e = Math.exp(-1.0);
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "nestedReturns", XY, -1.0, 2.0);
        assertExact(SHAPE_CODE.get(), SHAPES, "nestedReturns", EPS, new double[] {2 * e, 2 * e, e}, -1.0, 2.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.3, -1.1, 0.45, -0.2})
    void whileTrueWithBreak(double x) {
        double s = x;
        double dx = 1;
        int k = 0;
        while (true) {
            dx = 2 * s * dx;
            s = s * s + 0.25;
            k++;
            if (s > 2 || k >= 50) {
                break;
            }
        }
        assertExact(SHAPE_CODE.get(), SHAPES, "whileTrue", EPS, new double[] {s, dx}, x);
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "whileTrue", X, x);
    }

    // x^k for the first k with x^k > limit: derivative k x^(k-1), none wrt limit.
    @ParameterizedTest
    @CsvSource({"1.3, 10.0, 9", "2.0, 1000.0, 10", "1.05, 1.04, 1", "3.0, 0.5, 1"})
    void forEverWithBreak(double x, double limit, int k) {
        double[] expected = {repeatedPower(x, k), k * repeatedPower(x, k - 1), 0};
        assertExact(SHAPE_CODE.get(), SHAPES, "firstPowerAbove", EPS, expected, x, limit);
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "firstPowerAbove", XY, x, limit);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0", "1.5, 1", "-0.75, 6"})
    void loopBodyWithoutBraces(double x, int n) {
        double[] expected = {repeatedPower(x, n), n == 0 ? 0 : n * repeatedPower(x, n - 1)};
        assertExact(SHAPE_CODE.get(), SHAPES, "unbracedLoop", EPS, expected, x, n);
        SHAPE_CODE.get().assertGradientMatchesDifferences(SHAPES, "unbracedLoop", X, x, n);
    }

    // ------------------------------------------------------------------ expected values

    /** {value, d/dr, d/ddelta} of the Huber loss. */
    private static double[] huberExpected(double r, double delta) {
        double a = Math.abs(r);
        return a <= delta
                ? new double[] {0.5 * r * r, r, 0}
                : new double[] {delta * (a - 0.5 * delta), delta * Math.signum(r), a - delta};
    }

    /** {value, d/dx, d/dc} of the piecewise polynomial. */
    private static double[] piecewiseExpected(double x, double c) {
        if (x < -1) {
            return new double[] {-c * x * x * x, -3 * c * x * x, -x * x * x};
        } else if (x < 1) {
            return new double[] {x * x + c, 2 * x, 1};
        } else if (x < 2) {
            return new double[] {2 * x * x * x - c * x, 6 * x * x - c, -x};
        }
        return new double[] {5 * x - 3, 5, 0};
    }

    /** {value, d/dx} of intConditions, by the same branches in forward mode. */
    private static double[] intConditionsExpected(double x, int k, long m) {
        double r = x;
        double d = 1;
        if (k == 0) {
            r = 2 * r;
            d = 2;
        } else if (k != 1 && m >= 3) {
            d = 2 * r;
            r = r * r;
        } else if (k < 0 || m < 0) {
            r = -r;
            d = -1;
        } else {
            r = Math.exp(r);
            d = r;
        }
        if (x > k) {
            r += x * k;
            d += k;
        }
        if (m <= k) {
            r *= m;
            d *= m;
        }
        return new double[] {r, d};
    }

    /** {x, dx/da, dx/dx0} after the given number of Newton steps for sqrt(a), in forward mode. */
    private static double[] newtonExpected(double a, double x0, int iterations) {
        double x = x0;
        double da = 0;
        double dx0 = 1;
        for (int k = 0; k < iterations; k++) {
            double factor = (1 - a / (x * x)) / 2;
            da = factor * da + 1 / (2 * x);
            dx0 = factor * dx0;
            x = (x + a / x) / 2;
        }
        return new double[] {x, da, dx0};
    }

    /** {h, dh/dw, dh/db, dh/dh0} of the tanh recurrence, in forward mode. */
    private static double[] rnnExpected(double w, double b, double h0, int steps) {
        double h = h0;
        double dw = 0;
        double db = 0;
        double dh0 = 1;
        for (int t = 0; t < steps; t++) {
            double next = Math.tanh(w * h + b);
            double g = 1 - next * next;
            dw = g * (h + w * dw);
            db = g * (1 + w * db);
            dh0 = g * w * dh0;
            h = next;
        }
        return new double[] {h, dw, db, dh0};
    }

    /** {h, dh/dh0, dh/dw} of the 10^6 Euler steps, in forward mode. */
    private static double[] longLoopExpected(double h0, double w) {
        double h = h0;
        double dh0 = 1;
        double dw = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double c = 1e-6 * Math.cos(h * w);
            dh0 = dh0 + c * w * dh0;
            dw = dw + c * (w * dw + h);
            h = h + 1e-6 * Math.sin(h * w);
        }
        return new double[] {h, dh0, dw};
    }

    private static double repeatedPower(double x, int n) {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= x;
        }
        return p;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    // ------------------------------------------------------------------ checks

    /**
     * Checks the record form and the zero-allocation form of {@code cls.method(args)} against
     * {@code expected} = {value, partials in declaration order}, each within {@code tolerance} relative to
     * {@code max(1, |expected|)}.
     */
    private static Gradient assertExact(GeneratedCode code, String cls, String method, double tolerance,
            double[] expected, Object... args) {
        String where = cls + "." + method + Arrays.toString(args);
        Gradient g = code.gradient(cls, method, args);
        double[] partials = g.partials();
        assertEquals(expected.length - 1, partials.length, where + ": partials of " + g);
        assertRelative(expected[0], g.value(), tolerance, where + ": value()");
        for (int i = 0; i < partials.length; i++) {
            assertRelative(expected[i + 1], partials[i], tolerance, where + ": " + g.componentNames().get(i + 1));
        }
        double[] grad = new double[partials.length];
        Arrays.fill(grad, Double.NaN);
        double value = code.gradientInto(cls, method, grad, args);
        assertRelative(expected[0], value, tolerance, where + ": value of the zero-allocation form");
        for (int i = 0; i < grad.length; i++) {
            assertRelative(expected[i + 1], grad[i], tolerance, where + ": grad[" + i + "]");
        }
        return g;
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double allowed = tolerance * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected)
                    + ", allowed " + allowed + ")");
        }
    }

    /**
     * Central differences with a chosen relative step, for methods whose value carries the rounding error
     * of 10^6 operations (the default step of 10^-6 would amplify it past the default tolerance).
     */
    private static void assertMatchesDifferences(GeneratedCode code, String cls, String method, int[] diffIndices,
            double step, double tolerance, Gradient g, Object... args) {
        double[] partials = g.partials();
        assertEquals(diffIndices.length, partials.length);
        assertEquals(code.primal(cls, method, args), g.value(), 1e-12 * Math.max(1, Math.abs(g.value())), "value()");
        for (int i = 0; i < diffIndices.length; i++) {
            int index = diffIndices[i];
            double x = ((Number) args[index]).doubleValue();
            double h = step * Math.max(1.0, Math.abs(x));
            Object[] plus = args.clone();
            Object[] minus = args.clone();
            plus[index] = x + h;
            minus[index] = x - h;
            double estimate = (code.primal(cls, method, plus) - code.primal(cls, method, minus))
                    / ((x + h) - (x - h));
            assertRelative(estimate, partials[i], tolerance, cls + "." + method + Arrays.toString(args)
                    + " d/d(arg " + index + ") against central difference");
        }
    }

    /** Runs {@code body} on a thread with a 512 KiB stack and returns its result or rethrows its failure. */
    private static <T> T onSmallStack(Supplier<T> body) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(body.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof StackOverflowError) {
            throw new AssertionError("the gradient overflowed a 512 KiB stack", t);
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        assertTrue(t == null, () -> "unexpected " + t);
        return result.get();
    }
}
