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
 * {@link LoopNests#nestedNetwork}: the two-layer network of {@link TwoLayerBenchmark} ({@code d = 8} inputs, 16
 * hidden units, 161 parameters, all differentiated) written with nested loops and no hidden array. The generated
 * gradient keeps each unit's {@code tanh} on the tape and reverses the inner loop without running it again; the
 * hand-written one keeps the units in its gradient buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NestedNetworkBenchmark extends ArrayGradientBenchmark {

    public double[] x;
    public double t = 1;
    public double[][] w1;
    public double[] b1;
    public double[] v;
    public double b2 = 0.1;

    /** The gradient buffers, of the shapes of {@code w1}, {@code b1}, {@code v}; {@code b2}'s is {@code grad[0]}. */
    public final double[][] gradW1 = new double[TwoLayerBenchmark.HIDDEN][TwoLayerBenchmark.INPUTS];
    public final double[] gradB1 = new double[TwoLayerBenchmark.HIDDEN];
    public final double[] gradV = new double[TwoLayerBenchmark.HIDDEN];

    public NestedNetworkBenchmark() {
        super(1);
        SplittableRandom random = new SplittableRandom(1);
        x = uniform(random, TwoLayerBenchmark.INPUTS, 1);
        w1 = uniform(random, TwoLayerBenchmark.HIDDEN, TwoLayerBenchmark.INPUTS, 1 / Math.sqrt(TwoLayerBenchmark.INPUTS));
        b1 = uniform(random, TwoLayerBenchmark.HIDDEN, 0.1);
        v = uniform(random, TwoLayerBenchmark.HIDDEN, 1 / Math.sqrt(TwoLayerBenchmark.HIDDEN));
    }

    @Override
    protected List<double[]> gradientRows() {
        List<double[]> rows = new ArrayList<>();
        Collections.addAll(rows, gradW1);
        rows.add(gradB1);
        rows.add(gradV);
        return rows;
    }

    @Benchmark
    public double primal() {
        return LoopNests.nestedNetwork(x, t, w1, b1, v, b2);
    }

    @Benchmark
    public double generated() {
        return LoopNestsGrad.dnestedNetwork(x, t, w1, b1, v, b2, grad, gradW1, gradB1, gradV);
    }

    @Benchmark
    public double handWritten() {
        return LoopNestsByHand.nestedNetwork(x, t, w1, b1, v, b2, grad, gradW1, gradB1, gradV);
    }
}
