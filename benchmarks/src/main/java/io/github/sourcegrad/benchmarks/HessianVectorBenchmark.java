package io.github.sourcegrad.benchmarks;

import java.util.List;

/**
 * The state shared by the benchmarks of Hessian-vector products (issue 14): every variant returns the value, writes
 * the gradient into {@link #grad} and the Hessian times the subclass's direction {@code v} into {@link #hv}, like the
 * generated {@code hvp<name>(args..., v, grad, hv)}. {@link VariantAgreement} compares the value, the gradient and
 * {@code hv}.
 */
public abstract class HessianVectorBenchmark extends ArrayGradientBenchmark {

    /** Receives every variant's Hessian times {@code v}. */
    public final double[] hv;

    protected HessianVectorBenchmark(int n) {
        super(n);
        hv = new double[n];
    }

    @Override
    protected List<double[]> gradientRows() {
        return List.of(hv);
    }
}
