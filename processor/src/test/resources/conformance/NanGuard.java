package conformance;

import io.github.sourcegrad.Differentiable;

/** Guards with Double.isNaN and Double.isFinite, as defensive numeric code writes them. */
class NanGuard {
    @Differentiable
    static double f(double x, double y) {
        double r = Math.log(x) * y;
        if (Double.isNaN(r) || !Double.isFinite(r)) {
            return 0;
        }
        return r * r;
    }

    static Object[] point() {
        return new Object[] {1.7, 0.6};
    }
}
