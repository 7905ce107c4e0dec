package conformance;

import io.github.sourcegrad.Differentiable;

/** A pendulum integrated with velocity Verlet (leapfrog), loss on the final angle against a target. */
class LeapfrogPendulum {
    @Differentiable
    static double f(double theta0, double omega0, double length) {
        double g = 9.81;
        double dt = 0.01;
        double theta = theta0;
        double omega = omega0;
        double acc = -g / length * Math.sin(theta);
        for (int i = 0; i < 100; i++) {
            omega += 0.5 * dt * acc;
            theta += dt * omega;
            acc = -g / length * Math.sin(theta);
            omega += 0.5 * dt * acc;
        }
        double miss = theta - 0.3;
        return miss * miss + 0.01 * omega * omega;
    }

    static Object[] point() {
        return new Object[] {0.9, -0.2, 1.3};
    }
}
