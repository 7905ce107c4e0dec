package conformance;

import io.github.sourcegrad.Differentiable;

/** Energy of a chain of springs between 2-D points plus gravity, positions packed as x0, y0, x1, y1, .... */
class SpringChainEnergy {
    static final double REST_LENGTH = 1.0;
    static final double STIFFNESS = 40.0;

    @Differentiable
    static double f(double[] pos, double mass) {
        int n = pos.length / 2;
        double e = 0;
        for (int i = 0; i + 1 < n; i++) {
            double dx = pos[2 * i + 2] - pos[2 * i];
            double dy = pos[2 * i + 3] - pos[2 * i + 1];
            double len = Math.sqrt(dx * dx + dy * dy);
            double stretch = len - REST_LENGTH;
            e += 0.5 * STIFFNESS * stretch * stretch;
        }
        for (int i = 0; i < n; i++) {
            e += mass * 9.81 * pos[2 * i + 1];
        }
        return e;
    }

    static Object[] point() {
        return new Object[] {new double[] {0, 0, 1.1, -0.2, 2.0, -0.5, 2.9, -0.3}, 0.5};
    }
}
