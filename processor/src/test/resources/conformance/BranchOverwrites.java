package conformance;

import io.github.sourcegrad.Differentiable;

/** A branch that overwrites the variables it reads, several times, inside a loop and at the top level. */
class BranchOverwrites {
    @Differentiable
    static double f(double x, double y) {
        if (x > 0) {
            x = x * x;
            y = x + y;
            x = Math.sin(x * y);
        } else {
            y = y * y;
        }
        for (int i = 0; i < 3; i++) {
            if (x < y) {
                x = x + y * 0.5;
                y = y * x;
            } else {
                y = y + x;
                x = x * 0.5;
            }
        }
        return x + y;
    }

    static Object[] point() {
        return new Object[] {0.6, 0.4};
    }
}
