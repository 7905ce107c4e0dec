package io.github.sourcegrad.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole Levenberg-Marquardt fit (Hipparchus' {@link LevenbergMarquardtOptimizer}) of the growth curve
 * {@link Growth#growth}, {@code r, k, y0} from 20 noisy observations, as in the examples (issue 14), with the
 * Jacobian of the residuals taken three ways: from {@code jacobiangrowth} (one call per evaluation), from one
 * gradient per residual ({@code dobservation}: 20 calls per evaluation, each integrating the curve from the start,
 * what a user without {@code jacobian<name>} writes), and from forward sensitivities by hand (the optimum). The three
 * fits take the same steps (the Jacobians agree to rounding): {@code BenchmarksTest} checks that they end at the
 * same parameters after the same number of evaluations. {@link #main} prints the fits and what each evaluated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LevenbergMarquardtBenchmark {

    /** The observations: the curve at {@link Growth#R}, {@link Growth#K}, {@link Growth#Y0} times {@code 1 + 0.001 N(0, 1)}. */
    static final double[] OBSERVED = observed();
    /** Where every fit starts. */
    static final double[] START = {0.3, 5, 1};

    /** How the model gives the optimiser the Jacobian of its values. */
    public enum Jacobian {
        /** {@code GrowthGrad.jacobiangrowth}: the values and the whole Jacobian in one call. */
        GENERATED,
        /** {@code GrowthGrad.dobservation}, once per observation (buffer form, into the row). */
        PER_RESIDUAL_GRADIENTS,
        /** {@link BeyondGradientsByHand#growth}: forward sensitivities by hand. */
        HAND_WRITTEN
    }

    /**
     * One fit: the parameters found, the optimiser's evaluations (of the values and the Jacobian together) and
     * iterations, the calls into the derivative code ({@code jacobiangrowth}, {@code dobservation} or the hand-written
     * method), and the RMS residual.
     */
    public record Fit(double[] parameters, int evaluations, int iterations, long derivativeCalls, double rms) {
    }

    /** Runs the fit from {@link #START} with the Jacobian taken {@code how}. */
    public static Fit fit(Jacobian how) {
        double h = Growth.H;
        int every = Growth.EVERY;
        int observations = Growth.OBSERVATIONS;
        double[][] jac = new double[observations][3];
        long[] calls = {0};
        MultivariateJacobianFunction model = point -> {
            double r = point.getEntry(0);
            double k = point.getEntry(1);
            double y0 = point.getEntry(2);
            double[] values;
            switch (how) {
                case GENERATED -> {
                    values = GrowthGrad.jacobiangrowth(r, k, y0, h, every, observations, jac);
                    calls[0]++;
                }
                case PER_RESIDUAL_GRADIENTS -> {
                    values = new double[observations];
                    for (int i = 0; i < observations; i++) {
                        values[i] = GrowthGrad.dobservation(r, k, y0, h, every, i, jac[i]);
                    }
                    calls[0] += observations;
                }
                case HAND_WRITTEN -> {
                    values = new double[observations];
                    BeyondGradientsByHand.growth(r, k, y0, h, every, observations, values, jac);
                    calls[0]++;
                }
                default -> throw new IllegalArgumentException(how.toString());
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jac,
                    true));
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(START)
                .target(OBSERVED)
                .model(model)
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        return new Fit(optimum.getPoint().toArray(), optimum.getEvaluations(), optimum.getIterations(), calls[0],
                optimum.getRMS());
    }

    private static double[] observed() {
        double[] observed = Growth.growth(Growth.R, Growth.K, Growth.Y0, Growth.H, Growth.EVERY, Growth.OBSERVATIONS);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < observed.length; i++) {
            observed[i] *= 1 + 1e-3 * random.nextGaussian();
        }
        return observed;
    }

    /** The fit from {@code jacobiangrowth}. */
    @Benchmark
    public Fit generated() {
        return fit(Jacobian.GENERATED);
    }

    /** The fit from one {@code dobservation} gradient per residual. */
    @Benchmark
    public Fit perResidualGradients() {
        return fit(Jacobian.PER_RESIDUAL_GRADIENTS);
    }

    /** The fit from forward sensitivities by hand. */
    @Benchmark
    public Fit handWritten() {
        return fit(Jacobian.HAND_WRITTEN);
    }

    /** Prints each fit: its parameters, evaluations, iterations and calls into the derivative code. */
    public static void main(String[] args) {
        for (Jacobian how : Jacobian.values()) {
            Fit fit = fit(how);
            System.out.printf(Locale.ROOT, "%-22s r = %.6f, k = %.6f, y0 = %.6f (made with %.1f, %.1f, %.1f), RMS %.3e;"
                    + " %d evaluations, %d iterations, %d derivative calls%n", how, fit.parameters()[0],
                    fit.parameters()[1], fit.parameters()[2], Growth.R, Growth.K, Growth.Y0, fit.rms(),
                    fit.evaluations(), fit.iterations(), fit.derivativeCalls());
        }
    }
}
