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
 * {@link BranchyBlackScholes#price}, at the inputs of {@link BlackScholesBenchmark}: the normal CDF branches on
 * the sign of its argument.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BranchyBlackScholesBenchmark extends GradientBenchmark {

    public double s = 100;
    public double k = 95;
    public double t = 0.75;
    public double r = 0.03;
    public double sigma = 0.25;

    public BranchyBlackScholesBenchmark() {
        super(5);
    }

    @Benchmark
    public double primal() {
        return BranchyBlackScholes.price(s, k, t, r, sigma);
    }

    @Benchmark
    public double generated() {
        return BranchyBlackScholesGrad.dprice(s, k, t, r, sigma, grad);
    }

    @Benchmark
    public double generatedRecord() {
        BranchyBlackScholesGrad.PriceGradient g = BranchyBlackScholesGrad.dprice(s, k, t, r, sigma);
        grad[0] = g.ds();
        grad[1] = g.dk();
        grad[2] = g.dt();
        grad[3] = g.dr();
        grad[4] = g.dsigma();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.branchyBlackScholes(s, k, t, r, sigma, grad);
    }
}
