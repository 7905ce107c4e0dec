package conformance;

import io.github.sourcegrad.Differentiable;

/** Summing loops in several spellings: s -= t, s = t + s, a while loop, a sum into an element, a sum until a bound. */
class SumFastPathVariants {
    @Differentiable
    static double f(double[] x, double w) {
        double a = 0;
        for (int i = 0; i < x.length; i++) {
            a -= w * x[i] * x[i];
        }
        double b = 0;
        for (int i = 0; i < x.length; i++) {
            b = Math.cos(x[i] * w) + b;
        }
        double c = 0;
        int k = 0;
        while (k < x.length) {
            c += x[k] / w;
            k++;
        }
        double[] acc = new double[1];
        for (int i = 0; i < x.length; i++) {
            acc[0] += x[i] * a;
        }
        double d = 0;
        int n = 0;
        while (d < 3) {
            d += w * w + 0.1;
            n++;
        }
        return a * b + c + acc[0] + d * n;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.3, 0.7}, 0.9};
    }
}
