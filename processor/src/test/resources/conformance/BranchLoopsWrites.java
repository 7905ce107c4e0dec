package conformance;

import io.github.sourcegrad.Differentiable;

/** Loops inside both branches of an if, each writing a local array differently, then a common reduction. */
class BranchLoopsWrites {
    @Differentiable
    static double f(double[] x, double t) {
        double[] a = new double[x.length];
        if (t > 0) {
            for (int i = 0; i < x.length; i++) {
                a[i] = x[i] * t;
            }
            for (int i = 1; i < x.length; i++) {
                a[i] += a[i - 1] * 0.5;
            }
        } else {
            for (int i = x.length - 1; i >= 0; i--) {
                a[i] = Math.exp(x[i] + t);
            }
        }
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, -0.9}, 0.8};
    }
}
