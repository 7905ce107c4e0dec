package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * The bundle-adjustment objective of Microsoft's ADBench for one observation: the squared norm of the
 * weighted reprojection error of a 3-D point seen by a camera with radial distortion.
 */
public final class BundleAdjustment {

    private BundleAdjustment() {
    }

    /**
     * The squared weighted reprojection error of point {@code (X0, X1, X2)} observed at {@code (u, v)}.
     *
     * <p>Camera: rotation {@code (r0, r1, r2)} as a Rodrigues vector (axis times angle), center
     * {@code (c0, c1, c2)}, focal length {@code f}, principal point {@code (x0, y0)}, radial distortion
     * {@code k1, k2}; {@code w} weighs the observation. As in ADBench: {@code Xcam = R (X - C)},
     * {@code p = Xcam[0..1] / Xcam[2]}, {@code p *= 1 + k1 |p|^2 + k2 |p|^4}, {@code proj = f p + (x0, y0)},
     * {@code e = w (proj - (u, v))}. The rotation takes ADBench's {@code theta > 0} path (Rodrigues' formula
     * with {@code cos} and {@code sin}); the small-angle branch needs control flow. The 15 camera, point and
     * weight inputs are differentiated; the observation {@code (u, v)} is data.
     */
    @Differentiable(wrt = {"r0", "r1", "r2", "c0", "c1", "c2", "f", "x0", "y0", "k1", "k2", "X0", "X1", "X2", "w"})
    public static double reprojectionError(double r0, double r1, double r2, double c0, double c1, double c2,
            double f, double x0, double y0, double k1, double k2, double X0, double X1, double X2, double w,
            double u, double v) {
        // the point relative to the camera center
        double p0 = X0 - c0;
        double p1 = X1 - c1;
        double p2 = X2 - c2;
        // Rodrigues: rotate p about the unit axis n = r / theta by theta = |r|
        double theta = Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2);
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        double invTheta = 1 / theta;
        double n0 = r0 * invTheta;
        double n1 = r1 * invTheta;
        double n2 = r2 * invTheta;
        double cross0 = n1 * p2 - n2 * p1;
        double cross1 = n2 * p0 - n0 * p2;
        double cross2 = n0 * p1 - n1 * p0;
        double along = (n0 * p0 + n1 * p1 + n2 * p2) * (1 - cosTheta);
        double q0 = p0 * cosTheta + cross0 * sinTheta + n0 * along;
        double q1 = p1 * cosTheta + cross1 * sinTheta + n1 * along;
        double q2 = p2 * cosTheta + cross2 * sinTheta + n2 * along;
        // perspective division
        double s0 = q0 / q2;
        double s1 = q1 / q2;
        // radial distortion
        double rsq = s0 * s0 + s1 * s1;
        double scale = 1 + k1 * rsq + k2 * rsq * rsq;
        double m0 = s0 * scale;
        double m1 = s1 * scale;
        // projection to pixels and weighted residual
        double e0 = w * (f * m0 + x0 - u);
        double e1 = w * (f * m1 + y0 - v);
        return e0 * e0 + e1 * e1;
    }
}
