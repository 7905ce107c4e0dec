package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lowering of issue 12: side effects inside expressions ({@code =}, {@code op=}, {@code ++}, {@code --}) in
 * Java's evaluation order, loop conditions that assign (run on every evaluation, the last one too), returns
 * inside loops (a flagged exit) and {@code assert} (left out of the generated code). Every method is checked in
 * both forms against exact values and central differences.
 */
class LoweringTest {
    private static final double EPS = 1e-12;

    private static final String SIDE = "lw.Side";
    private static final GeneratedCode.Once SIDE_CODE = GeneratedCode.once(source(SIDE, """
            package lw;

            import io.github.sourcegrad.Differentiable;

            class Side {
                /** x^n - 1: the failing test n-- > 0 also decrements, so n ends at -1. */
                @Differentiable(wrt = "x")
                static double countDown(double x, int n) {
                    double p = 1;
                    while (n-- > 0) {
                        p *= x;
                    }
                    return p + n;
                }

                /** k x + k: the body runs once before --k is tested; k ends at 0 (or -1 from k = 0). */
                @Differentiable(wrt = "x")
                static double doWhile(double x, int k) {
                    double s = 0;
                    do {
                        s += x;
                    } while (--k > 0);
                    return s + k;
                }

                /** for (; i++ < n; ): the body sees i = 1..n, and i ends at n + 1. */
                @Differentiable(wrt = "x")
                static double forCondition(double x, int n) {
                    int i = 0;
                    double s = 0;
                    for (; i++ < n; ) {
                        s += x * x * i;
                    }
                    return s + i;
                }

                /** a[i++] = x * i: the index is taken before the right side sees i + 1, so a[k] = x (k + 1). */
                @Differentiable(wrt = "x")
                static double indexThenValue(double x, int n) {
                    double[] a = new double[n];
                    for (int i = 0; i < n; ) {
                        a[i++] = x * i;
                    }
                    double s = 0;
                    for (double v : a) {
                        s += v * v;
                    }
                    return s;
                }

                /** i = j = 3 on ints and a = b = x y on doubles. */
                @Differentiable
                static double chained(double x, double y) {
                    int i;
                    int j;
                    i = j = 3;
                    double a;
                    double b;
                    a = b = x * y;
                    return a * b + i + j;
                }

                /** x = ++t[0] and w = t[0]++ on a local array: z = w = y + 1, t[0] ends at y + 2. */
                @Differentiable
                static double elementIncrements(double x, double y) {
                    double[] t = {y, 0};
                    double z = ++t[0];
                    double w = t[0]++;
                    return x * z * w * t[0];
                }

                /** res += (arr[i] *= 5) in a loop, and q = (arr[0] += y): arr = {5x + y, 5y}, res = 5x + 5y. */
                @Differentiable
                static double elementCompound(double x, double y) {
                    double[] arr = {x, y};
                    double res = 0;
                    for (int i = 0; i < 2; i++) {
                        res += (arr[i] *= 5);
                    }
                    double q = (arr[0] += y);
                    return res * arr[0] + arr[1] + q;
                }

                /** (x = y) / (y * y): the left operand assigns x before the right one is evaluated. */
                @Differentiable
                static double assignThenDivide(double x, double y) {
                    double r = (x = y) / (y * y);
                    return r + x * x;
                }

                /** A compound assignment reads its variable before its right side assigns it: s + (s = y) = x + y. */
                @Differentiable
                static double compoundReadsFirst(double x, double y) {
                    double s = x;
                    s += (s = y) * 2;
                    return s * x;
                }

                /** s += a[k++] * a[k++] over a parameter array: the sum of products of neighbouring pairs. */
                @Differentiable(wrt = "a")
                static double pairs(double[] a, double c) {
                    double s = 0;
                    int k = 0;
                    while (k < a.length) {
                        s += a[k++] * a[k++];
                    }
                    return s * c;
                }

                /** A double counter: while (t-- > 0) adds t y; t ends at its value minus trips + 1. */
                @Differentiable
                static double doubleCounter(double x, double y) {
                    double t = x;
                    double s = 0;
                    while (t-- > 0) {
                        s += t * y;
                    }
                    return s + t;
                }

                /** An if condition that assigns: s = x y, then s + x when it exceeds 1. */
                @Differentiable
                static double ifAssigns(double x, double y) {
                    double s = x;
                    if ((s = s * y) > 1) {
                        s += x;
                    }
                    return s;
                }

                /** Newton's method with both assignments in the condition and an empty body. */
                @Differentiable
                static double newtonInCondition(double a) {
                    double x = a;
                    double previous = 0;
                    while (Math.abs((previous = x) - (x = 0.5 * (x + a / x))) > 1e-12 * a) {
                    }
                    return x + 0 * previous;
                }

                /** ++ and -- as values on doubles, prefix and postfix, in one expression. */
                @Differentiable
                static double incrementValues(double x, double y) {
                    double u = x;
                    double v = y;
                    double r = u++ * --v + ++u * v--;
                    return r + u * v;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"1.5, 0", "1.5, 1", "1.5, 4", "-0.7, 3"})
    void whileDecrementRunsOnTheLastTest(double x, int n) {
        double expected = Math.pow(x, n) - 1;
        assertExact(SIDE_CODE.get(), SIDE, "countDown", new double[] {expected, n * Math.pow(x, n - 1)}, x, n);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "countDown", new int[] {0}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0", "0.5, 1", "0.5, 3"})
    void doWhileConditionThatDecrements(double x, int k) {
        int trips = Math.max(k, 1);
        assertExact(SIDE_CODE.get(), SIDE, "doWhile", new double[] {trips * x + (k > 0 ? 0 : -1), trips}, x, k);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void forConditionThatIncrements(int n) {
        double x = 0.7;
        double sum = n * (n + 1) / 2.0;
        assertExact(SIDE_CODE.get(), SIDE, "forCondition", new double[] {x * x * sum + n + 1, 2 * x * sum}, x, n);
    }

    @Test
    void indexIsEvaluatedBeforeTheRightSide() {
        double x = 1.3;
        // a = {x, 2x, 3x}: s = 14 x^2
        assertExact(SIDE_CODE.get(), SIDE, "indexThenValue", new double[] {14 * x * x, 28 * x}, x, 3);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "indexThenValue", new int[] {0}, x, 3);
    }

    @Test
    void chainedAssignments() {
        double x = 0.8;
        double y = -1.7;
        assertExact(SIDE_CODE.get(), SIDE, "chained", new double[] {x * x * y * y + 6, 2 * x * y * y, 2 * x * x * y}, x, y);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "chained", new int[] {0, 1}, x, y);
    }

    @Test
    void incrementsOfAnElementOfALocalArray() {
        double x = 0.6;
        double y = 1.9;
        // x (y + 1)^2 (y + 2)
        double value = x * (y + 1) * (y + 1) * (y + 2);
        double dy = x * (2 * (y + 1) * (y + 2) + (y + 1) * (y + 1));
        assertExact(SIDE_CODE.get(), SIDE, "elementIncrements", new double[] {value, value / x, dy}, x, y);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "elementIncrements", new int[] {0, 1}, x, y);
    }

    @Test
    void compoundAssignmentsOfElementsAsValues() {
        double x = 0.4;
        double y = -1.1;
        // (5x + 5y)(5x + y) + 5y + (5x + y)
        double value = (5 * x + 5 * y) * (5 * x + y) + 5 * y + 5 * x + y;
        assertExact(SIDE_CODE.get(), SIDE, "elementCompound",
                new double[] {value, 50 * x + 30 * y + 5, 30 * x + 10 * y + 6}, x, y);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "elementCompound", new int[] {0, 1}, x, y);
    }

    @Test
    void assignmentInsideAQuotient() {
        double x = 2.5;
        double y = 1.6;
        // 1 / y + y^2; x is overwritten before it is read
        assertExact(SIDE_CODE.get(), SIDE, "assignThenDivide", new double[] {1 / y + y * y, 0, -1 / (y * y) + 2 * y}, x, y);
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "assignThenDivide", new int[] {0, 1}, x, y);
    }

    @Test
    void compoundAssignmentReadsItsVariableFirst() {
        double x = 1.2;
        double y = 0.3;
        // s = x + 2y; (x + 2y) x
        assertExact(SIDE_CODE.get(), SIDE, "compoundReadsFirst", new double[] {(x + 2 * y) * x, 2 * x + 2 * y, 2 * x}, x, y);
    }

    @Test
    void postfixIndicesIntoAParameterArray() {
        double[] a = {0.5, -1.5, 2.0, 0.25};
        double c = 3;
        Object[] got = arrayGradient(SIDE_CODE.get(), SIDE, "pairs", a, c);
        assertEquals((a[0] * a[1] + a[2] * a[3]) * c, (double) got[0], EPS);
        assertArrayNear(new double[] {a[1] * c, a[0] * c, a[3] * c, a[2] * c}, (double[]) got[1], EPS, "da");
    }

    @ParameterizedTest
    @CsvSource({"2.5, 0.7", "0.3, -1.2", "-1.5, 2.0"})
    void decrementOfADoubleInTheCondition(double x, double y) {
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "doubleCounter", new int[] {0, 1}, x, y);
        // x = 2.5: the body sees t = 1.5, 0.5, -0.5, and t ends at -1.5: s = 1.5 y; ds/dx = 3 y
        if (x == 2.5) {
            assertExact(SIDE_CODE.get(), SIDE, "doubleCounter", new double[] {1.5 * y - 1.5, 3 * y + 1, 1.5}, x, y);
        }
    }

    @Test
    void incrementsAsValues() {
        double x = 0.9;
        double y = -0.4;
        // u++ is x (u = x + 1), --v is y - 1, ++u is x + 2, v-- is y - 1 (v = y - 2)
        double value = x * (y - 1) + (x + 2) * (y - 1) + (x + 2) * (y - 2);
        double dx = (y - 1) + (y - 1) + (y - 2);
        double dy = x + (x + 2) + (x + 2);
        assertExact(SIDE_CODE.get(), SIDE, "incrementValues", new double[] {value, dx, dy}, x, y);
    }

    @ParameterizedTest
    @CsvSource({"2.0, 3.0", "0.1, 2.0"})
    void ifConditionThatAssigns(double x, double y) {
        boolean above = x * y > 1;
        assertExact(SIDE_CODE.get(), SIDE, "ifAssigns",
                new double[] {x * y + (above ? x : 0), y + (above ? 1 : 0), x}, x, y);
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 0.25, 10.0})
    void loopConditionWithTwoAssignments(double a) {
        SIDE_CODE.get().assertGradientMatchesDifferences(SIDE, "newtonInCondition", new int[] {0}, a);
        Gradient g = SIDE_CODE.get().gradient(SIDE, "newtonInCondition", a);
        assertEquals(Math.sqrt(a), g.value(), 1e-12 * Math.sqrt(a));
        assertEquals(0.5 / Math.sqrt(a), g.d("a"), 1e-9);
    }

    // ------------------------------------------------------------------ return inside loops

    private static final String SEARCH = "lw.Search";
    private static final GeneratedCode.Once SEARCH_CODE = GeneratedCode.once(source(SEARCH, """
            package lw;

            import io.github.sourcegrad.Differentiable;

            class Search {
                /** The first element above t decides: sqrt(x[i] - t); none, 0. */
                @Differentiable(wrt = "x")
                static double firstAbove(double[] x, double t) {
                    for (int i = 0; i < x.length; i++) {
                        if (x[i] > t) {
                            return Math.sqrt(x[i] - t);
                        }
                    }
                    return 0;
                }

                /** The same over an enhanced for, the fall-through value depending on x too. */
                @Differentiable(wrt = "x")
                static double firstAboveEach(double[] x, double t) {
                    double s = 0;
                    for (double v : x) {
                        s += v;
                        if (v > t) {
                            return v * s;
                        }
                    }
                    return -s;
                }

                /** A return from an inner loop leaves both loops; statements after the inner loop are skipped. */
                @Differentiable
                static double nested(double x, double limit, int n, int m) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < m; j++) {
                            s += x * (i + j + 1);
                            if (s > limit) {
                                return s * x;
                            }
                        }
                        s *= 0.5;
                    }
                    return s + x;
                }

