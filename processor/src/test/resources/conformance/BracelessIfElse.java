package conformance;

import io.github.sourcegrad.Differentiable;

/** if/else chains and loops without braces, one statement each. */
class BracelessIfElse {
    @Differentiable
    static double f(double x, double y) {
        double r = 0;
        for (int i = 0; i < 4; i++)
            if (i == 0) r += x;
            else if (i == 1) r *= y;
            else r += Math.sqrt(r * r + y * y);
        if (r > 10) return r / 10;
        else return r;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.3};
    }
}
