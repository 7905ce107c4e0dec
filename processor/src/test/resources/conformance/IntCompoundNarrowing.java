package conformance;

import io.github.sourcegrad.Differentiable;

/** Integer semantics: 1 / n, i / 2 * x, k *= 1.5 on an int (implicit narrowing), s += i / 2 with s double. */
class IntCompoundNarrowing {
    @Differentiable
    @SuppressWarnings("lossy-conversions") // JDK 21+ warns about the narrowing, which is the point
    static double f(double x, int n) {
        double a = 1 / n * x + 1.0 / n * x;
        int k = 3;
        k *= 1.5;
        int m = 7;
        m /= 2.0;
        double s = 0;
        for (int i = 0; i < 5; i++) {
            s += i / 2 * x;
        }
        int q = 10;
        q += x;
        return a + k * x + m * x * x + s + q;
    }

    static Object[] point() {
        return new Object[] {1.3, 3};
    }
}
