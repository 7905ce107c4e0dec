package conformance;

import io.github.sourcegrad.Differentiable;

/** An SIR epidemic by Euler steps with daily incidence compared to counts (squared error on the log scale). */
class SirEpidemic {
    static final double[] CASES = {3, 6, 11, 19, 28, 35, 37, 33};

    @Differentiable
    static double f(double beta, double gamma, double i0) {
        double n = 1000;
        double s = n - i0;
        double inf = i0;
        double dt = 0.25;
        double err = 0;
        for (int day = 0; day < CASES.length; day++) {
            double newCases = 0;
            for (int sub = 0; sub < 4; sub++) {
                double flow = beta * s * inf / n * dt;
                double recover = gamma * inf * dt;
                s -= flow;
                inf += flow - recover;
                newCases += flow;
            }
            double d = Math.log(newCases + 1) - Math.log(CASES[day] + 1);
            err += d * d;
        }
        return err;
    }

    static Object[] point() {
        return new Object[] {0.6, 0.2, 2.0};
    }
}
