package conformance;

import io.github.sourcegrad.Differentiable;

/** var and final locals, int and double, in a short computation. */
class VarFinalLocals {
    @Differentiable
    static double f(double x, double y) {
        final double scale = 2.5;
        var n = 4;
        var acc = 0.0;
        final int offset = n / 2;
        for (var i = 0; i < n; i++) {
            final var t = x * i + y;
            acc += scale * Math.sin(t) / (i + offset);
        }
        return acc;
    }

    static Object[] point() {
        return new Object[] {0.3, 0.9};
    }
}
