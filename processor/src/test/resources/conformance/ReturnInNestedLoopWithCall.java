package conformance;

import io.github.sourcegrad.Differentiable;

/** An early return from an inner loop, a helper call in the loop, and a loop after the search. */
class ReturnInNestedLoopWithCall {
    @Differentiable
    static double bump(double v) {
        return v * v + Math.sin(v);
    }

    @Differentiable
    static double f(double[] x, double limit) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i; j < x.length; j++) {
                s += bump(x[i] * x[j]);
                if (s > limit) {
                    return s * limit;
                }
            }
        }
        double t = 0;
        for (double v : x) {
            t += v;
        }
        return s + t;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9, 0.7}, 1.2};
    }
}
