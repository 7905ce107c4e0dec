package golden;

import io.github.sourcegrad.Differentiable;

/** Side effects inside expressions and returns inside loops, lowered to the core before differentiation. */
class Lowering {
    /** A condition that counts down: n-- runs on every test, the last one too. */
    @Differentiable(wrt = "x")
    static double power(double x, int n) {
        double p = 1;
        while (n-- > 0) {
            p *= x;
        }
        return p;
    }

    /** A search loop: the first element above t decides the result. */
    @Differentiable(wrt = "x")
    static double firstAbove(double[] x, double t) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] > t) {
                return Math.sqrt(x[i] - t);
            }
        }
        return 0;
    }
}
