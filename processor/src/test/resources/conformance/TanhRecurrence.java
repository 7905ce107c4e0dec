package conformance;

import io.github.sourcegrad.Differentiable;

/** H = tanh(w h + b) over steps. */
class TanhRecurrence {
    @Differentiable
    static double f(double w, double b, double h0, int steps) {
        double h = h0;
        for (int i = 0; i < steps; i++) {
            h = Math.tanh(w * h + b);
        }
        return h;
    }

    static Object[] point() {
        return new Object[] {0.9, -0.2, 0.4, 12};
    }
}
