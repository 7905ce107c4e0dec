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
 * The gradient of {@link LogisticLoss#loss} in the weights and its Hessian times a direction {@code v}, at the point
 * of {@link LogisticLossBenchmark}: the inner step of Newton-CG (issue 14). Against Hipparchus'
 * {@code DerivativeStructure} of order 2 (the whole Hessian, then times {@code v}), Hipparchus forward over forward,
 * the product by hand (no Hessian formed) and central differences of the generated gradient along {@code v}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogisticLossHvpBenchmark extends HessianVectorBenchmark {

    public double[] w = {0.4, -0.3, 0.2, -0.5, 0.1, 0.6, -0.2, 0.3};
    public double[][] x = LogisticLoss.X;
    public double[] y = LogisticLoss.Y;
    public double[] v = {0.5, 0.1, -0.3, 0.2, -0.1, 0.4, 0.3, -0.2};
    private final double[] point = w.clone();
    private final double[] moved = new double[8];
    private final double[] up = new double[8];
    private final double[] down = new double[8];
    private final FiniteDifferences.GradientFn gradient = (p, g) -> LogisticLossGrad.dloss(p, x, y, g);

    public LogisticLossHvpBenchmark() {
        super(8);
    }

    @Benchmark
    public double primal() {
        return LogisticLoss.loss(w, x, y);
    }

    @Benchmark
    public double generated() {
        return LogisticLossGrad.hvploss(w, x, y, v, grad, hv);
    }

    @Benchmark
    public double handWritten() {
        return BeyondGradientsByHand.logisticLossHvp(w, x, y, v, grad, hv);
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(8, 2)}: the whole Hessian, then times {@code v}. */
    @Benchmark
    public double hipparchusDS() {
        return BeyondGradientsPeers.logisticLossHvpDS(w, x, y, v, grad, hv);
    }

    /** Hipparchus {@code FieldGradient<Gradient>}: 8 outer partials, each carrying its derivative along {@code v}. */
    @Benchmark
    public double hipparchusNested() {
        return BeyondGradientsPeers.logisticLossHvpNested(w, x, y, v, grad, hv);
    }

    /** Central differences of the generated gradient ({@code dloss}, buffer form) along {@code v}: 3 calls. */
    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.hessianTimes(gradient, point, v, grad, hv, moved, up, down);
    }
}
