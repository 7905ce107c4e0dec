package conformance;

import io.github.sourcegrad.Differentiable;

/** log Gamma by shifting the argument up with the recurrence, then Stirling's series. */
class LogGammaStirling {
    @Differentiable
    static double f(double x) {
        double shift = 0;
        double z = x;
        while (z < 7) {
            shift -= Math.log(z);
            z += 1;
        }
        double inv = 1 / z;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series;
    }

    static Object[] point() {
        return new Object[] {2.3};
    }
}
