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

/** {@link Lecture#exercise}: {@code [max(3x, 0) - y]^2 + z} at the slides' point, 3 inputs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ExerciseBenchmark extends GradientBenchmark {

    public double x = 1;
    public double y = 0;
    public double z = -2;
    private final double[] point = {x, y, z};

    public ExerciseBenchmark() {
        super(3);
    }

    @Benchmark
    public double primal() {
        return Lecture.exercise(x, y, z);
    }

    @Benchmark
    public double generated() {
        return LectureGrad.dexercise(x, y, z, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LectureGrad.ExerciseGradient g = LectureGrad.dexercise(x, y, z);
        grad[0] = g.dx();
        grad[1] = g.dy();
        grad[2] = g.dz();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.exercise(x, y, z, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.exerciseGradient(x, y, z, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.exerciseDS(x, y, z, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.exercise(x, y, z, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.exercise(x, y, z, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.EXERCISE, point, FiniteDifferences.ALL3, grad);
    }
}
