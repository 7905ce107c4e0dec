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
 * The 5 x 5 Hessian of {@link BlackScholes#price} at the inputs of {@link BlackScholesBenchmark}: the second-order
 * greeks (gamma, vanna, volga, ...). Against Hipparchus' {@code DerivativeStructure} of order 2, the chain rule by
 * hand and central differences of the generated gradient (issue 14).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BlackScholesHessianBenchmark extends HessianBenchmark {

    public double s = 100;
    public double k = 95;
    public double t = 0.75;
    public double r = 0.03;
    public double sigma = 0.25;
    private final double[] point = {s, k, t, r, sigma};
    private final double[] up = new double[5];
    private final double[] down = new double[5];
    private final double[][] work = new double[5][5];
    private final FiniteDifferences.GradientFn gradient = (p, g) -> BlackScholesGrad.dprice(p[0], p[1], p[2], p[3],
            p[4], g);

    public BlackScholesHessianBenchmark() {
        super(5);
    }

    @Benchmark
    public double primal() {
        return BlackScholes.price(s, k, t, r, sigma);
    }

    @Benchmark
    public double generated() {
        return BlackScholesGrad.hessianprice(s, k, t, r, sigma, hessian);
    }

    /** The chain rule written out by hand, with the normal CDF's first and second derivatives. */
    @Benchmark
    public double handWritten() {
        return BeyondGradientsByHand.blackScholesHessian(s, k, t, r, sigma, hessian, work);
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(5, 2)}. */
    @Benchmark
    public double hipparchusDS() {
        return BeyondGradientsPeers.blackScholesHessianDS(s, k, t, r, sigma, hessian);
    }

    /** Central differences of the generated gradient ({@code dprice}, buffer form), one column per input: 11 calls. */
    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.hessian(gradient, point, up, down, hessian);
    }
}
