package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.ArrayMath;
import io.github.sourcegrad.BenchmarkKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
 * {@link ArrayMath}'s kernels against EJML's ({@code org.ejml:ejml-all}, the dense row-major {@code DDRM}
 * operations) on the same numbers. Three variants of each operation:
 * <ul>
 *   <li>{@code ...ArrayMath}: the public {@code ArrayMath} method, which allocates its result (a {@code double[][]},
 *       one array per row);</li>
 *   <li>{@code ...Into}: the same kernel writing into a preallocated {@code double[][]} (through
 *       {@link BenchmarkKernels}), which is what the allocation-free forms use;</li>
 *   <li>{@code ...Ejml}: EJML into a preallocated {@link DMatrixRMaj} (one row-major {@code double[]}):
 *       {@link CommonOps_DDRM#mult}, {@link CommonOps_DDRM#multTransA}, {@link CommonOps_DDRM#multTransB},
 *       {@link CommonOps_DDRM#elementExp}; EJML has no element-wise {@code tanh} or sigmoid, so those are
 *       compared with a loop of {@code Math.tanh} and of the sigmoid into a preallocated {@code double[]} of
 *       the row-major layout ({@code ...Loop}).</li>
 * </ul>
 * The products' shape {@code "n x k x m"} is that of the result ({@code n×m}) and of the shared dimension
 * {@code k}: {@code matmul} is {@code (n×k)(k×m)}, {@code transposedTimes} {@code (k×n)ᵀ(k×m)},
 * {@code timesTransposed} {@code (n×k)(m×k)ᵀ}. The shapes are those of the examples' minibatch network (batch 64,
 * 8 inputs, 16 hidden: {@code X W1} is 64x8x16, {@code H W2} 64x16x1) and of the larger ones of
 * {@link MlpBatchBenchmark} ({@code X W1} at 256/64 and 1024/256, the backward {@code Xᵀ dZ} 8x1024x256 and
 * {@code dY W2ᵀ} 1024x1x256), and square 256 and 1024 matrices. Products of 2^20 multiply-adds and more are split
 * across cores by {@code ArrayMath} (run with {@code -jvmArgsAppend -Dsourcegrad.threads=1} for one thread);
 * EJML's {@code CommonOps_DDRM} runs on one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KernelBenchmark {

    /** The operands of the three products at one shape, as {@code double[][]} and as EJML matrices. */
    @State(Scope.Thread)
    public static class Products {

        @Param({"64x8x16", "64x16x1", "256x8x64", "1024x8x256", "8x1024x256", "1024x1x256", "256x256x256",
            "1024x1024x1024"})
        public String shape;

        /** {@code a} is {@code n×k}, {@code at} is {@code k×n}, {@code b} is {@code k×m}, {@code bt} {@code m×k}. */
        public double[][] a;
        public double[][] at;
        public double[][] b;
        public double[][] bt;
        public double[][] out;
        public DMatrixRMaj ejmlA;
        public DMatrixRMaj ejmlAt;
        public DMatrixRMaj ejmlB;
        public DMatrixRMaj ejmlBt;
        public DMatrixRMaj ejmlOut;

        @Setup
        public void setUp() {
            String[] nkm = shape.split("x");
            int n = Integer.parseInt(nkm[0]);
            int k = Integer.parseInt(nkm[1]);
            int m = Integer.parseInt(nkm[2]);
            SplittableRandom random = new SplittableRandom(shape.hashCode());
            a = ArrayGradientBenchmark.uniform(random, n, k, 1);
            b = ArrayGradientBenchmark.uniform(random, k, m, 1);
            at = ArrayMath.transpose(a);
            bt = ArrayMath.transpose(b);
            out = new double[n][m];
            ejmlA = new DMatrixRMaj(a);
            ejmlAt = new DMatrixRMaj(at);
            ejmlB = new DMatrixRMaj(b);
            ejmlBt = new DMatrixRMaj(bt);
            ejmlOut = new DMatrixRMaj(n, m);
        }
    }

    /** A matrix and a vector, {@code "n x k"}: {@code a x} with {@code a} of {@code n×k}. */
    @State(Scope.Thread)
    public static class MatrixVector {

        @Param({"16x8", "256x256", "1024x1024"})
        public String shape;

        public double[][] a;
        public double[] x;
        public double[] out;
        public DMatrixRMaj ejmlA;
        public DMatrixRMaj ejmlX;
        public DMatrixRMaj ejmlOut;

        @Setup
        public void setUp() {
            String[] nk = shape.split("x");
            int n = Integer.parseInt(nk[0]);
            int k = Integer.parseInt(nk[1]);
            SplittableRandom random = new SplittableRandom(shape.hashCode());
            a = ArrayGradientBenchmark.uniform(random, n, k, 1);
            x = ArrayGradientBenchmark.uniform(random, k, 1);
            out = new double[n];
            ejmlA = new DMatrixRMaj(a);
            ejmlX = new DMatrixRMaj(k, 1, true, x);
            ejmlOut = new DMatrixRMaj(n, 1);
        }
    }

    /** A matrix of {@code "n x m"} numbers of a network's pre-activations, from {@code [-3, 3)}. */
    @State(Scope.Thread)
    public static class ElementWise {

        @Param({"64x16", "256x64", "1024x256"})
        public String shape;

        public double[][] a;
        public double[][] out;
        public DMatrixRMaj ejmlA;
        public DMatrixRMaj ejmlOut;

        @Setup
        public void setUp() {
            String[] nm = shape.split("x");
            int n = Integer.parseInt(nm[0]);
            int m = Integer.parseInt(nm[1]);
            a = ArrayGradientBenchmark.uniform(new SplittableRandom(shape.hashCode()), n, m, 3);
            out = new double[n][m];
            ejmlA = new DMatrixRMaj(a);
            ejmlOut = new DMatrixRMaj(n, m);
        }
    }

    // ---- a b

    @Benchmark
    public double[][] matmulArrayMath(Products s) {
        return ArrayMath.matmul(s.a, s.b);
    }

    @Benchmark
    public double[][] matmulInto(Products s) {
        BenchmarkKernels.matmul(s.a, s.b, s.out);
        return s.out;
    }

    @Benchmark
    public DMatrixRMaj matmulEjml(Products s) {
        CommonOps_DDRM.mult(s.ejmlA, s.ejmlB, s.ejmlOut);
        return s.ejmlOut;
    }

    // ---- aᵀb

    @Benchmark
    public double[][] transposedTimesArrayMath(Products s) {
        return ArrayMath.transposedTimes(s.at, s.b);
    }

    @Benchmark
    public double[][] transposedTimesInto(Products s) {
        BenchmarkKernels.transposedTimes(s.at, s.b, s.out);
        return s.out;
    }

    @Benchmark
    public DMatrixRMaj transposedTimesEjml(Products s) {
        CommonOps_DDRM.multTransA(s.ejmlAt, s.ejmlB, s.ejmlOut);
        return s.ejmlOut;
    }

    // ---- a bᵀ

    @Benchmark
    public double[][] timesTransposedArrayMath(Products s) {
        return ArrayMath.timesTransposed(s.a, s.bt);
    }

    @Benchmark
    public double[][] timesTransposedInto(Products s) {
        BenchmarkKernels.timesTransposed(s.a, s.bt, s.out);
        return s.out;
    }

    @Benchmark
    public DMatrixRMaj timesTransposedEjml(Products s) {
        CommonOps_DDRM.multTransB(s.ejmlA, s.ejmlBt, s.ejmlOut);
        return s.ejmlOut;
    }

    // ---- a x

    @Benchmark
    public double[] matvecArrayMath(MatrixVector s) {
        return ArrayMath.matmul(s.a, s.x);
    }

    @Benchmark
    public double[] matvecInto(MatrixVector s) {
        BenchmarkKernels.matmul(s.a, s.x, s.out);
        return s.out;
    }

    @Benchmark
    public DMatrixRMaj matvecEjml(MatrixVector s) {
        CommonOps_DDRM.mult(s.ejmlA, s.ejmlX, s.ejmlOut);
        return s.ejmlOut;
    }

    // ---- element-wise

    @Benchmark
    public double[][] tanhArrayMath(ElementWise s) {
        return ArrayMath.tanh(s.a);
    }

    @Benchmark
    public double[][] tanhInto(ElementWise s) {
        BenchmarkKernels.tanh(s.a, s.out);
        return s.out;
    }

    /** {@code Math.tanh} over EJML's row-major array (EJML has no element-wise tanh). */
    @Benchmark
    public DMatrixRMaj tanhLoop(ElementWise s) {
        double[] a = s.ejmlA.data;
        double[] out = s.ejmlOut.data;
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.tanh(a[i]);
        }
        return s.ejmlOut;
    }

    @Benchmark
    public double[][] expInto(ElementWise s) {
        BenchmarkKernels.exp(s.a, s.out);
        return s.out;
    }

    @Benchmark
    public DMatrixRMaj expEjml(ElementWise s) {
        CommonOps_DDRM.elementExp(s.ejmlA, s.ejmlOut);
        return s.ejmlOut;
    }

    @Benchmark
    public double[][] sigmoidInto(ElementWise s) {
        BenchmarkKernels.sigmoid(s.a, s.out);
        return s.out;
    }

    /** {@code 1 / (1 + Math.exp(-x))} over EJML's row-major array (EJML has no element-wise sigmoid). */
    @Benchmark
    public DMatrixRMaj sigmoidLoop(ElementWise s) {
        double[] a = s.ejmlA.data;
        double[] out = s.ejmlOut.data;
        for (int i = 0; i < a.length; i++) {
            out[i] = 1 / (1 + Math.exp(-a[i]));
        }
        return s.ejmlOut;
    }
}
