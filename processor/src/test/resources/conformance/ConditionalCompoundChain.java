package conformance;

import io.github.sourcegrad.Differentiable;

/** Compound assignments whose value is used: s += (t *= x), y = (z += 1) * z, and x++ on a double in an expression. */
class ConditionalCompoundChain {
    @Differentiable
    static double f(double x, double y) {
        double t = y;
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += (t *= x);
        }
        double z = x;
        double w = (z += 1) * z;
        double u = y;
        double v = u++ * 2 + u;
        return s + w + v;
    }

    static Object[] point() {
        return new Object[] {0.8, 1.3};
    }
}
