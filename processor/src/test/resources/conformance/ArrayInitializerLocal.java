package conformance;

import io.github.sourcegrad.Differentiable;

/** A local array built from an initializer of differentiated expressions and a 2-D one, then reduced. */
class ArrayInitializerLocal {
    @Differentiable
    static double f(double x, double y) {
        double[] v = {x, y, x * y, Math.exp(-x)};
        double[][] rot = {{Math.cos(x), -Math.sin(x)}, {Math.sin(x), Math.cos(x)}};
        double rx = rot[0][0] * v[1] + rot[0][1] * v[2];
        double ry = rot[1][0] * v[1] + rot[1][1] * v[2];
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s + rx * ry;
    }

    static Object[] point() {
        return new Object[] {0.6, -1.4};
    }
}
