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
 * {@link LogisticLoss#loss} over its 64 samples, with respect to the 8 weights: a branchy {@code softplus}
 * helper called once per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogisticLossBenchmark extends GradientBenchmark {

    public double[] w = {0.4, -0.3, 0.2, -0.5, 0.1, 0.6, -0.2, 0.3};
    public double[][] x = LogisticLoss.X;
    public double[] y = LogisticLoss.Y;

    public LogisticLossBenchmark() {
        super(8);
    }

    @Benchmark
    public double primal() {
        return LogisticLoss.loss(w, x, y);
    }

    @Benchmark
    public double generated() {
        return LogisticLossGrad.dloss(w, x, y, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LogisticLossGrad.LossGradient g = LogisticLossGrad.dloss(w, x, y);
        System.arraycopy(g.dw(), 0, grad, 0, grad.length);
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.logisticLoss(w, x, y, grad);
    }
}
