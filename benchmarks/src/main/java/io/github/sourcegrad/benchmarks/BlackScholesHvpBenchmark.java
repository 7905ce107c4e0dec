package io.github.sourcegrad.benchmarks;

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
 * The gradient of {@link BlackScholes#price} and its Hessian times a direction {@code v}, at the inputs of
 * {@link BlackScholesBenchmark}: what Newton-CG and trust-region methods ask for (issue 14). Against Hipparchus'
 * {@code DerivativeStructure} of order 2 (the whole Hessian, then times {@code v}), Hipparchus forward over forward
 * and central differences of the generated gradient along {@code v}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BlackScholesHvpBenchmark extends HessianVectorBenchmark {

    public double s = 100;
    public double k = 95;
    public double t = 0.75;
    public double r = 0.03;
    public double sigma = 0.25;
    /** The direction, the one {@link BlackScholesJvpBenchmark} differentiates along. */
    public double[] v = {1, -0.5, 0.1, 0.02, 0.05};
    private final double[] point = {s, k, t, r, sigma};
    private final double[] moved = new double[5];
    private final double[] up = new double[5];
    private final double[] down = new double[5];
    private final FiniteDifferences.GradientFn gradient = (p, g) -> BlackScholesGrad.dprice(p[0], p[1], p[2], p[3],
            p[4], g);

    public BlackScholesHvpBenchmark() {
        super(5);
    }

    @Benchmark
    public double primal() {
        return BlackScholes.price(s, k, t, r, sigma);
    }

    @Benchmark
    public double generated() {
        return BlackScholesGrad.hvpprice(s, k, t, r, sigma, v, grad, hv);
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(5, 2)}: the whole Hessian, then times {@code v}. */
    @Benchmark
    public double hipparchusDS() {
        return BeyondGradientsPeers.blackScholesHvpDS(s, k, t, r, sigma, v, grad, hv);
    }

    /** Hipparchus {@code FieldGradient<Gradient>}: 5 outer partials, each carrying its derivative along {@code v}. */
    @Benchmark
    public double hipparchusNested() {
        return BeyondGradientsPeers.blackScholesHvpNested(s, k, t, r, sigma, v, grad, hv);
    }

    /** Central differences of the generated gradient ({@code dprice}, buffer form) along {@code v}: 3 calls. */
    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.hessianTimes(gradient, point, v, grad, hv, moved, up, down);
    }
}
