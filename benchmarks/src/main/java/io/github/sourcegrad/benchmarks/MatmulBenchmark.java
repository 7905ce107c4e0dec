package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.ArrayMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link ArrayMath} products that dominate the gradients of networks, as hot loops on two
 * {@code size×size} matrices, each against what it saves: {@link ArrayMath#matmul(double[][], double[][])}
 * (loops in {@code i-k-j} order, unit stride in the innermost loop) against the textbook {@code i-j-k} triple
 * loop ({@link #naive}, a column of {@code b} per element) and against the plain {@code i-k-j} loop that
 * {@code ArrayMath} used before its kernels were unrolled and blocked ({@link #ikj}), and the backward helpers
 * {@link ArrayMath#transposedTimes(double[][], double[][]) transposedTimes} ({@code aᵀb}, the {@code dW = Xᵀ dP}
 * of {@code P = X W}) and {@link ArrayMath#timesTransposed(double[][], double[][]) timesTransposed}
 * ({@code a bᵀ}, the {@code dX = dP Wᵀ}) against forming the transpose and multiplying. Every variant allocates
 * its result (and the alternatives their transposes), as {@code ArrayMath} does; JMH consumes the result.
 * {@link VariantAgreement} checks that each pair computes the same matrix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MatmulBenchmark {

    /** The pairs of variants that compute the same product: {reference, alternative}. */
    static final String[][] PAIRS = {{"matmul", "naive"}, {"matmul", "ikj"}, {"transposedTimes", "transposeThenMatmul"},
        {"timesTransposed", "matmulTransposed"}};

    @Param({"64", "256"})
    public int size;

    public double[][] a;
    public double[][] b;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(size);
        a = ArrayGradientBenchmark.uniform(random, size, size, 1);
        b = ArrayGradientBenchmark.uniform(random, size, size, 1);
    }

    /** {@code a b} by {@link ArrayMath#matmul(double[][], double[][])}: {@code i-k-j}. */
    @Benchmark
    public double[][] matmul() {
        return ArrayMath.matmul(a, b);
    }

    /** {@code a b} by the textbook {@code i-j-k} loop: each element the dot product of a row and a column. */
    @Benchmark
    public double[][] naive() {
        double[][] a = this.a;
        double[][] b = this.b;
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
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

    /** {@code a b} by the plain {@code i-k-j} loop: one term per pass over a row of the result. */
    @Benchmark
    public double[][] ikj() {
        double[][] a = this.a;
        double[][] b = this.b;
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int p = 0; p < k; p++) {
                double aip = ai[p];
                double[] bp = b[p];
                for (int j = 0; j < m; j++) {
                    ci[j] += aip * bp[j];
                }
            }
        }
        return c;
    }

    /** {@code aᵀb} by {@link ArrayMath#transposedTimes(double[][], double[][])}. */
    @Benchmark
    public double[][] transposedTimes() {
        return ArrayMath.transposedTimes(a, b);
    }

    /** {@code aᵀb} by forming {@code aᵀ} and multiplying. */
    @Benchmark
    public double[][] transposeThenMatmul() {
        return ArrayMath.matmul(ArrayMath.transpose(a), b);
    }

    /** {@code a bᵀ} by {@link ArrayMath#timesTransposed(double[][], double[][])}. */
    @Benchmark
    public double[][] timesTransposed() {
        return ArrayMath.timesTransposed(a, b);
    }

    /** {@code a bᵀ} by forming {@code bᵀ} and multiplying. */
    @Benchmark
    public double[][] matmulTransposed() {
        return ArrayMath.matmul(a, ArrayMath.transpose(b));
    }
}
