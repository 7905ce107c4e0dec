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

/** {@link Lecture#logPoly}: {@code log(3x^2 + 5xy)} at the notes' point {@code (2, 3)}, 2 inputs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogPolyBenchmark extends GradientBenchmark {

    public double x = 2;
    public double y = 3;
    private final double[] point = {x, y};

    public LogPolyBenchmark() {
        super(2);
    }

    @Benchmark
    public double primal() {
        return Lecture.logPoly(x, y);
    }

    @Benchmark
    public double generated() {
        return LectureGrad.dlogPoly(x, y, grad);
    }

    @Benchmark
    public double generatedRecord() {
        LectureGrad.LogPolyGradient g = LectureGrad.dlogPoly(x, y);
        grad[0] = g.dx();
        grad[1] = g.dy();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.logPoly(x, y, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.logPolyGradient(x, y, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.logPolyDS(x, y, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.logPoly(x, y, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.logPoly(x, y, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.LOG_POLY, point, FiniteDifferences.ALL2, grad);
    }
}
