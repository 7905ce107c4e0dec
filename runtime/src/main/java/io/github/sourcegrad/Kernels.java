package io.github.sourcegrad;

import java.util.Arrays;
import java.util.concurrent.ForkJoinTask;

/**
 * The loops behind {@link ArrayMath}'s products and element-wise functions, each writing into an output array
 * that the caller owns: {@code ArrayMath} allocates the result and calls these, and allocation-free callers pass
 * a preallocated one. Nothing here checks shapes (the callers have), and an output never shares an array with
 * an input of a product (element-wise functions may write over their input).
 *
 * <h2>Products</h2>
 * Every element of a product is the sum of its terms in index order, each term rounded and added in plain
 * {@code double} arithmetic, starting from 0: the same bits as the textbook loop {@code s = 0; for (p ...) s +=
 * a[i][p] * b[p][j]}, for any blocking, unrolling and number of threads. The loops are arranged so that HotSpot's
 * C2 vectorizes them:
 * <ul>
 *   <li>{@code i-k-j} order: the innermost loop runs along a row of the output and a row of {@code b} with unit
 *       stride ({@code c[i][j] += a[i][p] * b[p][j]}), which C2 turns into SIMD loads, multiplies and adds;</li>
 *   <li>four terms per pass ({@code c[j] = c[j] + a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]}, added left to
 *       right, so in index order): a quarter of the loads and stores of the output row;</li>
 *   <li>cache blocks of {@value #K_BLOCK} rows of {@code b} by {@value #J_BLOCK} columns (256 KB), so that large
 *       products read {@code b} from L2 instead of memory; the blocks of the shared dimension run in order;</li>
 *   <li>{@code a bᵀ} copies blocks of {@value #T_BLOCK} columns of {@code b} transposed into scratch rows first
 *       (the alternative, a dot product per element, is a sum whose order Java fixes and C2 cannot vectorize); the
 *       scratch rows, {@value #T_BLOCK} of the result's width (256 KB at 1024 columns), are kept per thread
 *       for the thread's life and grow with the widest result;</li>
 *   <li>products of at least {@value #PARALLEL_WORK} multiply-adds are split by rows of the output across the
 *       {@link java.util.concurrent.ForkJoinPool#commonPool() common pool}: each element is computed by the same
 *       loop on one thread, so the result does not depend on the number of threads. The system property
 *       {@code sourcegrad.threads} (default: the available processors) caps the parts; {@code 1} keeps every
 *       product on the calling thread.</li>
 * </ul>
 * Results of fewer than {@value #NARROW} columns are a dot product per element (for {@code aᵀb}: the rows of
 * {@code a} and {@code b} in order, each added into the result). Matrix-vector products are dot products, four
 * rows at a time (four independent sums that share the loads of
 * the vector), each sum in index order.
 *
 * <h2>Element-wise functions</h2>
 * {@link #exp(double[], double[]) exp} is {@code Math.exp} (an intrinsic), {@link #sigmoid(double[], double[])
 * sigmoid} is {@link SmoothMath#sigmoid(double)}; {@link #tanh(double) tanh} is this class's own, within
 * {@value #TANH_ULPS} ulp of {@code Math.tanh} (which is not an intrinsic before JDK 24, and costs several times
 * as much). Matrices of at least {@value #PARALLEL_ELEMENTS} elements are split by rows across threads like the
 * products.
 */
final class Kernels {

    /** Rows of {@code b} (the shared dimension) per cache block. */
    static final int K_BLOCK = 128;
    /** Columns of {@code b} per block that {@code a bᵀ} transposes into its scratch rows. */
    static final int T_BLOCK = 32;
    /** Columns of the output (and of {@code b}) per cache block. */
    static final int J_BLOCK = 256;
    /**
     * Results narrower than this are computed a dot product per element: a row of a few elements is too short for
     * SIMD, and the loops over it cost more than the arithmetic.
     */
    static final int NARROW = 4;
    /** The multiply-adds from which a product is split across threads. */
    static final long PARALLEL_WORK = 1L << 20;
    /** The elements from which an element-wise function of a matrix is split across threads. */
    static final long PARALLEL_ELEMENTS = 1L << 15;
    /** The fewest rows of the output per part of a split product or element-wise function. */
    private static final int MIN_ROWS_PER_PART = 16;
    /** The largest number of parts a product is split into (system property {@code sourcegrad.threads}). */
    static final int THREADS = threads();

