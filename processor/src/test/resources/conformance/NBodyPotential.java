package conformance;

import io.github.sourcegrad.Differentiable;

/** Gravitational potential and kinetic energy of n bodies, positions and velocities as rows of 2-D arrays. */
class NBodyPotential {
    @Differentiable(wrt = {"pos", "vel"})
    static double f(double[][] pos, double[][] vel, double[] mass) {
        int n = pos.length;
        double kinetic = 0;
        for (int i = 0; i < n; i++) {
            double v2 = 0;
            for (int d = 0; d < 3; d++) {
                v2 += vel[i][d] * vel[i][d];
            }
            kinetic += 0.5 * mass[i] * v2;
        }
        double potential = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r2 = 0;
                for (int d = 0; d < 3; d++) {
                    double diff = pos[i][d] - pos[j][d];
                    r2 += diff * diff;
                }
                potential -= mass[i] * mass[j] / Math.sqrt(r2);
            }
        }
        return kinetic + potential;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0, 0, 0}, {1, 0.2, -0.1}, {-0.4, 1.1, 0.3}},
                new double[][] {{0.1, 0, 0}, {0, 0.5, 0.1}, {-0.2, 0, 0.3}}, new double[] {1.0, 0.01, 0.02}};
    }
}
