package conformance;

import io.github.sourcegrad.Differentiable;

/** Literal spellings: hex floats, underscores, d and L suffixes, exponents, unary plus and double negation. */
class LiteralForms {
    @Differentiable
    static double f(double x) {
        double a = 0x1p-3 * x + 1_000.0e-3 * x * x;
        double b = 2d * x - 10L * x / 1e1;
        long big = 1_000_000L;
        double c = +x - (-x) + big * 1e-6 * x;
        x = -x;
        return a + b + c + x * .5;
    }

    static Object[] point() {
        return new Object[] {0.7};
    }
}
