package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * A small version of ADBench's hand-tracking objective: a chain of bones, each rotated by an angle about z from
 * its parent (a kinematic chain of 2-D rotations composed as 3x3 matrices), vertices skinned by weights, and the
 * squared distance to target points.
 */
class HandSkinning {
    static final double[][] REST = {{1.0, 0.0}, {0.8, 0.1}, {0.6, -0.05}};
    static final double[][] WEIGHTS = {{1.0, 0.0, 0.0}, {0.3, 0.7, 0.0}, {0.0, 0.4, 0.6}, {0.0, 0.0, 1.0}};
    static final double[][] VERTS = {{0.5, 0.1}, {1.2, 0.0}, {2.0, 0.2}, {2.6, -0.1}};

    @Differentiable(wrt = "theta")
    static double f(double[] theta, double[][] target) {
        int bones = theta.length;
        double[][] world = new double[bones][6];
        double angle = 0;
        double ox = 0;
        double oy = 0;
        for (int b = 0; b < bones; b++) {
            angle += theta[b];
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            world[b][0] = c;
            world[b][1] = -s;
            world[b][2] = ox;
            world[b][3] = s;
            world[b][4] = c;
            world[b][5] = oy;
            ox += c * REST[b][0] - s * REST[b][1];
            oy += s * REST[b][0] + c * REST[b][1];
        }
        double err = 0;
        for (int v = 0; v < VERTS.length; v++) {
            double px = 0;
            double py = 0;
            for (int b = 0; b < bones; b++) {
                double wgt = WEIGHTS[v][b];
                if (wgt == 0) {
                    continue;
                }
                double lx = VERTS[v][0] - b * 0.8;
                double ly = VERTS[v][1];
                px += wgt * (world[b][0] * lx + world[b][1] * ly + world[b][2]);
                py += wgt * (world[b][3] * lx + world[b][4] * ly + world[b][5]);
            }
            double dx = px - target[v][0];
            double dy = py - target[v][1];
            err += dx * dx + dy * dy;
        }
        return err;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.1, 0.2, -0.15},
                new double[][] {{0.5, 0.2}, {1.1, 0.3}, {1.9, 0.5}, {2.4, 0.6}}};
    }
}
