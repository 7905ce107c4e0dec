package conformance;

import io.github.sourcegrad.Differentiable;

/** Weights from the Gray code of the index (i ^ (i >> 1)), its bit count and a long mask, as quasi-random samplers do. */
class GrayCodeWeights {
    @Differentiable
    static double f(double[] x, long seed) {
        double s = 0;
        long state = seed;
        for (int i = 0; i < x.length; i++) {
            int gray = i ^ (i >> 1);
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            boolean odd = (Integer.bitCount(gray) & 1) == 1;
            boolean high = (state & 0xFFL) > 127L;
            double w = (odd ^ high) ? 1.5 : -0.5;
            s += w * x[i] * x[i] + (gray & 3) * x[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -1.2, 0.8, 0.5, -0.7, 1.1}, 88172645463325252L};
    }
}
