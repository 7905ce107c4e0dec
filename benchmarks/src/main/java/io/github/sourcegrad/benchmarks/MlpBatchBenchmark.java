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
 * {@link Networks#mlpBatch}: the mean squared error of the two-layer network {@code tanh(X W1 + b1) W2 + b2}
 * on a minibatch of 64 samples with 8 inputs and 16 hidden units, vectorized with {@code ArrayMath}; 161
 * parameters, all differentiated ({@code W1} 8x16, {@code b1}, {@code W2} 16x1, {@code b2} of length 1). The
 * hand-written gradient is fused: one pass over the samples, allocation-free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MlpBatchBenchmark extends ArrayGradientBenchmark {

    static final int BATCH = 64;
    static final int INPUTS = 8;
    static final int HIDDEN = 16;

    public double[][] x;
    public double[][] t;
    public double[][] w1;
    public double[] b1;
    public double[][] w2;
    public double[] b2 = {0.1};

    /** The gradient buffers, of the shapes of {@code w1}, {@code b1}, {@code w2}, {@code b2}. */
    public final double[][] gradW1 = new double[INPUTS][HIDDEN];
    public final double[] gradB1 = new double[HIDDEN];
    public final double[][] gradW2 = new double[HIDDEN][1];
    public final double[] gradB2 = new double[1];
    /** The hand-written gradient's scratch row. */
    private final double[] work = new double[HIDDEN];

    public MlpBatchBenchmark() {
        super(0);
        SplittableRandom random = new SplittableRandom(2);
        x = uniform(random, BATCH, INPUTS, 1);
        t = uniform(random, BATCH, 1, 1);
        w1 = uniform(random, INPUTS, HIDDEN, 1 / Math.sqrt(INPUTS));
        b1 = uniform(random, HIDDEN, 0.1);
        w2 = uniform(random, HIDDEN, 1, 1 / Math.sqrt(HIDDEN));
    }

    @Override
    protected List<double[]> gradientRows() {
        List<double[]> rows = new ArrayList<>();
        Collections.addAll(rows, gradW1);
        rows.add(gradB1);
        Collections.addAll(rows, gradW2);
        rows.add(gradB2);
        return rows;
    }

    @Benchmark
    public double primal() {
        return Networks.mlpBatch(x, t, w1, b1, w2, b2);
    }

    @Benchmark
    public double generated() {
        return NetworksGrad.dmlpBatch(x, t, w1, b1, w2, b2, gradW1, gradB1, gradW2, gradB2);
    }

    @Benchmark
    public double handWritten() {
        return NetworksByHand.mlpBatch(x, t, w1, b1, w2, b2, gradW1, gradB1, gradW2, gradB2, work);
    }
}
