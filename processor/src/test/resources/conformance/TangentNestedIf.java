package conformance;

import io.github.sourcegrad.Differentiable;

/** Tangent's control-flow tests: an if inside a loop inside an if, with an else-if chain. */
class TangentNestedIf {
    @Differentiable
    static double f(double x, double y) {
        double z = 0;
        if (x > 0) {
            for (int i = 0; i < 4; i++) {
                if (i == 0) {
                    z += x;
                } else if (i % 2 == 1) {
                    z *= y;
                } else {
                    z = Math.sin(z) + x;
                }
            }
        } else {
            z = y * y;
        }
        return z;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.3};
    }
}
