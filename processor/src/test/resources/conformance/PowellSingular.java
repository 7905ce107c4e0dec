package conformance;

import io.github.sourcegrad.Differentiable;

/** The extended Powell singular function, groups of four with i += 4. */
class PowellSingular {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i + 3 < x.length; i += 4) {
            double a = x[i] + 10 * x[i + 1];
            double b = x[i + 2] - x[i + 3];
            double c = x[i + 1] - 2 * x[i + 2];
            double d = x[i] - x[i + 3];
            s += a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {3, -1, 0, 1, 0.5, 0.2, -0.3, 0.9}};
    }
}
