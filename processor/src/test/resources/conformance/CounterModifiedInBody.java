package conformance;

import io.github.sourcegrad.Differentiable;

/** A for counter also advanced inside the body (skip the next element after a negative one). */
class CounterModifiedInBody {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s = s * x[i] + 1;
            if (x[i] < 0) {
                i++;
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0, 0.7, -0.3, 1.1, 0.9}};
    }
}
