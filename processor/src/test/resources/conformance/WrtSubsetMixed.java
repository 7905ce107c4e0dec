package conformance;

import io.github.sourcegrad.Differentiable;

/** wrt naming some parameters, in an order unlike the declaration, mixing doubles and arrays. */
class WrtSubsetMixed {
    @Differentiable(wrt = {"c", "a"})
    static double f(double a, double[] b, double[] c, double d) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += Math.sin(a * b[i]) * c[i] + d * c[i] * c[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {0.7, new double[] {0.5, 1.3, -0.9}, new double[] {0.2, -0.4, 1.1}, 1.5};
    }
}
