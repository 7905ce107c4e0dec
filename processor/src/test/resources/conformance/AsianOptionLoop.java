package conformance;

import io.github.sourcegrad.Differentiable;

/** An arithmetic Asian call over fixed normal draws: a geometric Brownian path by a loop, then the average. */
class AsianOptionLoop {
    static final double[][] Z = {{0.3, -1.1, 0.7, 0.2, -0.4}, {1.2, 0.5, -0.3, 0.9, 1.4}, {-0.6, 0.1, 0.8, 1.5, 0.4}};

    @Differentiable
    static double f(double s0, double strike, double r, double sigma) {
        int steps = Z[0].length;
        double dt = 1.0 / steps;
        double drift = (r - 0.5 * sigma * sigma) * dt;
        double diffusion = sigma * Math.sqrt(dt);
        double payoff = 0;
        for (double[] path : Z) {
            double s = s0;
            double avg = 0;
            for (int k = 0; k < steps; k++) {
                s *= Math.exp(drift + diffusion * path[k]);
                avg += s;
            }
            avg /= steps;
            payoff += Math.max(avg - strike, 0);
        }
        return Math.exp(-r) * payoff / Z.length;
    }

    static Object[] point() {
        return new Object[] {100.0, 98.0, 0.02, 0.3};
    }
}
