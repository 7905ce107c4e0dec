package conformance;

import io.github.sourcegrad.Differentiable;

/** Wood's four-variable function. */
class WoodFunction {
    @Differentiable
    static double f(double x1, double x2, double x3, double x4) {
        double t1 = x2 - x1 * x1;
        double t2 = 1 - x1;
        double t3 = x4 - x3 * x3;
        double t4 = 1 - x3;
        return 100 * t1 * t1 + t2 * t2 + 90 * t3 * t3 + t4 * t4
                + 10.1 * ((x2 - 1) * (x2 - 1) + (x4 - 1) * (x4 - 1)) + 19.8 * (x2 - 1) * (x4 - 1);
    }

    static Object[] point() {
        return new Object[] {-3.0, -1.0, -3.0, -1.0};
    }
}
