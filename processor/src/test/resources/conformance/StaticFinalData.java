package conformance;

import io.github.sourcegrad.Differentiable;

/** Data in a static final double[][] of the class, a least-squares fit. */
class StaticFinalData {
    static final double[][] DATA = {{0, 1}, {1, 2.9}, {2, 5.2}, {3, 7.1}};

    @Differentiable
    static double f(double a, double b) {
        double s = 0;
        for (int i = 0; i < DATA.length; i++) {
            double r = a * DATA[i][0] + b - DATA[i][1];
            s += r * r;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {1.8, 0.9};
    }
}
