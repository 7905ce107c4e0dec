package conformance;

import io.github.sourcegrad.Differentiable;

/** Bundle adjustment over several observations, the camera and point index of each stored as doubles. */
class BaManyObservations {
    static final double[][] OBS = {{0, 0, 0.21, 0.12}, {0, 1, -0.05, 0.3}, {1, 0, 0.18, 0.02}, {1, 2, 0.4, -0.2},
            {0, 2, 0.33, -0.1}};

    @Differentiable
    static double f(double[][] cams, double[][] pts) {
        double total = 0;
        for (double[] o : OBS) {
            int c = (int) o[0];
            int p = (int) o[1];
            double[] cam = cams[c];
            double[] x = pts[p];
            double px = x[0] - cam[3];
            double py = x[1] - cam[4];
            double pz = x[2] - cam[5];
            double th = Math.sqrt(cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2]);
            double k0 = cam[0] / th;
            double k1 = cam[1] / th;
            double k2 = cam[2] / th;
            double cs = Math.cos(th);
            double sn = Math.sin(th);
            double dot = (k0 * px + k1 * py + k2 * pz) * (1 - cs);
            double rx = px * cs + (k1 * pz - k2 * py) * sn + k0 * dot;
            double ry = py * cs + (k2 * px - k0 * pz) * sn + k1 * dot;
            double rz = pz * cs + (k0 * py - k1 * px) * sn + k2 * dot;
            double u = rx / rz;
            double v = ry / rz;
            double r2 = u * u + v * v;
            double dist = 1 + cam[7] * r2 + cam[8] * r2 * r2;
            double eu = cam[6] * dist * u - o[2];
            double ev = cam[6] * dist * v - o[3];
            total += eu * eu + ev * ev;
        }
        return total;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, -0.2, 0.15, 0.3, -0.1, -5, 1.2, 0.01, -0.002},
                {-0.05, 0.1, 0.2, -0.4, 0.2, -6, 1.1, 0.02, 0.001}},
                new double[][] {{0.4, 0.6, 2.0}, {-0.3, 0.9, 1.5}, {0.8, -0.5, 1.0}}};
    }
}
