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
 * {@link Lecture#mlpLoss}: the two-layer ReLU perceptron's squared loss at the slides' point
 * {@code L(2, 10, -1, 4, 3, 1)}; 6 inputs, 4 differentiated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MlpLossBenchmark extends GradientBenchmark {

    public double x = 2;
    public double y = 10;
    public double w1 = -1;
    public double b1 = 4;
    public double w2 = 3;
    public double b2 = 1;
    private final double[] point = {x, y, w1, b1, w2, b2};

    public MlpLossBenchmark() {
        super(4);
    }

    @Benchmark
    public double primal() {
        return Lecture.mlpLoss(x, y, w1, b1, w2, b2);
    }

    @Benchmark
    public double generated() {
        return LectureGrad.dmlpLoss(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LectureGrad.MlpLossGradient g = LectureGrad.dmlpLoss(x, y, w1, b1, w2, b2);
        grad[0] = g.dw1();
        grad[1] = g.db1();
        grad[2] = g.dw2();
        grad[3] = g.db2();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.mlpLoss(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.mlpLossGradient(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.mlpLossDS(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.mlpLoss(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.mlpLoss(x, y, w1, b1, w2, b2, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.MLP_LOSS, point, FiniteDifferences.MLP_WRT, grad);
    }
}
