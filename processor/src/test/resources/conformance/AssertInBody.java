package conformance;

import io.github.sourcegrad.Differentiable;

/** An assert statement among the computation. */
class AssertInBody {
    @Differentiable
    static double f(double x) {
        double y = x * x;
        assert y >= 0 : "a square is not negative";
        return Math.sqrt(y + 1);
    }

    static Object[] point() {
        return new Object[] {0.6};
    }
}
