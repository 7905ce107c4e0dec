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
 * {@link BundleAdjustment#reprojectionError}: one ADBench observation, 15 differentiated inputs (camera,
 * point, weight) and the observed feature as data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BundleAdjustmentBenchmark extends GradientBenchmark {

    // camera: Rodrigues rotation, center, focal length, principal point, radial distortion
    public double r0 = 0.12;
    public double r1 = -0.08;
    public double r2 = 0.05;
    public double c0 = 0.4;
    public double c1 = -0.3;
    public double c2 = -6.0;
    public double f = 520;
    public double x0 = 320;
    public double y0 = 240;
    public double k1 = -0.1;
    public double k2 = 0.01;
    // the point, the weight, the observed feature
    public double X0 = 0.8;
    public double X1 = 0.5;
    public double X2 = 3.0;
    public double w = 0.9;
    public double u = 345;
    public double v = 283.5;
    private final double[] point = {r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w, u, v};

    public BundleAdjustmentBenchmark() {
        super(15);
    }

    @Benchmark
    public double primal() {
        return BundleAdjustment.reprojectionError(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w, u, v);
    }

    @Benchmark
    public double generated() {
        return BundleAdjustmentGrad.dreprojectionError(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w,
                u, v, grad);
    }

    @Benchmark
    public double generatedRecord() {
        BundleAdjustmentGrad.ReprojectionErrorGradient g = BundleAdjustmentGrad.dreprojectionError(r0, r1, r2, c0,
                c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w, u, v);
        grad[0] = g.dr0();
        grad[1] = g.dr1();
        grad[2] = g.dr2();
        grad[3] = g.dc0();
        grad[4] = g.dc1();
        grad[5] = g.dc2();
        grad[6] = g.df();
        grad[7] = g.dx0();
        grad[8] = g.dy0();
        grad[9] = g.dk1();
        grad[10] = g.dk2();
        grad[11] = g.dX0();
        grad[12] = g.dX1();
        grad[13] = g.dX2();
        grad[14] = g.dw();
        return g.value();
    }

    @Benchmark
    public double handWritten() {
        return ByHand.reprojectionError(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w, u, v, grad);
    }

    @Benchmark
    public double hipparchusGradient() {
        return HipparchusVersions.reprojectionErrorGradient(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w,
                u, v, grad);
    }

    @Benchmark
    public double hipparchusDS() {
        return HipparchusVersions.reprojectionErrorDS(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w,
                u, v, grad);
    }

    @Benchmark
    public double commonsMathDS() {
        return CommonsMathVersions.reprojectionError(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w,
                u, v, grad);
    }

    @Benchmark
    public double finmathAAD() {
        return FinmathVersions.reprojectionError(r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w,
                u, v, grad);
    }

    @Benchmark
    public double finiteDifferences() {
        return FiniteDifferences.central(FiniteDifferences.REPROJECTION_ERROR, point, FiniteDifferences.BA_WRT, grad);
    }
}
