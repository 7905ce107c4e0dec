package conformance;

import io.github.sourcegrad.Differentiable;

/** An in-place radix-2 FFT on local re/im arrays with bit-reversal by shifts and masks, then the power spectrum. */
class FftBitReversal {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[i];
        }
        int bits = 0;
        while ((1 << bits) < n) {
            bits++;
        }
        for (int i = 0; i < n; i++) {
            int rev = 0;
            for (int b = 0; b < bits; b++) {
                rev |= ((i >> b) & 1) << (bits - 1 - b);
            }
            if (rev > i) {
                double t = re[i];
                re[i] = re[rev];
                re[rev] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int u = i + k;
                    int v = i + k + len / 2;
                    double tr = re[v] * wr - im[v] * wi;
                    double ti = re[v] * wi + im[v] * wr;
                    re[v] = re[u] - tr;
                    im[v] = im[u] - ti;
                    re[u] += tr;
                    im[u] += ti;
                }
            }
        }
        double p = 0;
        for (int k = 0; k < n; k++) {
            p += (re[k] * re[k] + im[k] * im[k]) * (k + 1);
        }
        return p;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, -0.9, 0.2, 0.7, -0.4, 1.1, 0.3}};
    }
}
