package io.github.sourcegrad.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The 20 x 3 Jacobian of {@link Growth#growth}, 20 observations of an Euler-integrated logistic growth (10 steps
 * each), in {@code r, k, y0}: what Levenberg-Marquardt asks for at every step ({@link LevenbergMarquardtBenchmark}).
 * Every variant writes the 20 values into {@link #values} and the Jacobian into {@link #jac}, returns the last value.
 * The generated {@code jacobiangrowth} against one gradient per observation ({@code dobservation}, each integrating
 * from the start: what a user without {@code jacobian<name>} writes), forward sensitivities by hand, Hipparchus
 * forward mode with three parameters ({@code DerivativeStructure} of order 1, {@code Gradient}) and central
 * differences of the primal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GrowthJacobianBenchmark extends ArrayGradientBenchmark {

    public double r = 0.8;
    public double k = 10;
    public double y0 = 0.5;
    public double h = Growth.H;
    public int every = Growth.EVERY;
    public int observations = Growth.OBSERVATIONS;
    /** Receives every variant's values. */
    public final double[] values = new double[Growth.OBSERVATIONS];
    /** Receives every variant's Jacobian, one row per observation. */
    public final double[][] jac = new double[Growth.OBSERVATIONS][3];
    private final double[] point = {r, k, y0};
    private final FiniteDifferences.VectorFn model = p -> Growth.growth(p[0], p[1], p[2], h, every, observations);

    public GrowthJacobianBenchmark() {
        super(0);
    }

    @Override
    protected List<double[]> gradientRows() {
        List<double[]> rows = new ArrayList<>();
        rows.add(values);
        rows.addAll(List.of(jac));
        return rows;
    }

    @Benchmark
    public double primal() {
        double[] result = Growth.growth(r, k, y0, h, every, observations);
        return result[result.length - 1];
    }

    /** {@code jacobiangrowth}: the values and the whole Jacobian in one call. */
    @Benchmark
    public double generated() {
        double[] result = GrowthGrad.jacobiangrowth(r, k, y0, h, every, observations, jac);
        System.arraycopy(result, 0, values, 0, result.length);
        return values[observations - 1];
    }

    /** One gradient per observation, {@code dobservation} (buffer form) into the row: 20 calls, 210 x 10 steps. */
    @Benchmark
    public double perResidualGradients() {
        for (int i = 0; i < observations; i++) {
            values[i] = GrowthGrad.dobservation(r, k, y0, h, every, i, jac[i]);
        }
        return values[observations - 1];
    }

    /** Forward sensitivities by hand: three tangents carried beside {@code y} through the 200 steps. */
    @Benchmark
    public double handWritten() {
        BeyondGradientsByHand.growth(r, k, y0, h, every, observations, values, jac);
        return values[observations - 1];
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(3, 1)}. */
    @Benchmark
    public double hipparchusDS() {
        BeyondGradientsPeers.growthDS(r, k, y0, h, every, observations, values, jac);
        return values[observations - 1];
    }

    /** Hipparchus {@code Gradient} of three free parameters. */
    @Benchmark
    public double hipparchusGradient() {
        BeyondGradientsPeers.growthGradient(r, k, y0, h, every, observations, values, jac);
        return values[observations - 1];
    }

    /** Central differences of the primal, one column per parameter: 7 calls. */
    @Benchmark
    public double finiteDifferences() {
        FiniteDifferences.jacobian(model, point, values, jac);
        return values[observations - 1];
    }
}
