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
 * {@link Loops#huberSum}: the Huber loss ({@code delta = 1}) of a line on 100 synthetic points, 10 of them
 * outliers; 2 inputs ({@code a, c}). A branch in the loop and an accumulation: nothing is taped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HuberSumBenchmark extends GradientBenchmark {

    public double a = 1.5;
    public double c = 0.2;
    public double delta = 1;
    public int n = 100;
    private final double[] point = {a, c};
    private final FiniteDifferences.Fn fn = p -> Loops.huberSum(p[0], p[1], delta, n);

    public HuberSumBenchmark() {
        super(2);
    }

    @Benchmark
    public double primal() {
        return Loops.huberSum(a, c, delta, n);
    }

    @Benchmark
    public double generated() {
        return LoopsGrad.dhuberSum(a, c, delta, n, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LoopsGrad.HuberSumGradient g = LoopsGrad.dhuberSum(a, c, delta, n);
        grad[0] = g.da();
        grad[1] = g.dc();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return LoopsByHand.huberSum(a, c, delta, n, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return LoopsPeers.huberSumGradient(a, c, delta, n, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(fn, point, FiniteDifferences.ALL2, grad);
    }
}