                /** Newton's method that returns as soon as it converges, or -x after maxSteps. */
                @Differentiable
                static double newton(double a, int maxSteps) {
                    double x = a;
                    for (int k = 0; k < maxSteps; k++) {
                        double next = 0.5 * (x + a / x);
                        if (Math.abs(next - x) < 1e-9) {
                            return next;
                        }
                        x = next;
                    }
                    return -x;
                }

                /** A search inside a branch, its result a constant: the backward pass needs only the flag (fuzz seed 20240611, program 72). */
                @Differentiable
                static double flagOnly(double p) {
                    if (p > -10) {
                        double v1 = 0;
                        for (int k = 0; k < 3; k++) {
                            if (p > 0) {
                                return v1;
                            }
                        }
                    }
                    return p;
                }

                /** Two returns in one loop: each gives its own value. */
                @Differentiable
                static double twoReturns(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x;
                        if (s > 5) {
                            return s * s;
                        }
                        if (s < -5) {
                            return -s * x;
                        }
                    }
                    return s;
                }

                /** The loop ends only by its return: no statement follows it. */
                @Differentiable
                static double untilLarge(double x) {
                    double s = x;
                    while (true) {
                        s = s * 2;
                        if (s > 10) {
                            return s;
                        }
                    }
                }

                /** A labelled loop, a do-while inside it, and a second search after the first. */
                @Differentiable
                static double twoSearches(double x, int n) {
                    double s = 1;
                    outer:
                    for (int i = 0; i < n; i++) {
                        int k = 0;
                        do {
                            s *= x;
                            if (s > 100) {
                                return s;
                            }
                            if (s < 0.001) {
                                continue outer;
                            }
                        } while (++k < 2);
                    }
                    while (s < 1000) {
                        s = s * 3 + x;
                        if (s < 0) {
                            return -s;
                        }
                    }
                    return s / 2;
                }
            }
            """));

    @Test
    void searchLoopThatReturnsEarly() {
        double[] x = {1.0, 3.0, 7.0};
        Object[] got = arrayGradient(SEARCH_CODE.get(), SEARCH, "firstAbove", x, 2.0);
        assertEquals(1.0, (double) got[0], EPS);
        assertArrayNear(new double[] {0, 0.5, 0}, (double[]) got[1], EPS, "dx");
        checkArrayDifferences(SEARCH_CODE.get(), SEARCH, "firstAbove", x, 2.0, got);
    }

    @Test
    void searchLoopThatFallsThrough() {
        double[] x = {1.0, 3.0, 7.0};
        Object[] got = arrayGradient(SEARCH_CODE.get(), SEARCH, "firstAbove", x, 10.0);
        assertEquals(0.0, (double) got[0], 0);
        assertArrayNear(new double[] {0, 0, 0}, (double[]) got[1], 0, "dx");
        Object[] empty = arrayGradient(SEARCH_CODE.get(), SEARCH, "firstAbove", new double[0], 10.0);
        assertEquals(0.0, (double) empty[0], 0);
    }

    @Test
    void searchOverAnEnhancedFor() {
        double[] x = {1.0, 3.0, 7.0};
        // returns at v = 3: 3 (1 + 3); d/dx0 = 3, d/dx1 = 4 + 3
        Object[] early = arrayGradient(SEARCH_CODE.get(), SEARCH, "firstAboveEach", x, 2.0);
        assertEquals(12.0, (double) early[0], EPS);
        assertArrayNear(new double[] {3, 7, 0}, (double[]) early[1], EPS, "dx");
        Object[] through = arrayGradient(SEARCH_CODE.get(), SEARCH, "firstAboveEach", x, 10.0);
        assertEquals(-11.0, (double) through[0], EPS);
        assertArrayNear(new double[] {-1, -1, -1}, (double[]) through[1], EPS, "dx");
    }

    @ParameterizedTest
    @CsvSource({"0.7, 4.0, 3, 3", "0.7, 1.5, 3, 3", "0.7, 100.0, 3, 3", "-0.3, 1.0, 2, 4", "1.1, 0.5, 0, 2"})
    void returnFromAnInnerLoop(double x, double limit, int n, int m) {
        double[] expected = nestedMirror(x, limit, n, m);
        assertExact(SEARCH_CODE.get(), SEARCH, "nested", expected, x, limit, n, m);
        SEARCH_CODE.get().assertGradientMatchesDifferences(SEARCH, "nested", new int[] {0, 1}, x, limit, n, m);
    }

    /** Value and derivatives of Search.nested by hand, in forward mode. */
    private static double[] nestedMirror(double x, double limit, int n, int m) {
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s += x * (i + j + 1);
                ds += i + j + 1;
                if (s > limit) {
                    return new double[] {s * x, ds * x + s, 0};
                }
            }
            s *= 0.5;
            ds *= 0.5;
        }
        return new double[] {s + x, ds + 1, 0};
    }

    @ParameterizedTest
    @CsvSource({"2.0, 50", "2.0, 2", "9.0, 100"})
    void newtonReturnsWhenItConverges(double a, int steps) {
        GeneratedCode code = SEARCH_CODE.get();
        code.assertGradientMatchesDifferences(SEARCH, "newton", new int[] {0}, a, steps);
        if (steps > 10) {
            assertExact(code, SEARCH, "newton", new double[] {Math.sqrt(a), 0.5 / Math.sqrt(a)}, a, steps);
        }
    }

    @ParameterizedTest
    @CsvSource({"1.0, 0, 0", "-1.0, -1, 1", "-20.0, -20, 1"})
    void searchInABranchWhoseResultIsAConstant(double p, double value, double derivative) {
        assertExact(SEARCH_CODE.get(), SEARCH, "flagOnly", new double[] {value, derivative}, p);
    }

    @ParameterizedTest
    @CsvSource({"2.0, 10, 36, 36", "-2.0, 10, -12, 12", "0.1, 3, 0.3, 3"})
    void twoReturnsInOneLoop(double x, int n, double value, double derivative) {
        assertExact(SEARCH_CODE.get(), SEARCH, "twoReturns", new double[] {value, derivative}, x, n);
        SEARCH_CODE.get().assertGradientMatchesDifferences(SEARCH, "twoReturns", new int[] {0}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"3.0, 4", "0.3, 64", "11.0, 2"})
    void loopThatEndsOnlyByItsReturn(double x, double factor) {
        assertExact(SEARCH_CODE.get(), SEARCH, "untilLarge", new double[] {x * factor, factor}, x);
    }

    @ParameterizedTest
    @CsvSource({"5.0, 3", "0.5, 3", "0.01, 2", "1.5, 4", "-2.0, 3"})
    void labelledLoopsAndTwoSearches(double x, int n) {
        SEARCH_CODE.get().assertGradientMatchesDifferences(SEARCH, "twoSearches", new int[] {0}, x, n);
    }

    // ------------------------------------------------------------------ assert

    @Test
    void assertIsLeftOutOfTheGeneratedCode() {
        GeneratedCode code = GeneratedCode.compile(source("lw.Asserts", """
                package lw;

                import io.github.sourcegrad.Differentiable;

                class Asserts {
                    @Differentiable
                    static double f(double x) {
                        assert x > 0 : "x must be positive";
                        double y = x * x;
                        assert y >= 0;
                        return y;
                    }
                }
                """));
        // the generated code does not check: the derivative at a negative x is that of x^2
        Gradient g = code.gradient("lw.Asserts", "f", -3.0);
        assertEquals(9.0, g.value(), 0);
        assertEquals(-6.0, g.d("x"), 0);
    }

    // ------------------------------------------------------------------ what stays an error

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "double a = x; int i = 0; if (a > 0 && i++ > 0) { a = y; } return a + i;#a side of && that Java evaluates only conditionally",
            "int i = 0; double a = x > 0 ? x * i++ : y; return a;#a side of ?:",
            "int i = 0; boolean b = x > 0 || (i += 2) > 1; return b ? x : y;#a side of ||",
            "int i = 0; assert i++ < 1; return x;#inside an assert is not supported"})
    void sideEffectsThatRunConditionallyAreErrors(String body, String message) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Bad",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Bad {",
                "  @Differentiable static double f(double x, double y) {",
                "    " + body,
                "  }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(5);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertExact(GeneratedCode code, String cls, String method, double[] expected, Object... args) {
        String where = cls + "." + method + Arrays.toString(args);
        assertEquals(expected[0], code.primal(cls, method, args), EPS * Math.max(1, Math.abs(expected[0])), where + ": primal");
        Gradient g = code.gradient(cls, method, args);
        double[] partials = g.partials();
        assertEquals(expected.length - 1, partials.length, where + ": partials");
        assertEquals(expected[0], g.value(), EPS * Math.max(1, Math.abs(expected[0])), where + ": value()");
        double[] grad = new double[partials.length];
        Arrays.fill(grad, Double.NaN);
        double value = code.gradientInto(cls, method, grad, args);
        assertEquals(g.value(), value, 0, where + ": value of the zero-allocation form");
        for (int i = 0; i < partials.length; i++) {
            double tolerance = EPS * Math.max(1, Math.abs(expected[i + 1]));
            assertEquals(expected[i + 1], partials[i], tolerance, where + ": " + g.componentNames().get(i + 1));
            assertEquals(expected[i + 1], grad[i], tolerance, where + ": grad[" + i + "]");
        }
    }

    /**
     * {@code d<method>(double[] x, double t)} differentiated with respect to {@code x} only: {value, dx} from the
     * record form, checked against the buffer form {@code d<method>(x, t, gradX)}.
     */
    private static Object[] arrayGradient(GeneratedCode code, String cls, String method, double[] x, double t) {
        try {
            Class<?> companion = code.companion(cls);
            Method record = companion.getMethod("d" + method, double[].class, double.class);
            Object r = record.invoke(null, x.clone(), t);
            List<Object> parts = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                parts.add(c.getAccessor().invoke(r));
            }
            Method buffer = companion.getMethod("d" + method, double[].class, double.class, double[].class);
            double[] gradX = new double[x.length];
            Arrays.fill(gradX, Double.NaN);
            double value = (Double) buffer.invoke(null, x.clone(), t, gradX);
            assertEquals((double) parts.get(0), value, 0, method + ": value of the buffer form");
            assertArrayNear((double[]) parts.get(1), gradX, 0, method + ": buffer form");
            assertEquals((double) parts.get(0), primal(code, cls, method, x.clone(), t), 0, method + ": primal");
            return parts.toArray();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The original {@code cls.method(double[] x, double t)}. */
    private static double primal(GeneratedCode code, String cls, String method, double[] x, double t) {
        try {
            Method m = code.companion(cls).getClassLoader().loadClass(cls).getDeclaredMethod(method, double[].class, double.class);
            m.setAccessible(true);
            return (Double) m.invoke(null, x, t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void checkArrayDifferences(GeneratedCode code, String cls, String method, double[] x, double t, Object[] got) {
        double[] dx = (double[]) got[1];
        for (int k = 0; k < x.length; k++) {
            double h = GeneratedCode.FD_STEP * Math.max(1, Math.abs(x[k]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += h;
            down[k] -= h;
            double estimate = (primal(code, cls, method, up, t) - primal(code, cls, method, down, t)) / (up[k] - down[k]);
            GeneratedCode.assertMatchesDifference(estimate, dx[k], method + " d/dx[" + k + "]");
        }
    }

    private static void assertArrayNear(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int k = 0; k < expected.length; k++) {
            if (!(Math.abs(expected[k] - actual[k]) <= tolerance * Math.max(1, Math.abs(expected[k])))) {
                fail(what + ": element " + k + " is " + actual[k] + " but should be " + expected[k]
                        + "\n actual   " + Arrays.toString(actual) + "\n expected " + Arrays.toString(expected));
            }
        }
    }
}
