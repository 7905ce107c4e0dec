package conformance;

import io.github.sourcegrad.Differentiable;

/** The p-norm with p differentiated, and the infinity norm by a running max. */
class PNorm {
    @Differentiable
    static double f(double[] v, double p) {
        double s = 0;
        double inf = 0;
        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]);
            s += Math.pow(a, p);
            if (a > inf) {
                inf = a;
            }
        }
        return Math.pow(s, 1 / p) + inf;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.6, -1.4, 0.9, 2.2}, 3.0};
    }
}
