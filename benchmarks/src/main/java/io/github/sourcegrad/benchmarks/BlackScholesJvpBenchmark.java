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
 * One directional derivative of {@link BlackScholes#price} at the inputs of {@link BlackScholesBenchmark}, along
 * a fixed direction {@code (ts, tk, tt, tr, tsigma)}: the value and {@code grad . t}, written into {@code grad[0]}.
 * Forward mode's unit of work (issue 14): one {@code jvpprice} call, against the same by hand, by Hipparchus with
 * one free parameter, by the reverse-mode gradient dotted with the direction, and by central differences.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BlackScholesJvpBenchmark extends GradientBenchmark {

    public double s = 100;
    public double k = 95;
    public double t = 0.75;
    public double r = 0.03;
    public double sigma = 0.25;
    /** The direction: spot up, strike down, a little more time, rate and volatility. */
    public double ts = 1;
    public double tk = -0.5;
    public double tt = 0.1;
    public double tr = 0.02;
    public double tsigma = 0.05;
    private final double[] point = {s, k, t, r, sigma};
    private final double[] direction = {ts, tk, tt, tr, tsigma};
    private final double[] moved = new double[5];
    private final double[] gradient = new double[5];

    public BlackScholesJvpBenchmark() {
        super(1);
    }

    @Benchmark
    public double primal() {
        return BlackScholes.price(s, k, t, r, sigma);
    }

    /** {@code jvpprice}: one forward pass with tangents. */
    @Benchmark
    public double generated() {
        BlackScholesGrad.PriceTangent jvp = BlackScholesGrad.jvpprice(s, k, t, r, sigma, ts, tk, tt, tr, tsigma);
        grad[0] = jvp.tangent();
        return jvp.value();
    }

    /** The reverse-mode gradient ({@code dprice}, buffer form) dotted with the direction. */
    @Benchmark
    public double gradientDotDirection() {
        double value = BlackScholesGrad.dprice(s, k, t, r, sigma, gradient);
        grad[0] = gradient[0] * ts + gradient[1] * tk + gradient[2] * tt + gradient[3] * tr + gradient[4] * tsigma;
        return value;
    }

    @Benchmark
    public double handWritten() {
        return BeyondGradientsByHand.blackScholesTangent(s, k, t, r, sigma, ts, tk, tt, tr, tsigma, grad);
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(1, 1)}, the inputs seeded with the direction. */
    @Benchmark
    public double hipparchusDS() {
        return BeyondGradientsPeers.blackScholesJvpDS(s, k, t, r, sigma, ts, tk, tt, tr, tsigma, grad);
    }

    /** Hipparchus {@code Gradient} of one free parameter, seeded with the direction. */
    @Benchmark
    public double hipparchusGradient() {
        return BeyondGradientsPeers.blackScholesJvpGradient(s, k, t, r, sigma, ts, tk, tt, tr, tsigma, grad);
    }

    /** A central difference of the primal along the direction: three calls. */
    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.directional(FiniteDifferences.BLACK_SCHOLES, point, direction, moved, grad);
    }
}