    /** The largest error of {@link #tanh(double)} against {@code Math.tanh}, in ulps of the latter. */
    static final int TANH_ULPS = 3;

    /** Below this, {@code tanh(x)} is {@code x} correctly rounded ({@code x³/3} is below half an ulp). */
    private static final double TANH_TINY = 0x1p-27;
    /** Below this, {@link #tanh(double)} sums its Taylor series; from here on it uses {@code Math.exp}. */
    private static final double TANH_SERIES = 0.25;
    /** From here on, {@code tanh(x)} rounds to 1 ({@code 1 - tanh(22) < 2e-19}, below half an ulp of 1). */
    private static final double TANH_ONE = 22;
    /**
     * The coefficients of {@code x³ ... x²¹} of the Taylor series of {@code tanh x}: {@code 2^2n (2^2n - 1)
     * B_2n / (2n)!} for {@code n = 2 ... 11}. At {@code |x| < 0.25} the next term is below {@code 3e-18 |x|}.
     */
    private static final double T3 = -0.3333333333333333;
    private static final double T5 = 0.13333333333333333;
    private static final double T7 = -0.05396825396825397;
    private static final double T9 = 0.021869488536155203;
    private static final double T11 = -0.008863235529902197;
    private static final double T13 = 0.003592128036572481;
    private static final double T15 = -0.0014558343870513183;
    private static final double T17 = 0.000590027440945586;
    private static final double T19 = -0.00023912911424355248;
    private static final double T21 = 9.691537956929451e-05;

    /** The scratch block of {@link #timesTransposed}, one per thread. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[0][]);

    private Kernels() {
    }

    private static int threads() {
        int available = Runtime.getRuntime().availableProcessors();
        try {
            return Math.max(1, Integer.getInteger("sourcegrad.threads", available));
        } catch (SecurityException e) {
            return available;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Matrix products

    /** {@code out = a b}: {@code a} is {@code n×k}, {@code b} is {@code k×m}, {@code out} is {@code n×m}. */
    static void matmul(double[][] a, double[][] b, double[][] out) {
        int n = out.length;
        int k = b.length;
        int m = n == 0 ? 0 : out[0].length;
        int parts = parts(n, (long) n * k * m);
        if (parts == 1) {
            matmulRows(a, b, out, 0, n, k, m);
        } else {
            inParts(n, parts, (i0, i1) -> matmulRows(a, b, out, i0, i1, k, m));
        }
    }

