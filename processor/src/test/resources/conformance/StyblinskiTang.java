package conformance;

import io.github.sourcegrad.Differentiable;

/** Styblinski-Tang with an enhanced for and x^4 written as a product. */
class StyblinskiTang {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (double v : x) {
            double v2 = v * v;
            s += v2 * v2 - 16 * v2 + 5 * v;
        }
        return s / 2;
    }

    static Object[] point() {
        return new Object[] {new double[] {-2.5, 1.0, 0.3}};
    }
}
