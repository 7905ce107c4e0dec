package io.github.sourcegrad;

/**
 * The benchmarks' door to the runtime's package-private {@link Kernels}, which write into a preallocated output
 * (in the runtime's package, on the class path only): {@code KernelBenchmark} measures them against EJML's
 * operations into a preallocated matrix. Not part of the runtime.
 */
public final class BenchmarkKernels {

    private BenchmarkKernels() {
    }

    /** {@code out = a b}. */
    public static void matmul(double[][] a, double[][] b, double[][] out) {
        Kernels.matmul(a, b, out);
    }

    /** {@code out = a x}. */
    public static void matmul(double[][] a, double[] x, double[] out) {
        Kernels.matmul(a, x, out);
    }

    /** {@code out = aᵀb}. */
    public static void transposedTimes(double[][] a, double[][] b, double[][] out) {
        Kernels.transposedTimes(a, b, out);
    }

    /** {@code out = a bᵀ}. */
    public static void timesTransposed(double[][] a, double[][] b, double[][] out) {
        Kernels.timesTransposed(a, b, out);
    }

    /** {@code out = tanh(a)} element-wise. */
    public static void tanh(double[][] a, double[][] out) {
        Kernels.tanh(a, out);
    }

    /** {@code out = exp(a)} element-wise. */
    public static void exp(double[][] a, double[][] out) {
        Kernels.exp(a, out);
    }

    /** {@code out = sigmoid(a)} element-wise. */
    public static void sigmoid(double[][] a, double[][] out) {
        Kernels.sigmoid(a, out);
    }
}