    /** Rows {@code i0} to {@code i1} (exclusive) of {@code out = a b}. */
    private static void matmulRows(double[][] a, double[][] b, double[][] out, int i0, int i1, int k, int m) {
        if (m < NARROW) {
            for (int i = i0; i < i1; i++) {
                double[] ai = a[i];
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += ai[p] * b[p][j];
                    }
                    out[i][j] = s;
                }
            }
            return;
        }
        for (int i = i0; i < i1; i++) {
            Arrays.fill(out[i], 0.0);
        }
        for (int j0 = 0; j0 < m; j0 += J_BLOCK) {
            int j1 = Math.min(m, j0 + J_BLOCK);
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                for (int i = i0; i < i1; i++) {
                    double[] ai = a[i];
                    double[] ci = out[i];
                    int p = p0;
                    for (; p + 3 < p1; p += 4) {
                        addFour(ci, j0, j1, ai[p], b[p], ai[p + 1], b[p + 1], ai[p + 2], b[p + 2], ai[p + 3], b[p + 3]);
                    }
                    for (; p < p1; p++) {
                        addOne(ci, j0, j1, ai[p], b[p]);
                    }
                }
            }
        }
    }

    /** {@code out = aᵀb}: {@code a} is {@code k×n}, {@code b} is {@code k×m}, {@code out} is {@code n×m}. */
    static void transposedTimes(double[][] a, double[][] b, double[][] out) {
        int n = out.length;
        int k = b.length;
        int m = n == 0 ? 0 : out[0].length;
        int parts = parts(n, (long) n * k * m);
        if (parts == 1) {
            transposedTimesRows(a, b, out, 0, n, k, m);
        } else {
            inParts(n, parts, (i0, i1) -> transposedTimesRows(a, b, out, i0, i1, k, m));
        }
    }

    /** Rows {@code i0} to {@code i1} (exclusive) of {@code out = aᵀb}: {@link #matmulRows} with {@code a[p][i]}. */
    private static void transposedTimesRows(double[][] a, double[][] b, double[][] out, int i0, int i1, int k,
            int m) {
        if (m == 1) {
            // a column: bᵀa (the row vector b[.][0] times a) in this thread's scratch row, indexed like a's rows
            double[] t = scratch(1, i1)[0];
            Arrays.fill(t, i0, i1, 0.0);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                addFour(t, i0, i1, b[p][0], a[p], b[p + 1][0], a[p + 1], b[p + 2][0], a[p + 2], b[p + 3][0], a[p + 3]);
            }
            for (; p < k; p++) {
                addOne(t, i0, i1, b[p][0], a[p]);
            }
            for (int i = i0; i < i1; i++) {
                out[i][0] = t[i];
            }
            return;
        }
        for (int i = i0; i < i1; i++) {
            Arrays.fill(out[i], 0.0);
        }
        if (m < NARROW) {
            // the rows of a and b in order (a column of a would be a load from each of its rows)
            for (int p = 0; p < k; p++) {
                double[] ap = a[p];
                double[] bp = b[p];
                for (int i = i0; i < i1; i++) {
                    double api = ap[i];
                    double[] ci = out[i];
                    for (int j = 0; j < m; j++) {
                        ci[j] += api * bp[j];
                    }
                }
            }
            return;
        }
        for (int j0 = 0; j0 < m; j0 += J_BLOCK) {
            int j1 = Math.min(m, j0 + J_BLOCK);
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                for (int i = i0; i < i1; i++) {
                    double[] ci = out[i];
                    int p = p0;
                    for (; p + 3 < p1; p += 4) {
                        addFour(ci, j0, j1, a[p][i], b[p], a[p + 1][i], b[p + 1], a[p + 2][i], b[p + 2], a[p + 3][i],
                                b[p + 3]);
                    }
                    for (; p < p1; p++) {
                        addOne(ci, j0, j1, a[p][i], b[p]);
                    }
                }
            }
        }
    }

    /** {@code out = a bᵀ}: {@code a} is {@code n×k}, {@code b} is {@code m×k}, {@code out} is {@code n×m}. */
    static void timesTransposed(double[][] a, double[][] b, double[][] out) {
        int n = out.length;
        int m = b.length;
        int k = n == 0 ? 0 : a[0].length;
        int parts = parts(n, (long) n * k * m);
        if (parts == 1) {
            timesTransposedRows(a, b, out, 0, n, k, m);
        } else {
            inParts(n, parts, (i0, i1) -> timesTransposedRows(a, b, out, i0, i1, k, m));
        }
    }

    /**
     * Rows {@code i0} to {@code i1} (exclusive) of {@code out = a bᵀ}: per block of {@value #T_BLOCK} columns of
     * {@code b}, the block is copied transposed into the scratch rows ({@code s[p - p0][j] = b[j][p]}), then
     * multiplied as in {@link #matmulRows}. A narrow result is a dot product per element (both rows have unit
     * stride).
     */
    private static void timesTransposedRows(double[][] a, double[][] b, double[][] out, int i0, int i1, int k,
            int m) {
        if (m < NARROW) {
            for (int i = i0; i < i1; i++) {
                double[] ai = a[i];
                for (int j = 0; j < m; j++) {
                    double[] bj = b[j];
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += ai[p] * bj[p];
                    }
                    out[i][j] = s;
                }
            }
            return;
        }
        for (int i = i0; i < i1; i++) {
            Arrays.fill(out[i], 0.0);
        }
        double[][] s = scratch(Math.min(k, T_BLOCK), m);
        for (int p0 = 0; p0 < k; p0 += T_BLOCK) {
            int p1 = Math.min(k, p0 + T_BLOCK);
            for (int j = 0; j < m; j++) {
                double[] bj = b[j];
                for (int p = p0; p < p1; p++) {
                    s[p - p0][j] = bj[p];
                }
            }
            for (int i = i0; i < i1; i++) {
                double[] ai = a[i];
                double[] ci = out[i];
                int p = p0;
                for (; p + 3 < p1; p += 4) {
                    addFour(ci, 0, m, ai[p], s[p - p0], ai[p + 1], s[p + 1 - p0], ai[p + 2], s[p + 2 - p0], ai[p + 3],
                            s[p + 3 - p0]);
                }
                for (; p < p1; p++) {
                    addOne(ci, 0, m, ai[p], s[p - p0]);
                }
            }
        }
    }

    /**
     * This thread's scratch rows for {@link #timesTransposedRows} (and one for a narrow {@code aᵀb}), at least {@code rows} of at least {@code length}
     * (the row index of the output and of the scratch must be the same {@code j}: JDK 17's C2 does not vectorize the
     * loop when one of them is offset, {@code c[j] += a * s[j - j0]}, and runs it 2.5 times slower).
     */
    private static double[][] scratch(int rows, int length) {
        double[][] s = SCRATCH.get();
        if (s.length < rows || s[0].length < length) {
            s = new double[T_BLOCK][Math.max(length, s.length == 0 ? 0 : s[0].length)];
            SCRATCH.set(s);
        }
        return s;
    }

    /** {@code c[j] = c[j] + a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]} for {@code j0 <= j < j1}, left to right. */
    private static void addFour(double[] c, int j0, int j1, double a0, double[] b0, double a1, double[] b1,
            double a2, double[] b2, double a3, double[] b3) {
        for (int j = j0; j < j1; j++) {
            c[j] = c[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** {@code c[j] += a0 b0[j]} for {@code j0 <= j < j1}. */
    private static void addOne(double[] c, int j0, int j1, double a0, double[] b0) {
        for (int j = j0; j < j1; j++) {
            c[j] += a0 * b0[j];
        }
    }

    /** How many parts to split {@code rows} rows of a product of {@code work} multiply-adds into. */
    private static int parts(int rows, long work) {
        if (THREADS == 1 || work < PARALLEL_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(THREADS, rows / MIN_ROWS_PER_PART));
    }

    /** How many parts to split an element-wise function of the rectangular {@code a} into. */
    private static int elementParts(double[][] a) {
        int n = a.length;
        if (THREADS == 1 || n == 0 || (long) n * a[0].length < PARALLEL_ELEMENTS) {
            return 1;
        }
        return Math.max(1, Math.min(THREADS, n / MIN_ROWS_PER_PART));
    }

    /** Rows {@code i0} to {@code i1} (exclusive) of a result. */
    @FunctionalInterface
    private interface Rows {
        void compute(int i0, int i1);
    }

    /**
     * {@code rows} of {@code n} rows in {@code parts} consecutive parts, the first on this thread, the others in
     * the common pool; returns when all are done.
     */
    private static void inParts(int n, int parts, Rows rows) {
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts];
        for (int t = 0; t < parts; t++) {
            int i0 = (int) ((long) n * t / parts);
            int i1 = (int) ((long) n * (t + 1) / parts);
            tasks[t] = ForkJoinTask.adapt(() -> rows.compute(i0, i1));
        }
        ForkJoinTask.invokeAll(tasks);
    }

    // ------------------------------------------------------------------------------------------------
    // Matrix-vector products

    /** {@code out = a x}: {@code a} is {@code n×k}, {@code x} and {@code out} of lengths {@code k} and {@code n}. */
    static void matmul(double[][] a, double[] x, double[] out) {
        int n = out.length;
        int k = x.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double[] a2 = a[i + 2];
            double[] a3 = a[i + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int p = 0; p < k; p++) {
                double xp = x[p];
                s0 += a0[p] * xp;
                s1 += a1[p] * xp;
                s2 += a2[p] * xp;
                s3 += a3[p] * xp;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < n; i++) {
            double[] ai = a[i];
            double s = 0;
            for (int p = 0; p < k; p++) {
                s += ai[p] * x[p];
            }
            out[i] = s;
        }
    }

    /**
     * {@code out = xᵀa}: {@code x} of length {@code n}, {@code a} is {@code n×m}, {@code out} of length
     * {@code m}. Also {@code aᵀy} ({@code transposedTimes(a, y)}).
     */
    static void matmul(double[] x, double[][] a, double[] out) {
        int n = x.length;
        int m = out.length;
        Arrays.fill(out, 0.0);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            addFour(out, 0, m, x[i], a[i], x[i + 1], a[i + 1], x[i + 2], a[i + 2], x[i + 3], a[i + 3]);
        }
        for (; i < n; i++) {
            addOne(out, 0, m, x[i], a[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Element-wise functions (out may be the input)

    /** {@code out[i] = Math.exp(a[i])}. */
    static void exp(double[] a, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.exp(a[i]);
        }
    }

    /** {@code out[i][j] = Math.exp(a[i][j])}. */
    static void exp(double[][] a, double[][] out) {
        int parts = elementParts(a);
        if (parts == 1) {
            expRows(a, out, 0, a.length);
        } else {
            inParts(a.length, parts, (i0, i1) -> expRows(a, out, i0, i1));
        }
    }

    private static void expRows(double[][] a, double[][] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            exp(a[i], out[i]);
        }
    }

    /** {@code out[i] = SmoothMath.sigmoid(a[i])}. */
    static void sigmoid(double[] a, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = SmoothMath.sigmoid(a[i]);
        }
    }

    /** {@code out[i][j] = SmoothMath.sigmoid(a[i][j])}. */
    static void sigmoid(double[][] a, double[][] out) {
        int parts = elementParts(a);
        if (parts == 1) {
            sigmoidRows(a, out, 0, a.length);
        } else {
            inParts(a.length, parts, (i0, i1) -> sigmoidRows(a, out, i0, i1));
        }
    }

    private static void sigmoidRows(double[][] a, double[][] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            sigmoid(a[i], out[i]);
        }
    }

    /** {@code out[i] = tanh(a[i])}, by {@link #tanh(double)}. */
    static void tanh(double[] a, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = tanh(a[i]);
        }
    }

    /** {@code out[i][j] = tanh(a[i][j])}, by {@link #tanh(double)}. */
    static void tanh(double[][] a, double[][] out) {
        int parts = elementParts(a);
        if (parts == 1) {
            tanhRows(a, out, 0, a.length);
        } else {
            inParts(a.length, parts, (i0, i1) -> tanhRows(a, out, i0, i1));
        }
    }

    private static void tanhRows(double[][] a, double[][] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            tanh(a[i], out[i]);
        }
    }

    /**
     * The hyperbolic tangent, within {@value #TANH_ULPS} ulp of {@code Math.tanh(x)} (measured over 10^7 points by
     * {@code KernelsTest}; the largest differences are near {@code |x| = 0.3}, where {@code Math.exp}'s error is
     * amplified up to 3.5 times by {@code 1 - e}), odd, with the same
     * special values ({@code tanh(±0) = ±0}, {@code tanh(±∞) = ±1}, NaN for NaN) and {@code |tanh x| <= 1}:
     * <ul>
     *   <li>{@code x} itself for {@code |x| < 2^-27};</li>
     *   <li>its Taylor series up to {@code x²¹} for {@code |x| < 0.25};</li>
     *   <li>{@code (1 - e) / (1 + e)} with {@code e = Math.exp(-2|x|)}, signed, for {@code |x| < 22} (no cancellation:
     *       {@code 1 - e} is exact while {@code e >= 0.5}, and at least 0.5 after that);</li>
     *   <li>{@code ±1} from there on.</li>
     * </ul>
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < TANH_SERIES) {
            if (ax < TANH_TINY) {
                return x;
            }
            double z = x * x;
            double p = ((((((((T21 * z + T19) * z + T17) * z + T15) * z + T13) * z + T11) * z + T9) * z + T7) * z
                    + T5) * z + T3;
            return x + x * z * p;
        }
        if (ax < TANH_ONE) {
            double e = Math.exp(-2 * ax);
            return Math.copySign((1 - e) / (1 + e), x);
        }
        if (ax >= TANH_ONE) {
            return Math.copySign(1.0, x);
        }
        return x;   // NaN
    }
}
