package conformance;

import io.github.sourcegrad.Differentiable;

/** A biquad IIR filter in direct form II transposed with two state variables, output written into a local array. */
class BiquadIir {
    @Differentiable
    static double f(double[] coef, double[] x) {
        double b0 = coef[0];
        double b1 = coef[1];
        double b2 = coef[2];
        double a1 = coef[3];
        double a2 = coef[4];
        double z1 = 0;
        double z2 = 0;
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double out = b0 * x[n] + z1;
            z1 = b1 * x[n] - a1 * out + z2;
            z2 = b2 * x[n] - a2 * out;
            y[n] = out;
        }
        double s = 0;
        for (int n = 0; n < y.length; n++) {
            s += y[n] * y[n] * (n + 1);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.2, 0.4, 0.2, -0.5, 0.2}, new double[] {1, 0, -0.5, 0.3, 0.8, -0.2}};
    }
}
