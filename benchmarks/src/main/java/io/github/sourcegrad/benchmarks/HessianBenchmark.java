package io.github.sourcegrad.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The state shared by the benchmarks of dense Hessians (issue 14): every variant returns the value and writes the
 * {@code n x n} Hessian into {@link #hessian}, like the generated {@code hessian<name>(args..., h)}, which writes no
 * gradient. {@link VariantAgreement} compares the value and the Hessian, row by row.
 */
public abstract class HessianBenchmark extends ArrayGradientBenchmark {

    /** Receives every variant's Hessian. */
    public final double[][] hessian;

    protected HessianBenchmark(int n) {
        super(0);
        hessian = new double[n][n];
    }

    @Override
    protected List<double[]> gradientRows() {
        return Arrays.asList(hessian);
    }
}
