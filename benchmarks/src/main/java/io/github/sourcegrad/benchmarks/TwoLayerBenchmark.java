package io.github.sourcegrad.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
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
 * The two-layer network on one sample, {@code (w2·tanh(W1 x + b1) + b2 - t)^2} with {@code d = 8} inputs and
 * {@code 16} hidden units: 161 parameters, all differentiated ({@code W1} 16x8, {@code b1}, {@code w2},
 * {@code b2}). Written twice, vectorized with {@code ArrayMath} ({@link Networks#twoLayer}: {@code primal},
 * {@code generated}) and with loops over the elements ({@link Networks#twoLayerLoops}: {@code primalLoops},
 * {@code generatedLoops}); one hand-written gradient and two peers, forward mode over all 161 parameters
 * ({@code hipparchusGradient}) and central differences ({@code finiteDifferences}, 323 calls of the primal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TwoLayerBenchmark extends ArrayGradientBenchmark {

    static final int INPUTS = 8;
    static final int HIDDEN = 16;

    public double[] x;
    public double t = 1;
    public double[][] w1;
    public double[] b1;
    public double[] w2;
    public double b2 = 0.1;

    /** The gradient buffers, of the shapes of {@code w1}, {@code b1}, {@code w2}; {@code b2}'s is {@code grad[0]}. */
    public final double[][] gradW1 = new double[HIDDEN][INPUTS];
    public final double[] gradB1 = new double[HIDDEN];
    public final double[] gradW2 = new double[HIDDEN];

    public TwoLayerBenchmark() {
        super(1);
        SplittableRandom random = new SplittableRandom(1);
        x = uniform(random, INPUTS, 1);
        w1 = uniform(random, HIDDEN, INPUTS, 1 / Math.sqrt(INPUTS));
        b1 = uniform(random, HIDDEN, 0.1);
        w2 = uniform(random, HIDDEN, 1 / Math.sqrt(HIDDEN));
    }

    @Override
    protected List<double[]> gradientRows() {
        List<double[]> rows = new ArrayList<>();
        Collections.addAll(rows, gradW1);
        rows.add(gradB1);
        rows.add(gradW2);
        return rows;
    }

    @Benchmark
    public double primal() {
        return Networks.twoLayer(x, t, w1, b1, w2, b2);
    }

    @Benchmark
    public double primalLoops() {
        return Networks.twoLayerLoops(x, t, w1, b1, w2, b2);
    }

    @Benchmark
    public double generated() {
        return NetworksGrad.dtwoLayer(x, t, w1, b1, w2, b2, grad, gradW1, gradB1, gradW2);
    }

    @Benchmark
    public double generatedLoops() {
        return NetworksGrad.dtwoLayerLoops(x, t, w1, b1, w2, b2, grad, gradW1, gradB1, gradW2);
    }

    @Benchmark
    public double handWritten() {
        return NetworksByHand.twoLayer(x, t, w1, b1, w2, b2, grad, gradW1, gradB1, gradW2);
    }

    @Benchmark
    public double hipparchusGradient() {
        return NetworksPeers.twoLayerGradient(x, t, w1, b1, w2, b2, grad, gradW1, gradB1, gradW2);
    }

    @Benchmark
    public double finiteDifferences() {
        return NetworksPeers.twoLayerCentral(x, t, w1, b1, w2, b2, grad, gradW1, gradB1, gradW2);
    }
}
