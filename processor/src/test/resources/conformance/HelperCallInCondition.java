package conformance;

import io.github.sourcegrad.Differentiable;

/** A @Differentiable helper with a loop called in a while condition and in the body (gradient descent). */
class HelperCallInCondition {
    @Differentiable
    static double norm2(double a, double b) {
        double s = 0;
        for (int i = 0; i < 2; i++) {
            double v = i == 0 ? a : b;
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Differentiable
    static double f(double x, double y) {
        double a = x;
        double b = y;
        int it = 0;
        while (norm2(a, b) > 0.5 && it < 100) {
            a -= 0.1 * a;
            b -= 0.2 * b;
            it++;
        }
        return norm2(a, b) + it;
    }

    static Object[] point() {
        return new Object[] {1.3, -0.8};
    }
}
