package conformance;

import io.github.sourcegrad.Differentiable;

/** A helper that returns a new rotated point, called in a loop. */
class ArrayHelperInLoop {
    @Differentiable
    static double[] rotate(double[] p, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c * p[0] - s * p[1], s * p[0] + c * p[1]};
    }

    @Differentiable
    static double f(double[] p, double angle) {
        double[] q = p;
        for (int i = 0; i < 3; i++) {
            q = rotate(q, angle);
        }
        return q[0] * q[0] + 3 * q[1];
    }

    static Object[] point() {
        return new Object[] {new double[] {1.0, 0.5}, 0.3};
    }
}
