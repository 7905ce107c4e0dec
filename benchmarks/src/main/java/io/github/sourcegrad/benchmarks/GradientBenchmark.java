package io.github.sourcegrad.benchmarks;

/**
 * The state shared by the per-function benchmarks. Every {@code @Benchmark} method of a subclass is one
 * variant: it reads the inputs from the subclass's (non-final, so not constant-foldable) fields, returns the
 * value of the function (JMH consumes it) and writes the gradient into {@link #grad}, a field, so the JIT
 * cannot drop the gradient either; the primal returns the value only. {@link VariantAgreement} calls the same
 * methods and checks that they all compute the generated gradient.
 */
public abstract class GradientBenchmark {

    /** Receives the gradient of every variant, in the order of the generated {@code double[]} form. */
    public final double[] grad;

    protected GradientBenchmark(int differentiated) {
        grad = new double[differentiated];
    }
}
