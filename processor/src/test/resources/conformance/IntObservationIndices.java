package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * Bundle-adjustment-like residuals whose observations name their camera and point through int[] indices (each
 * camera and point seen several times, so the adjoints of the gathered parameters add up).
 */
class IntObservationIndices {
    @Differentiable(wrt = {"cams", "pts"})
    static double f(double[][] cams, double[][] pts, int[] camIdx, int[] ptIdx, double[][] obs) {
        double err = 0;
        for (int k = 0; k < obs.length; k++) {
            double[] c = cams[camIdx[k]];
            int p = ptIdx[k];
            double x = c[0] * pts[p][0] - c[1] * pts[p][1] + c[2];
            double y = c[1] * pts[p][0] + c[0] * pts[p][1];
            double z = 1 + pts[p][2] * pts[p][2];
            double rx = x / z - obs[k][0];
            double ry = y / z - obs[k][1];
            err += rx * rx + ry * ry;
        }
        return err;
    }

    static Object[] point() {
        return new Object[] {
            new double[][] {{1.1, 0.2, -0.3}, {0.9, -0.4, 0.5}},
            new double[][] {{0.5, 1.0, 0.3}, {-0.7, 0.2, -0.6}, {1.4, -0.9, 0.8}},
            new int[] {0, 1, 0, 1, 1},
            new int[] {0, 0, 2, 1, 2},
            new double[][] {{0.4, 0.6}, {-0.2, 0.1}, {1.0, -0.5}, {-0.4, 0.3}, {0.8, 0.2}}};
    }
}
