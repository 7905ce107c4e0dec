package io.github.sourcegrad.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The state shared by the benchmarks of functions of arrays ({@link Networks}). Like {@link GradientBenchmark},
 * every {@code @Benchmark} method is one variant that reads its inputs from fields and returns the value; the
 * gradient goes, as in the generated buffer form, into {@link #grad} (one slot per differentiated scalar
 * parameter) and into one caller-owned array per differentiated array parameter, fields of the subclass that
 * are allocated once and reused by every call. {@link VariantAgreement} compares the {@linkplain #gradient()
 * whole gradient}.
 */
public abstract class ArrayGradientBenchmark extends GradientBenchmark {

    protected ArrayGradientBenchmark(int differentiatedScalars) {
        super(differentiatedScalars);
    }

    /** The rows of the arrays that receive the gradients of the array parameters (a vector is one row). */
    protected abstract List<double[]> gradientRows();

    /** The gradient of the last call, flattened: {@link #grad}, then the {@linkplain #gradientRows() rows}. */
    public final double[] gradient() {
        List<double[]> rows = new ArrayList<>();
        rows.add(grad);
        rows.addAll(gradientRows());
        double[] all = new double[rows.stream().mapToInt(r -> r.length).sum()];
        int at = 0;
        for (double[] row : rows) {
            System.arraycopy(row, 0, all, at, row.length);
            at += row.length;
        }
        return all;
    }

    /** Fills {@link #grad} and every gradient array with NaN, so that a variant that leaves a slot alone fails. */
    public final void poison() {
        Arrays.fill(grad, Double.NaN);
        for (double[] row : gradientRows()) {
            Arrays.fill(row, Double.NaN);
        }
    }

    /** A vector of {@code n} numbers drawn uniformly from {@code [-scale, scale)}. */
    static double[] uniform(SplittableRandom random, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-scale, scale);
        }
        return v;
    }

    /** A {@code rows×columns} matrix of numbers drawn uniformly from {@code [-scale, scale)}. */
    static double[][] uniform(SplittableRandom random, int rows, int columns, double scale) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = uniform(random, columns, scale);
        }
        return m;
    }
}
