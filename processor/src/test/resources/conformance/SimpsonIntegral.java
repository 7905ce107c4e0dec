package conformance;

import io.github.sourcegrad.Differentiable;

/** Simpson's rule for the integral of a parameterised integrand, a @Differentiable helper called per node. */
class SimpsonIntegral {
    @Differentiable
    static double integrand(double t, double a, double b) {
        return Math.exp(-a * t * t) * Math.cos(b * t);
    }

    @Differentiable
    static double f(double a, double b) {
        int n = 20;
        double h = 2.0 / n;
        double s = integrand(0, a, b) + integrand(2, a, b);
        for (int i = 1; i < n; i++) {
            double w = i % 2 == 1 ? 4 : 2;
            s += w * integrand(i * h, a, b);
        }
        return s * h / 3;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.3};
    }
}
