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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Networks#mlpBatch}: the mean squared error of the two-layer network {@code tanh(X W1 + b1) W2 + b2}
 * on a minibatch with 8 inputs, vectorized with {@code ArrayMath}, all parameters differentiated ({@code W1}
 * 8×hidden, {@code b1}, {@code W2} hidden×1, {@code b2} of length 1). The {@code size} is {@code batch/hidden}:
 * 64/16 (the examples' size, 161 parameters, the default of the other tools such as {@link VariantAgreement}),
 * 256/64 and 1024/256, which {@code benchmarks/pytorch/mlp_batch.py} measures in PyTorch. The hand-written
 * gradient is fused: one pass over the samples, allocation-free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MlpBatchBenchmark extends ArrayGradientBenchmark {

    static final int INPUTS = 8;

    /** {@code batch/hidden}. */
    @Param({"64/16", "256/64", "1024/256"})
    public String size = "64/16";

    public double[][] x;
    public double[][] t;
    public double[][] w1;
    public double[] b1;
    public double[][] w2;
    public double[] b2 = {0.1};

    /** The gradient buffers, of the shapes of {@code w1}, {@code b1}, {@code w2}, {@code b2}. */
    public double[][] gradW1;
    public double[] gradB1;
    public double[][] gradW2;
    public final double[] gradB2 = new double[1];
    /** The hand-written gradient's scratch row. */
    private double[] work;

    public MlpBatchBenchmark() {
        super(0);
        initialize();
    }

    /** The inputs and buffers of {@link #size}: the same numbers at 64/16 whatever the other sizes. */
    @Setup
    public void setUp() {
        initialize();
    }

    private void initialize() {
        String[] batchHidden = size.split("/");
        int batch = Integer.parseInt(batchHidden[0]);
        int hidden = Integer.parseInt(batchHidden[1]);
        SplittableRandom random = new SplittableRandom(2);
        x = uniform(random, batch, INPUTS, 1);
        t = uniform(random, batch, 1, 1);
        w1 = uniform(random, INPUTS, hidden, 1 / Math.sqrt(INPUTS));
        b1 = uniform(random, hidden, 0.1);
        w2 = uniform(random, hidden, 1, 1 / Math.sqrt(hidden));
        gradW1 = new double[INPUTS][hidden];
        gradB1 = new double[hidden];
        gradW2 = new double[hidden][1];
        work = new double[hidden];
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
