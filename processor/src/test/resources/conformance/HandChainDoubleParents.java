package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * ADBench hand-style kinematics in 3-D: each bone's rotation from Euler angles (x then z), composed with its
 * parent's 3x3 rotation in a local matrix per bone, parents stored as doubles and cast to int.
 */
class HandChainDoubleParents {
    static final double[] PARENT = {-1, 0, 1, 2, 1};
    static final double[][] OFFSET = {{0, 0, 0}, {0, 1, 0}, {0, 0.6, 0.1}, {0, 0.4, 0}, {0.3, 0.5, 0}};
    static final double[][] TARGET = {{0, 0, 0}, {0.1, 0.95, 0.2}, {0.3, 1.5, 0.2}, {0.4, 1.8, 0.3}, {0.4, 1.3, -0.1}};

    @Differentiable
    static double f(double[][] theta) {
        int n = PARENT.length;
        double[][] rot = new double[n][9];
        double[][] pos = new double[n][3];
        double err = 0;
        for (int b = 0; b < n; b++) {
            double cx = Math.cos(theta[b][0]);
            double sx = Math.sin(theta[b][0]);
            double cz = Math.cos(theta[b][1]);
            double sz = Math.sin(theta[b][1]);
            double[] local = {cz, -sz * cx, sz * sx, sz, cz * cx, -cz * sx, 0, sx, cx};
            int p = (int) PARENT[b];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    if (p < 0) {
                        v = local[3 * r + c];
                    } else {
                        for (int k = 0; k < 3; k++) {
                            v += rot[p][3 * r + k] * local[3 * k + c];
                        }
                    }
                    rot[b][3 * r + c] = v;
                }
            }
            for (int r = 0; r < 3; r++) {
                double base = p < 0 ? 0 : pos[p][r];
                double moved = 0;
                for (int k = 0; k < 3; k++) {
                    moved += (p < 0 ? (r == k ? 1 : 0) : rot[p][3 * r + k]) * OFFSET[b][k];
                }
                pos[b][r] = base + moved;
                double d = pos[b][r] - TARGET[b][r];
                err += d * d;
            }
        }
        return err;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, 0.05}, {0.2, -0.1}, {0.15, 0.3}, {-0.1, 0.2}, {0.3, -0.25}}};
    }
}
