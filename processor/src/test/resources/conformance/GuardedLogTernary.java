package conformance;

import io.github.sourcegrad.Differentiable;

/** Ternaries that guard a log and a sqrt against invalid arguments, taken on the other side. */
class GuardedLogTernary {
    @Differentiable
    static double f(double x, double y) {
        double a = x > 0 ? Math.log(x) : x;
        double b = y >= 0 ? Math.sqrt(y) : -y * y;
        double c = x * y != 0 ? 1 / (x * y) : 0;
        return a + b + c;
    }

    static Object[] point() {
        return new Object[] {-0.7, -1.2};
    }
}
