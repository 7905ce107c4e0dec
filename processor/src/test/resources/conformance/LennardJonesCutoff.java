package conformance;

import io.github.sourcegrad.Differentiable;

/** Lennard-Jones energy with a cutoff: pairs beyond it are skipped by continue. */
class LennardJonesCutoff {
    @Differentiable(wrt = "x")
    static double f(double[][] x, double sigma, double epsilon) {
        final double cutoff2 = 2.5 * 2.5 * sigma * sigma;
        double energy = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < i; j++) {
                double dx = x[i][0] - x[j][0];
                double dy = x[i][1] - x[j][1];
                double r2 = dx * dx + dy * dy;
                if (r2 > cutoff2) {
                    continue;
                }
                double sr2 = sigma * sigma / r2;
                double sr6 = sr2 * sr2 * sr2;
                energy += 4 * epsilon * (sr6 * sr6 - sr6);
            }
        }
        return energy;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0, 0}, {1.1, 0.1}, {0.5, 1.0}, {4.0, 4.0}, {1.6, 0.9}}, 1.0, 0.8};
    }
}
