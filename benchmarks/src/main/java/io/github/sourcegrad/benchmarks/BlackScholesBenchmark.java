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
 * {@link BlackScholes#price}: a call with spot 100, strike 95, 9 months, 3% rate, 25% volatility; 5 inputs,
 * the gradient is the greeks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BlackScholesBenchmark extends GradientBenchmark {

    public double s = 100;
    public double k = 95;
    public double t = 0.75;
    public double r = 0.03;
    public double sigma = 0.25;
    private final double[] point = {s, k, t, r, sigma};

    public BlackScholesBenchmark() {
        super(5);
    }

    @Benchmark
    public double primal() {
        return BlackScholes.price(s, k, t, r, sigma);
    }

    @Benchmark
    public double generated() {
        return BlackScholesGrad.dprice(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double generatedRecord() {
        BlackScholesGrad.PriceGradient g = BlackScholesGrad.dprice(s, k, t, r, sigma);
        grad[0] = g.ds();
        grad[1] = g.dk();
        grad[2] = g.dt();
        grad[3] = g.dr();
        grad[4] = g.dsigma();
        return g.value();
    }

    /** The greeks by forward mode: five {@code jvpprice} calls, one per unit direction. */
    @Benchmark
    public double forwardMode() {
        grad[0] = BlackScholesGrad.jvpprice(s, k, t, r, sigma, 1, 0, 0, 0, 0).tangent();
        grad[1] = BlackScholesGrad.jvpprice(s, k, t, r, sigma, 0, 1, 0, 0, 0).tangent();
        grad[2] = BlackScholesGrad.jvpprice(s, k, t, r, sigma, 0, 0, 1, 0, 0).tangent();
        grad[3] = BlackScholesGrad.jvpprice(s, k, t, r, sigma, 0, 0, 0, 1, 0).tangent();
        BlackScholesGrad.PriceTangent last = BlackScholesGrad.jvpprice(s, k, t, r, sigma, 0, 0, 0, 0, 1);
        grad[4] = last.tangent();
        return last.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.blackScholes(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.blackScholesGradient(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.blackScholesDS(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.blackScholes(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.blackScholes(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.BLACK_SCHOLES, point, FiniteDifferences.ALL5, grad);
    }
}
