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

/** {@link Lecture#f}: {@code 1 / (y + e^-x)}, 2 inputs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FBenchmark extends GradientBenchmark {

    public double x = 0.5;
    public double y = 1.5;
    private final double[] point = {x, y};

    public FBenchmark() {
        super(2);
    }

    @Benchmark
    public double primal() {
        return Lecture.f(x, y);
    }

    @Benchmark
    public double generated() {
        return LectureGrad.df(x, y, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LectureGrad.FGradient g = LectureGrad.df(x, y);
        grad[0] = g.dx();
        grad[1] = g.dy();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.f(x, y, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.fGradient(x, y, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.fDS(x, y, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.f(x, y, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.f(x, y, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.F, point, FiniteDifferences.ALL2, grad);
    }
}
