package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: it is not @Differentiable; annotate PlainPrivateHelper.square
/** A plain private static helper without the annotation, called with a differentiated value. */
class PlainPrivateHelper {
    private static double square(double v) {
        return v * v;
    }

    @Differentiable
    static double f(double x, double y) {
        return square(x) + 3 * square(x - y);
    }

    static Object[] point() {
        return new Object[] {0.4, -1.1};
    }
}
