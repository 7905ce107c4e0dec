package conformance;

import io.github.sourcegrad.Differentiable;

/** erf by its Maclaurin series, summed until the term is negligible (CppAD's special-function examples). */
class ErfSeries {
    @Differentiable
    static double f(double x) {
        double term = x;
        double sum = x;
        int n = 0;
        while (Math.abs(term) > 1e-17 * Math.abs(sum)) {
            n++;
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static Object[] point() {
        return new Object[] {0.73};
    }
}
