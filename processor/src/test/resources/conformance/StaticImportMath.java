package conformance;

import static java.lang.Math.*;

import io.github.sourcegrad.Differentiable;

/** Math statically imported on demand, the usual style of numeric Java. */
class StaticImportMath {
    @Differentiable
    static double f(double x, double y) {
        double r = sqrt(x * x + y * y);
        return exp(-r) * cos(PI * x) + log(1 + pow(y, 2)) + atan(x / y) + max(x, y) * E;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.9};
    }
}
