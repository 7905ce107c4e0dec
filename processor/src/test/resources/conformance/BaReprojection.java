package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * ADBench's bundle-adjustment reprojection error for one observation: camera = rotation (angle-axis, 3), centre
 * (3), focal (1), principal point (2), radial distortion (2); Rodrigues rotation with the small-angle branch.
 */
class BaReprojection {
    @Differentiable(wrt = {"cam", "x", "w"})
    static double f(double[] cam, double[] x, double w, double[] feat) {
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            p[i] = x[i] - cam[3 + i];
        }
        double sqTheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
        double[] rot = new double[3];
        if (sqTheta != 0) {
            double theta = Math.sqrt(sqTheta);
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            double wx = cam[0] / theta;
            double wy = cam[1] / theta;
            double wz = cam[2] / theta;
            double dot = wx * p[0] + wy * p[1] + wz * p[2];
            double tmp = (1 - c) * dot;
            rot[0] = p[0] * c + (wy * p[2] - wz * p[1]) * s + wx * tmp;
            rot[1] = p[1] * c + (wz * p[0] - wx * p[2]) * s + wy * tmp;
            rot[2] = p[2] * c + (wx * p[1] - wy * p[0]) * s + wz * tmp;
        } else {
            rot[0] = p[0] + cam[1] * p[2] - cam[2] * p[1];
            rot[1] = p[1] + cam[2] * p[0] - cam[0] * p[2];
            rot[2] = p[2] + cam[0] * p[1] - cam[1] * p[0];
        }
        double px = rot[0] / rot[2];
        double py = rot[1] / rot[2];
        double rsq = px * px + py * py;
        double distortion = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
        double ex = w * (cam[6] * distortion * px + cam[7] - feat[0]);
        double ey = w * (cam[6] * distortion * py + cam[8] - feat[1]);
        double wErr = 1 - w * w;
        return ex * ex + ey * ey + wErr * wErr;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.1, -0.2, 0.15, 0.3, -0.1, -5.0, 1.2, 0.05, -0.03, 0.01, -0.002},
                new double[] {0.4, 0.6, 2.0}, 0.9, new double[] {0.2, 0.1}};
    }
}
