package io.github.sourcegrad.benchmarks;

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
 * {@link LoopNests#lennardJones}: the Lennard-Jones energy of 64 particles in 3D (2,016 pairs; 192 inputs, all
 * differentiated), on a 4x4x4 cubic lattice of spacing 1.1 (near the pair potential's minimum at {@code 2^(1/6)})
 * with each coordinate jittered by up to 0.1. The hand-written gradient computes the forces in the same pass over
 * the pairs as the energy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LennardJonesBenchmark extends ArrayGradientBenchmark {

    static final int SIDE = 4;
    static final double SPACING = 1.1;
    static final double JITTER = 0.1;

    public double[] pos = new double[3 * SIDE * SIDE * SIDE];
    public final double[] gradPos = new double[pos.length];

    public LennardJonesBenchmark() {
        super(0);
        SplittableRandom random = new SplittableRandom(3);
        int p = 0;
        for (int a = 0; a < SIDE; a++) {
            for (int b = 0; b < SIDE; b++) {
                for (int c = 0; c < SIDE; c++) {
                    pos[p++] = a * SPACING + random.nextDouble(-JITTER, JITTER);
                    pos[p++] = b * SPACING + random.nextDouble(-JITTER, JITTER);
                    pos[p++] = c * SPACING + random.nextDouble(-JITTER, JITTER);
                }
            }
        }
    }

    @Override
    protected List<double[]> gradientRows() {
        return List.of(gradPos);
    }

    @Benchmark
    public double primal() {
        return LoopNests.lennardJones(pos);
    }

    @Benchmark
    public double generated() {
        return LoopNestsGrad.dlennardJones(pos, gradPos);
    }

    @Benchmark
    public double handWritten() {
        return LoopNestsByHand.lennardJones(pos, gradPos);
    }
}
