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
 * The 8 x 8 Hessian of {@link LogisticLoss#loss} in the weights, at the point of {@link LogisticLossBenchmark}: what
 * Newton's method on a logistic regression needs at every step (issue 14). Against Hipparchus'
 * {@code DerivativeStructure} of order 2, the Hessian by hand (one rank-one update per sample) and central
 * differences of the generated gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogisticLossHessianBenchmark extends HessianBenchmark {

    public double[] w = {0.4, -0.3, 0.2, -0.5, 0.1, 0.6, -0.2, 0.3};
    public double[][] x = LogisticLoss.X;
    public double[] y = LogisticLoss.Y;
    private final double[] point = w.clone();
    private final double[] up = new double[8];
    private final double[] down = new double[8];
    private final FiniteDifferences.GradientFn gradient = (p, g) -> LogisticLossGrad.dloss(p, x, y, g);

    public LogisticLossHessianBenchmark() {
        super(8);
    }

    @Benchmark
    public double primal() {
        return LogisticLoss.loss(w, x, y);
    }

    @Benchmark
    public double generated() {
        return LogisticLossGrad.hessianloss(w, x, y, hessian);
    }

    @Benchmark
    public double handWritten() {
        return BeyondGradientsByHand.logisticLossHessian(w, x, y, hessian);
    }

    /** Hipparchus {@code DerivativeStructure} from a {@code DSFactory(8, 2)}. */
    @Benchmark
    public double hipparchusDS() {
        return BeyondGradientsPeers.logisticLossHessianDS(w, x, y, hessian);
    }

    /** Central differences of the generated gradient ({@code dloss}, buffer form), one column per weight: 17 calls. */
    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.hessian(gradient, point, up, down, hessian);
    }
}
