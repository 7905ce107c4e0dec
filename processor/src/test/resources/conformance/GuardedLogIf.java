package conformance;

import io.github.sourcegrad.Differentiable;

/** An if that avoids a log of a negative, in a loop over mixed-sign data, summed. */
class GuardedLogIf {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double v;
            if (x[i] > 0) {
                v = Math.log(x[i]);
            } else {
                v = x[i] * x[i];
            }
            s += v;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0, -0.7}};
    }
}
