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
 * {@link Loops#recurrence}: 50 steps of the recurrent cell {@code h = tanh(w h + b)}, 3 inputs
 * ({@code w, b, h0}). The generated code tapes {@code h} once per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RecurrenceBenchmark extends GradientBenchmark {

    public double w = 0.9;
    public double b = 0.1;
    public double h0 = 0.3;
    public int steps = 50;
    private final double[] point = {w, b, h0};
    private final FiniteDifferences.Fn fn = p -> Loops.recurrence(p[0], p[1], p[2], steps);

    public RecurrenceBenchmark() {
        super(3);
    }

    @Benchmark
    public double primal() {
        return Loops.recurrence(w, b, h0, steps);
    }

    @Benchmark
    public double generated() {
        return LoopsGrad.drecurrence(w, b, h0, steps, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LoopsGrad.RecurrenceGradient g = LoopsGrad.drecurrence(w, b, h0, steps);
        grad[0] = g.dw();
        grad[1] = g.db();
        grad[2] = g.dh0();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return LoopsByHand.recurrence(w, b, h0, steps, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return LoopsPeers.recurrenceGradient(w, b, h0, steps, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(fn, point, FiniteDifferences.ALL3, grad);
    }
}
