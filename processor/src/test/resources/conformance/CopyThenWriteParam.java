package conformance;

import io.github.sourcegrad.ArrayMath;
import io.github.sourcegrad.Differentiable;

/** The documented fix for writing into a parameter: x = ArrayMath.copy(x) first, then in-place updates. */
class CopyThenWriteParam {
    @Differentiable
    static double f(double[] x, double[][] m) {
        x = ArrayMath.copy(x);
        m = ArrayMath.copy(m);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.tanh(x[i] * m[i][i]);
            m[i][0] += x[i];
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * m[i][0];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9}, new double[][] {{0.1, 0.4, -0.3}, {0.7, 0.2, 0.5},
                {0.3, -0.6, 1.1}}};
    }
}
