package conformance;

import io.github.sourcegrad.Differentiable;

/** fma, copySign, hypot, scalb, IEEEremainder in a numeric kernel. */
class FmaCopySignHypot {
    @Differentiable
    static double f(double x, double y, double z) {
        double a = Math.fma(x, y, z);
        double b = Math.copySign(x * x, y);
        double c = Math.hypot(Math.hypot(x, y), z);
        double d = Math.scalb(x, 3) + Math.IEEEremainder(z * 10, 3.0);
        return a * b + c + d;
    }

    static Object[] point() {
        return new Object[] {0.7, -1.3, 2.2};
    }
}
