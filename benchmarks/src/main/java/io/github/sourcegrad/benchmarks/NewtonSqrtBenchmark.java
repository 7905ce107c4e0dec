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
 * {@link Loops#newtonSqrt}: Newton's method for {@code sqrt(30)} from {@code x = 30}, a data-dependent trip
 * count (7 iterations here); 1 input. The generated code tapes {@code x} once per iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NewtonSqrtBenchmark extends GradientBenchmark {

    public double a = 30;
    private final double[] point = {a};
    private static final int[] ALL1 = {0};
    private static final FiniteDifferences.Fn FN = p -> Loops.newtonSqrt(p[0]);

    public NewtonSqrtBenchmark() {
        super(1);
    }

    @Benchmark
    public double primal() {
        return Loops.newtonSqrt(a);
    }

    @Benchmark
    public double generated() {
        return LoopsGrad.dnewtonSqrt(a, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LoopsGrad.NewtonSqrtGradient g = LoopsGrad.dnewtonSqrt(a);
        grad[0] = g.da();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return LoopsByHand.newtonSqrt(a, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return LoopsPeers.newtonSqrtGradient(a, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FN, point, ALL1, grad);
    }
}
