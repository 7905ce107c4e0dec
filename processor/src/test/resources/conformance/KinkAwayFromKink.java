package conformance;

import io.github.sourcegrad.Differentiable;

/** max, min, abs used away from their kinks, and clipping. */
class KinkAwayFromKink {
    @Differentiable
    static double f(double x, double y, double z) {
        double relu = Math.max(0, x - 0.2);
        double clipped = Math.min(Math.max(y, -1), 1);
        double l1 = Math.abs(x) + Math.abs(y) + Math.abs(z);
        return relu * clipped + l1 * Math.min(x, z) + Math.max(Math.abs(y - z), 0.1);
    }

    static Object[] point() {
        return new Object[] {0.9, -0.4, 1.7};
    }
}
