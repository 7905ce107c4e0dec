package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Integer arithmetic that numeric code writes next to its doubles: bitwise and shift operators ({@code (i & 1) == 0},
 * {@code (lo + hi) >>> 1}, {@code rev |= bit << k}), {@code &}, {@code |}, {@code ^} on booleans (both sides always
 * evaluated), and calls whose result is an int, long or boolean (derivative 0): {@code Double.isNaN}, {@code
 * Integer.max}, a pure index helper of the user's. They are computed as written, in the forward pass and where the
 * backward pass recomputes a loop iteration. Each gradient is checked in both forms against central differences and
 * against its closed form; the values against the method itself, which runs Java's own semantics.
 */
class IntegerOpsTest {

    private static final String CLS = "io.Ints";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package io;

            import io.github.sourcegrad.Differentiable;

            class Ints {
                static final int MASK = 3;
                static final int WIDTH = 4;

                static int idx(int i, int j, int n) {
                    return i * n + j;
                }

                /** A helper that calls a helper, Math and a constant, with a loop and locals. */
                static int folded(int i, long seed) {
                    int h = (int) (seed ^ (seed >>> 7));
                    for (int k = 0; k < 3; k++) {
                        h = h * 31 + Math.floorMod(idx(i, k, WIDTH), 5);
                    }
                    return h & MASK;
                }

                static boolean inside(double x) {
                    return x > 0 && x < 1 && !Double.isNaN(x);
                }

                /** Every integer operator, on ints and longs, negative values too. */
                @Differentiable
                static double bits(double x, int n, long m) {
                    int a = (n >> 1) & 3;
                    int b = n << 2 | 1;
                    int c = n >>> 28;
                    long d = (m ^ 0xF0L) >> 2;
                    int e = ~n;
                    long f = ~m >>> 60;
                    a |= 8;
                    a &= 13;
                    a ^= 2;
                    b <<= 1;
                    b >>= 1;
                    c >>>= 1;
                    return x * a + x * x * b + c * x + d * x + e * x * x * x + f;
                }

                /** Alternating weights by parity and a bit-reversed permutation, in loops the backward pass replays. */
                @Differentiable
                static double parityAndReversal(double[] x) {
                    int n = x.length;
                    int bits = 0;
                    while ((1 << bits) < n) {
                        bits++;
                    }
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        int rev = 0;
                        for (int k = 0; k < bits; k++) {
                            rev |= ((i >> k) & 1) << (bits - 1 - k);
                        }
                        double w = (i & 1) == 0 ? x[i] : -x[i];
                        s += w * x[rev];
                    }
                    return s;
                }

