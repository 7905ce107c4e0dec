package conformance;

import io.github.sourcegrad.Differentiable;

/** Straight-line helpers returning arrays (cross product, scale) composed by a straight-line caller. */
class StraightLineArrayHelpers {
    @Differentiable
    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @Differentiable
    static double dot3(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Differentiable
    static double f(double[] u, double[] v, double[] w) {
        double[] uv = cross(u, v);
        double[] uvw = cross(uv, w);
        return dot3(uv, w) + dot3(uvw, uvw);
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9}, new double[] {0.1, 0.4, -0.3}, new double[] {0.7, 0.2, 0.5}};
    }
}
