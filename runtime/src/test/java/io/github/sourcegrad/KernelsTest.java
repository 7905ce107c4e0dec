package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels} against the textbook loops: every element of a product must have the bits of {@code s = 0; for
 * (p ...) s += a * b} (so no tolerance), at shapes that hit every remainder of the unrolling, the cache block
 * boundaries and the split across threads; {@code tanh} within its ulp bound of {@code Math.tanh}.
 */
class KernelsTest {

    /** {n, k, m}: 1xN, Nx1, odd sizes, remainders of the 4-way unrolling, the cache blocks, a split product. */
    private static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 1}, {1, 1, 9}, {1, 13, 6}, {9, 1, 1}, {9, 2, 1},
        {3, 3, 3}, {5, 4, 7}, {7, 5, 3}, {13, 9, 11}, {64, 8, 16}, {64, 16, 1}, {16, 8, 1}, {2, 0, 3}, {4, 6, 0},
        {3, Kernels.K_BLOCK + 3, Kernels.J_BLOCK + 5}, {Kernels.J_BLOCK + 1, 2 * Kernels.K_BLOCK + 1, 7},
        // 70 * 131 * 130 and 600 * 1800 * 1 multiply-adds: split across threads
        {70, 131, 130}, {600, 1800, 1}, {40, 1, 37}};

    private static double[][] random(SplittableRandom random, int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        return m;
    }

    private static double[][] nanFilled(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    private static double[][] transpose(double[][] a, int columns) {
        double[][] t = new double[columns][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < columns; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The textbook {@code i-j-k} loop: each element a dot product in index order. */
    private static double[][] plain(double[][] a, double[][] b, int n, int k, int m) {
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    private static void assertSameBits(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, what + " row " + i);
        }
    }

    @Test
    void matrixProductsHaveTheBitsOfThePlainLoop() {
        SplittableRandom random = new SplittableRandom(13);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int k = shape[1];
            int m = shape[2];
            String what = n + "x" + k + " * " + k + "x" + m;
            double[][] a = random(random, n, k);
            double[][] b = random(random, k, m);
            double[][] expected = plain(a, b, n, k, m);

            double[][] out = nanFilled(n, m);
            Kernels.matmul(a, b, out);
            assertSameBits(expected, out, "matmul " + what);

            out = nanFilled(n, m);
            Kernels.transposedTimes(transpose(a, k), b, out);
            assertSameBits(expected, out, "transposedTimes " + what);

            out = nanFilled(n, m);
            Kernels.timesTransposed(a, transpose(b, m), out);
            assertSameBits(expected, out, "timesTransposed " + what);

            // and through ArrayMath, which allocates and delegates
            if (k > 0 && m > 0) {
                assertSameBits(expected, ArrayMath.matmul(a, b), "ArrayMath.matmul " + what);
                assertSameBits(expected, ArrayMath.transposedTimes(transpose(a, k), b), "ArrayMath.transposedTimes "
                        + what);
                assertSameBits(expected, ArrayMath.timesTransposed(a, transpose(b, m)), "ArrayMath.timesTransposed "
                        + what);
            }
        }
    }

    @Test
    void matrixVectorProductsHaveTheBitsOfThePlainLoop() {
        SplittableRandom random = new SplittableRandom(14);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int k = shape[1];
            double[][] a = random(random, n, k);
            double[] x = random(random, 1, k)[0];
            double[] y = random(random, 1, n)[0];
            String what = n + "x" + k;

            double[] ax = new double[n];
            Arrays.fill(ax, Double.NaN);
            Kernels.matmul(a, x, ax);
            double[] yA = new double[k];
            Arrays.fill(yA, Double.NaN);
            Kernels.matmul(y, a, yA);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * x[p];
                }
                assertEquals(s, ax[i], 0.0, "a x " + what);
            }
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += y[i] * a[i][p];
                }
                assertEquals(s, yA[p], 0.0, "yᵀa " + what);
            }
            if (n > 0) {
                assertArrayEquals(ax, ArrayMath.matmul(a, x), 0.0, "ArrayMath.matmul(a, x) " + what);
                assertArrayEquals(ax, ArrayMath.timesTransposed(x, a), 0.0, "ArrayMath.timesTransposed(x, a) " + what);
            }
            if (k > 0) {
                assertArrayEquals(yA, ArrayMath.matmul(y, a), 0.0, "ArrayMath.matmul(y, a) " + what);
                assertArrayEquals(yA, ArrayMath.transposedTimes(a, y), 0.0, "ArrayMath.transposedTimes(a, y) " + what);
            }
        }
    }

    @Test
    void productsWithZeroRows() {
        double[][] none = new double[0][];
        Kernels.matmul(new double[0][], new double[3][2], none);
        Kernels.transposedTimes(new double[3][0], new double[3][2], none);
        Kernels.timesTransposed(new double[0][], new double[2][3], none);
        Kernels.matmul(new double[0][], new double[3], new double[0]);
        // the empty row vector times a 0x2 matrix: a vector of two zeros
        double[] zeros = {Double.NaN, Double.NaN};
        Kernels.matmul(new double[0], new double[0][], zeros);
        assertArrayEquals(new double[] {0, 0}, zeros, 0.0);
        assertEquals(0, ArrayMath.matmul(new double[0][], new double[][] {{1, 2}}).length);
    }

    @Test
    void productsPropagateSpecialValuesLikeThePlainLoop() {
        double[][] a = {{1, Double.NaN, 0, -0.0, 2}, {Double.POSITIVE_INFINITY, 1, 1, 1, 1}, {-0.0, -0.0, 0, 0, 0}};
        double[][] b = {{1, -0.0}, {0, 2}, {Double.NEGATIVE_INFINITY, 3}, {4, 5}, {-0.0, -0.0}};
        double[][] expected = plain(a, b, 3, 5, 2);
        double[][] out = new double[3][2];
        Kernels.matmul(a, b, out);
        assertSameBits(expected, out, "matmul");
        Kernels.timesTransposed(a, transpose(b, 2), out);
        assertSameBits(expected, out, "timesTransposed");
        Kernels.transposedTimes(transpose(a, 5), b, out);
        assertSameBits(expected, out, "transposedTimes");
    }

    @Test
    void expAndSigmoidAreMathExpAndSmoothMathSigmoidInPlaceToo() {
        SplittableRandom random = new SplittableRandom(15);
        double[][] a = random(random, 5, 7);
        a[0][0] = Double.NaN;
        a[0][1] = Double.POSITIVE_INFINITY;
        a[0][2] = Double.NEGATIVE_INFINITY;
        a[0][3] = -800;
        a[0][4] = 800;
        double[][] e = nanFilled(5, 7);
        double[][] s = nanFilled(5, 7);
        Kernels.exp(a, e);
        Kernels.sigmoid(a, s);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(Math.exp(a[i][j]), e[i][j], 0.0);
                assertEquals(SmoothMath.sigmoid(a[i][j]), s[i][j], 0.0);
            }
        }
        double[] row = a[1].clone();
        Kernels.exp(row, row);
        assertArrayEquals(e[1], row, 0.0);
        assertArrayEquals(e[2], ArrayMath.exp(a[2]), 0.0);
        assertArrayEquals(s[3], ArrayMath.sigmoid(a)[3], 0.0);
    }

    @Test
    void largeMatricesSplitAcrossThreadsComputeEveryElement() {
        // 300 x 128 elements: above PARALLEL_ELEMENTS, so split by rows when there is more than one thread
        assertTrue(300 * 128 >= Kernels.PARALLEL_ELEMENTS);
        double[][] a = random(new SplittableRandom(17), 300, 128);
        double[][] t = nanFilled(300, 128);
        double[][] e = nanFilled(300, 128);
        double[][] s = nanFilled(300, 128);
        Kernels.tanh(a, t);
        Kernels.exp(a, e);
        Kernels.sigmoid(a, s);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                assertEquals(Kernels.tanh(a[i][j]), t[i][j], 0.0);
                assertEquals(Math.exp(a[i][j]), e[i][j], 0.0);
                assertEquals(SmoothMath.sigmoid(a[i][j]), s[i][j], 0.0);
            }
        }
        assertSameBits(t, ArrayMath.tanh(a), "ArrayMath.tanh");
        assertSameBits(e, ArrayMath.exp(a), "ArrayMath.exp");
        assertSameBits(s, ArrayMath.sigmoid(a), "ArrayMath.sigmoid");
    }

    /** The distance from {@code actual} to {@code expected} in ulps of {@code expected}. */
    private static double ulps(double actual, double expected) {
        if (Double.compare(actual, expected) == 0) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    @Test
    void tanhIsWithinItsUlpBoundOfMathTanh() {
        SplittableRandom random = new SplittableRandom(16);
        double worst = 0;
        double worstAt = 0;
        for (int n = 0; n < 10_000_000; n++) {
            double x = switch (n % 5) {
                case 0 -> random.nextDouble(-1, 1);
                case 1 -> random.nextDouble(-25, 25);
                case 2 -> random.nextDouble(0.2, 0.6);                          // where the bound is reached
                case 3 -> random.nextDouble(-0.26, 0.26);                       // the Taylor polynomial
                default -> Math.scalb(random.nextDouble(1, 2), random.nextInt(-1074, 10)) * (n % 2 == 0 ? 1 : -1);
            };
            double error = ulps(Kernels.tanh(x), Math.tanh(x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        assertTrue(worst <= Kernels.TANH_ULPS, "error " + worst + " ulp at " + worstAt);
        // the bound is not loose: 3 ulp are reached
        assertEquals(Kernels.TANH_ULPS, worst, 0.0, "the documented bound is no longer the worst case");
    }

    @Test
    void tanhAtSpecialValuesAndBoundaries() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Kernels.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Kernels.tanh(-0.0)));
        assertEquals(1.0, Kernels.tanh(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, Kernels.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Kernels.tanh(Double.NaN)));
        assertEquals(1.0, Kernels.tanh(Double.MAX_VALUE), 0.0);
        assertEquals(Double.MIN_VALUE, Kernels.tanh(Double.MIN_VALUE), 0.0);
        assertEquals(-Double.MIN_NORMAL, Kernels.tanh(-Double.MIN_NORMAL), 0.0);
        double[] edges = {0x1p-27, 0.25, 22, 0.5 * Math.log(2), 1, 2, 5, 19, 21.9};
        for (double edge : edges) {
            for (double x : new double[] {Math.nextDown(edge), edge, Math.nextUp(edge)}) {
                assertTrue(ulps(Kernels.tanh(x), Math.tanh(x)) <= Kernels.TANH_ULPS, "at " + x);
                assertEquals(-Kernels.tanh(x), Kernels.tanh(-x), 0.0, "odd at " + x);
                assertTrue(Math.abs(Kernels.tanh(x)) <= 1, "at " + x);
            }
        }
        assertEquals(1.0, Kernels.tanh(22), 0.0);
        assertEquals(Math.tanh(Math.nextDown(22.0)), Kernels.tanh(Math.nextDown(22.0)), 0.0);
        // ArrayMath.tanh is this tanh, element by element
        double[][] a = {{-3, -0.1, 0, 0.3}, {1e-300, 7, 30, Double.NaN}};
        double[][] t = ArrayMath.tanh(a);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                assertEquals(Kernels.tanh(a[i][j]), t[i][j], 0.0);
            }
        }
    }
}