                /** Binary search with (lo + hi) >>> 1, and a for update that shifts. */
                @Differentiable
                static double search(double[] knots, double t) {
                    int lo = 0;
                    int hi = knots.length - 1;
                    while (hi - lo > 1) {
                        int mid = (lo + hi) >>> 1;
                        if (knots[mid] <= t) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    double s = 0;
                    for (int len = 1; len <= 8; len <<= 1) {
                        s += len * t;
                    }
                    return (t - knots[lo]) * (knots[hi] - t) + s;
                }

                /** & | ^ on booleans evaluate both sides: the counters move although the left side decides. */
                @Differentiable
                static double booleans(double x, double y) {
                    int k = 0;
                    double s = 0;
                    for (int i = 0; i < 4; i++) {
                        boolean p = (x > i) & (k++ >= 0);
                        boolean q = (y < 0) | (k++ > 100);
                        boolean r = p ^ q;
                        r &= x > 0;
                        r |= false;
                        if (r) {
                            s += x * y * i;
                        } else {
                            s += x;
                        }
                    }
                    if ((x > 1) & (y > 0)) {
                        s += y;
                    }
                    return s + k * y;
                }

                /** JDK methods whose result is piecewise constant, and the user's pure helpers. */
                @Differentiable
                static double calls(double x, double y, int n) {
                    double r = Math.log(x) * y;
                    if (Double.isNaN(r) || !Double.isFinite(r) || Double.isInfinite(r)) {
                        return 0;
                    }
                    int m = Integer.max(n, 2) + Integer.signum(-n) + Long.signum(Long.min(5L, n));
                    boolean flip = Boolean.logicalXor(inside(x), Integer.bitCount(n) > 1) && Double.compare(x, y) < 0;
                    return (flip ? r * r : r) * m;
                }

                /** A flat index helper in nested loops: the backward pass calls it again when it replays them. */
                @Differentiable
                static double flatIndex(double[] a, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            s += a[idx(i, j, n)] * a[idx(j, i, n)] * a[folded(i, j)];
                        }
                    }
                    return s;
                }
            }
            """));

    @Test
    void everyIntegerOperatorHasJavasValueAndNoDerivative() {
        for (int n : new int[] {13, -13, 0}) {
            long m = n == 0 ? -(1L << 40) + 5 : 1234567L * n;
            double x = 0.7;
            int a = ((((n >> 1) & 3) | 8) & 13) ^ 2;
            int b = ((n << 2 | 1) << 1) >> 1;
            int c = (n >>> 28) >>> 1;
            long d = (m ^ 0xF0L) >> 2;
            int e = ~n;
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "bits", new int[] {0}, x, n, m);
            assertEquals(a + 2 * x * b + c + d + 3 * e * x * x, g.scalar("dx"), 1e-9 * Math.max(1, Math.abs(d)), "n = " + n);
        }
    }

    @Test
    void parityAndBitReversalInReplayedLoops() {
        double[] x = {0.5, 1.3, -0.9, 0.2, 0.7, -0.4, 1.1, 0.3};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "parityAndReversal", new int[] {0}, (Object) x);
        int[] rev = {0, 4, 2, 6, 1, 5, 3, 7};
        double[] expected = new double[8];
        for (int i = 0; i < 8; i++) {
            double sign = (i & 1) == 0 ? 1 : -1;
            expected[i] += sign * x[rev[i]];
            expected[rev[i]] += sign * x[i];
        }
        assertArrayNear(expected, g.vector("dx"));
    }

    @Test
    void binarySearchWithAnUnsignedShift() {
        double[] knots = {0.0, 0.5, 1.2, 2.0, 3.1, 4.0};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "search", new int[] {0, 1}, knots, 2.45);
        // lo = 3 (2.0), hi = 4 (3.1); len = 1, 2, 4, 8
        assertEquals((knots[4] - 2.45) - (2.45 - knots[3]) + 15, g.scalar("dt"), 1e-12);
        assertArrayNear(new double[] {0, 0, 0, -(knots[4] - 2.45), 2.45 - knots[3], 0}, g.vector("dknots"));
    }

    @Test
    void booleanOperatorsEvaluateBothSides() {
        // k counts two increments per iteration whatever the comparisons say: k = 8 at the end
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "booleans", new int[] {0, 1}, 2.5, 0.75);
        // r = (x > i) for x > 0, y >= 0: i = 0, 1, 2 take x * y * i, i = 3 takes x
        assertEquals(0.75 * (0 + 1 + 2) + 1, g.scalar("dx"), 1e-12);
        assertEquals(2.5 * (0 + 1 + 2) + 8 + 1, g.scalar("dy"), 1e-12);
        // y < 0: q is true, so r = !p: i = 0, 1, 2 take x, i = 3 takes x * y * 3
        ArraysTest.Result h = ArraysTest.check(CODE, CLS, "booleans", new int[] {0, 1}, 2.5, -0.75);
        assertEquals(3 + -0.75 * 3, h.scalar("dx"), 1e-12);
        assertEquals(2.5 * 3 + 8, h.scalar("dy"), 1e-12);
    }

    @Test
    void callsWithPiecewiseConstantResults() {
        for (double[] p : new double[][] {{1.7, 0.6}, {0.4, 0.6}, {0.4, 0.3}}) {
            for (int n : new int[] {3, -2, 7}) {
                double x = p[0];
                double y = p[1];
                double r = Math.log(x) * y;
                int m = Math.max(n, 2) + Integer.signum(-n) + Long.signum(Math.min(5L, n));
                boolean inside = x > 0 && x < 1;
                boolean flip = (inside ^ Integer.bitCount(n) > 1) && x < y;
                ArraysTest.Result g = ArraysTest.check(CODE, CLS, "calls", new int[] {0, 1}, x, y, n);
                double dr = flip ? 2 * r * m : m;
                assertEquals(dr * y / x, g.scalar("dx"), 1e-12, x + ", " + y + ", " + n);
                assertEquals(dr * Math.log(x), g.scalar("dy"), 1e-12, x + ", " + y + ", " + n);
            }
        }
    }

    @Test
    void pureIndexHelperInNestedLoops() {
        double[] a = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "flatIndex", new int[] {0}, a, 3);
        double[] expected = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int p = i * 3 + j;
                int q = j * 3 + i;
                int h = folded(i, j);
                expected[p] += a[q] * a[h];
                expected[q] += a[p] * a[h];
                expected[h] += a[p] * a[q];
            }
        }
        assertArrayNear(expected, g.vector("da"));
    }

    private static int folded(int i, long seed) {
        int h = (int) (seed ^ (seed >>> 7));
        for (int k = 0; k < 3; k++) {
            h = h * 31 + Math.floorMod(i * 4 + k, 5);
        }
        return h & 3;
    }

    @Test
    void operatorsAndCallsArePrintedAsWritten() {
        String code = CODE.get().generatedSource("io.IntsGrad");
        for (String expected : new String[] {"if ((i & 1) == 0)", "if ((x > 1) & (y > 0))", ">>> 1", "= ~n;",
                "= t2 | 1;", "= m ^ 0xF0L;", "= t3 >> 2;", "Ints.idx(i, j, n)", "Double.isNaN(r)", "Integer.max(n, 2)",
                "len = len << 1", "boolean p = t2 & t3;"}) {
            assertTrue(code.contains(expected), expected + " in\n" + code);
        }
    }

    private static final GeneratedCode.Once PACKAGES = GeneratedCode.once(source("lib.Shapes", """
            package lib;

            import io.github.sourcegrad.Differentiable;

            public class Shapes {
                static int weight(int n) {
                    return (n & 1) == 0 ? n >> 1 : n;
                }

                @Differentiable
                public static double scaled(double x, int n) {
                    return x * x * weight(n);
                }
            }
            """), source("app.Uses", """
            package app;

            import io.github.sourcegrad.Differentiable;
            import lib.Shapes;

            class Uses {
                @Differentiable
                static double twice(double x, int n) {
                    return 2 * Shapes.scaled(x, n) + x;
                }
            }
            """));

    @Test
    void aCalleeInAnotherPackageThatCallsAPackagePrivateHelperStaysACall() {
        // the zero-allocation form writes small callees inline, but app cannot call lib.Shapes.weight
        for (int n : new int[] {6, 5}) {
            ArraysTest.Result g = ArraysTest.check(PACKAGES, "app.Uses", "twice", new int[] {0}, 1.5, n);
            int weight = (n & 1) == 0 ? n >> 1 : n;
            assertEquals(2 * 2 * 1.5 * weight + 1, g.scalar("dx"), 1e-12);
        }
        assertTrue(!PACKAGES.get().generatedSource("app.UsesGrad").contains("weight("));
    }

    private static void assertArrayNear(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }
}
