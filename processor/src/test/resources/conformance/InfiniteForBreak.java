package conformance;

import io.github.sourcegrad.Differentiable;

/** for (;;) with a break once a fixed point iteration converges: x = cos(a x). */
class InfiniteForBreak {
    @Differentiable
    static double f(double a) {
        double x = 0.5;
        int guard = 0;
        for (;;) {
            double next = Math.cos(a * x);
            guard++;
            if (Math.abs(next - x) < 1e-14 || guard > 500) {
                x = next;
                break;
            }
            x = next;
        }
        return x;
    }

    static Object[] point() {
        return new Object[] {0.8};
    }
}
