package conformance;

import io.github.sourcegrad.Differentiable;

/** continue in a do-while (jumps to the condition) and in a while. */
class ContinueInDoWhile {
    @Differentiable
    static double f(double x) {
        double s = 0;
        int i = 0;
        do {
            i++;
            if (i % 3 == 0) {
                continue;
            }
            s = s * x + i;
        } while (i < 8);
        int j = 0;
        while (j < 5) {
            j++;
            if (j == 2) {
                continue;
            }
            s += Math.sqrt(s * j);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {0.8};
    }
}
