package io.github.sourcegrad.benchmarks;

/**
 * Reverse-mode gradients written by hand in the lecture's style: the forward pass of the primal, keeping the
 * intermediate values, then a backward pass that walks it right to left. This is the practical optimum the
 * generated code is measured against: no allocation, every forward value reused, no recomputation, the
 * simplifications a careful person makes ({@code 1/c^2 = d^2}, one reciprocal instead of several divisions).
 *
 * <p>Every method returns the value and writes the gradient, in the order of the generated {@code double[]}
 * form, into {@code grad}. The adjoint of {@code v} is {@code gv}.
 */
public final class ByHand {

    private ByHand() {
    }

    /** {@link Lecture#f}: {@code d = 1 / (y + e^-x)}. */
    public static double f(double x, double y, double[] grad) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        // dd/dc = -1/c^2 = -d^2
        double gc = -d * d;
        grad[0] = -b * gc;   // gb = gc, ga = b gb, gx = -ga
        grad[1] = gc;
        return d;
    }

    /** {@link Lecture#exercise}: {@code t = [max(3x, 0) - y]^2 + z}. */
    public static double exercise(double x, double y, double z, double[] grad) {
        double p = 3 * x;
        double q = Math.max(p, 0);
        double r = q - y;
        double t = r * r + z;
        double gr = 2 * r;
        grad[0] = p > 0 ? 3 * gr : 0;
        grad[1] = -gr;
        grad[2] = 1;
        return t;
    }

    /** {@link Lecture#mlpLoss}, with respect to {@code w1, b1, w2, b2}. */
    public static double mlpLoss(double x, double y, double w1, double b1, double w2, double b2, double[] grad) {
        double h1 = w1 * x + b1;
        double a1 = Math.max(h1, 0);
        double h2 = a1 * w2 + b2;
        double a2 = Math.max(h2, 0);
        double r = a2 - y;
        double loss = r * r;
        double gh2 = h2 > 0 ? 2 * r : 0;
        double gh1 = h1 > 0 ? w2 * gh2 : 0;
        grad[0] = x * gh1;
        grad[1] = gh1;
        grad[2] = a1 * gh2;
        grad[3] = gh2;
        return loss;
    }

    /** {@link Lecture#logPoly}: {@code z = log(3x^2 + 5xy)}. */
    public static double logPoly(double x, double y, double[] grad) {
        double e = 3 * x * x + 5 * x * y;
        double z = Math.log(e);
        double ge = 1 / e;
        grad[0] = (6 * x + 5 * y) * ge;
        grad[1] = 5 * x * ge;
        return z;
    }

    // Abramowitz and Stegun 7.1.26, as in BlackScholes
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;
    private static final double INV_SQRT2 = 0.7071067811865476;

    /**
     * {@link BlackScholes#price}, with respect to {@code s, k, t, r, sigma}. The two normal CDFs are inlined:
     * each keeps {@code u}, {@code e^(-a^2)} and the polynomial for its derivative.
     */
    public static double blackScholes(double s, double k, double t, double r, double sigma, double[] grad) {
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double drift = r + 0.5 * sigma * sigma;
        double d1 = (Math.log(s / k) + drift * t) / vol;
        double d2 = d1 - vol;
        double discount = Math.exp(-r * t);

        // N(d1) and its derivative
        double z1 = d1 * INV_SQRT2;
        double a1 = Math.abs(z1);
        double u1 = 1 / (1 + P * a1);
        double poly1 = u1 * (A1 + u1 * (A2 + u1 * (A3 + u1 * (A4 + u1 * A5))));
        double ex1 = Math.exp(-(a1 * a1));
        double n1 = 0.5 + 0.5 * Math.signum(z1) * (1 - poly1 * ex1);
        // d erf(a)/da = e^(-a^2) (P u^2 poly'(u) + 2 a poly(u)); dN/dd = erf'(|z|) / (2 sqrt 2)
        double dpoly1 = A1 + u1 * (2 * A2 + u1 * (3 * A3 + u1 * (4 * A4 + u1 * (5 * A5))));
        double density1 = 0.5 * INV_SQRT2 * ex1 * (P * u1 * u1 * dpoly1 + 2 * a1 * poly1);

        // N(d2) and its derivative
        double z2 = d2 * INV_SQRT2;
        double a2 = Math.abs(z2);
        double u2 = 1 / (1 + P * a2);
        double poly2 = u2 * (A1 + u2 * (A2 + u2 * (A3 + u2 * (A4 + u2 * A5))));
        double ex2 = Math.exp(-(a2 * a2));
        double n2 = 0.5 + 0.5 * Math.signum(z2) * (1 - poly2 * ex2);
        double dpoly2 = A1 + u2 * (2 * A2 + u2 * (3 * A3 + u2 * (4 * A4 + u2 * (5 * A5))));
        double density2 = 0.5 * INV_SQRT2 * ex2 * (P * u2 * u2 * dpoly2 + 2 * a2 * poly2);

        double kDiscount = k * discount;
        double call = s * n1 - kDiscount * n2;

        // backward
        double gd2 = -kDiscount * density2;
        double gd1 = s * density1 + gd2;
        double gVol = -gd2 - gd1 * d1 / vol;
        double gNum = gd1 / vol;
        double gDiscount = -k * n2;
        double gLog = gNum;                     // log(s/k) = log s - log k
        double gs = n1 + gLog / s;
        double gk = -discount * n2 - gLog / k;
        double gDrift = gNum * t;
        double gt = gNum * drift - r * discount * gDiscount + sigma * gVol * 0.5 / sqrtT;
        double gr = gDrift - t * discount * gDiscount;
        double gSigma = gDrift * sigma + gVol * sqrtT;
        grad[0] = gs;
        grad[1] = gk;
        grad[2] = gt;
        grad[3] = gr;
        grad[4] = gSigma;
        return call;
    }

    /**
     * {@link BranchyBlackScholes#price}: {@link #blackScholes} with each normal CDF's sign restored by a branch, as
     * the function does.
     */
    public static double branchyBlackScholes(double s, double k, double t, double r, double sigma, double[] grad) {
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double drift = r + 0.5 * sigma * sigma;
        double d1 = (Math.log(s / k) + drift * t) / vol;
        double d2 = d1 - vol;
        double discount = Math.exp(-r * t);

        double z1 = d1 * INV_SQRT2;
        double a1 = Math.abs(z1);
        double u1 = 1 / (1 + P * a1);
        double poly1 = u1 * (A1 + u1 * (A2 + u1 * (A3 + u1 * (A4 + u1 * A5))));
        double ex1 = Math.exp(-(a1 * a1));
        double erf1 = 1 - poly1 * ex1;
        double n1 = z1 < 0 ? 0.5 - 0.5 * erf1 : 0.5 + 0.5 * erf1;
        double dpoly1 = A1 + u1 * (2 * A2 + u1 * (3 * A3 + u1 * (4 * A4 + u1 * (5 * A5))));
        double density1 = 0.5 * INV_SQRT2 * ex1 * (P * u1 * u1 * dpoly1 + 2 * a1 * poly1);

        double z2 = d2 * INV_SQRT2;
        double a2 = Math.abs(z2);
        double u2 = 1 / (1 + P * a2);
        double poly2 = u2 * (A1 + u2 * (A2 + u2 * (A3 + u2 * (A4 + u2 * A5))));
        double ex2 = Math.exp(-(a2 * a2));
        double erf2 = 1 - poly2 * ex2;
        double n2 = z2 < 0 ? 0.5 - 0.5 * erf2 : 0.5 + 0.5 * erf2;
        double dpoly2 = A1 + u2 * (2 * A2 + u2 * (3 * A3 + u2 * (4 * A4 + u2 * (5 * A5))));
        double density2 = 0.5 * INV_SQRT2 * ex2 * (P * u2 * u2 * dpoly2 + 2 * a2 * poly2);

        double kDiscount = k * discount;
        double call = s * n1 - kDiscount * n2;

        double gd2 = -kDiscount * density2;
        double gd1 = s * density1 + gd2;
        double gVol = -gd2 - gd1 * d1 / vol;
        double gNum = gd1 / vol;
        double gDiscount = -k * n2;
        double gLog = gNum;
        double gs = n1 + gLog / s;
        double gk = -discount * n2 - gLog / k;
        double gDrift = gNum * t;
        double gt = gNum * drift - r * discount * gDiscount + sigma * gVol * 0.5 / sqrtT;
        double gr = gDrift - t * discount * gDiscount;
        double gSigma = gDrift * sigma + gVol * sqrtT;
        grad[0] = gs;
        grad[1] = gk;
        grad[2] = gt;
        grad[3] = gr;
        grad[4] = gSigma;
        return call;
    }

    /**
     * {@link LogisticLoss#loss}, with respect to {@code w}: one pass over the samples, each adding its
     * {@code softplus'(m) = sigmoid(m)} times {@code -y x} to the gradient.
     */
    public static double logisticLoss(double[] w, double[][] x, double[] y, double[] gradW) {
        java.util.Arrays.fill(gradW, 0);
        double total = 0;
        double scale = 1.0 / x.length;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double margin = 0;
            for (int j = 0; j < w.length; j++) {
                margin += w[j] * row[j];
            }
            double m = -y[i] * margin;
            double e = Math.exp(-Math.abs(m));
            total += Math.max(m, 0) + Math.log1p(e);
            double sigmoid = m > 0 ? 1 / (1 + e) : e / (1 + e);
            double g = -y[i] * sigmoid * scale;
            for (int j = 0; j < w.length; j++) {
                gradW[j] += g * row[j];
            }
        }
        return total * scale;
    }

    /** {@link BundleAdjustment#reprojectionError}, with respect to the 15 camera, point and weight inputs. */
    public static double reprojectionError(double r0, double r1, double r2, double c0, double c1, double c2,
            double f, double x0, double y0, double k1, double k2, double X0, double X1, double X2, double w,
            double u, double v, double[] grad) {
        // forward
        double p0 = X0 - c0;
        double p1 = X1 - c1;
        double p2 = X2 - c2;
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
        double dot = n0 * p0 + n1 * p1 + n2 * p2;
        double oneMinusCos = 1 - cosTheta;
        double along = dot * oneMinusCos;
        double q0 = p0 * cosTheta + cross0 * sinTheta + n0 * along;
        double q1 = p1 * cosTheta + cross1 * sinTheta + n1 * along;
        double q2 = p2 * cosTheta + cross2 * sinTheta + n2 * along;
        double invQ2 = 1 / q2;
        double s0 = q0 * invQ2;
        double s1 = q1 * invQ2;
        double rsq = s0 * s0 + s1 * s1;
        double scale = 1 + k1 * rsq + k2 * rsq * rsq;
        double m0 = s0 * scale;
        double m1 = s1 * scale;
        double res0 = f * m0 + x0 - u;
        double res1 = f * m1 + y0 - v;
        double e0 = w * res0;
        double e1 = w * res1;
        double value = e0 * e0 + e1 * e1;

        // backward
        double ge0 = 2 * e0;
        double ge1 = 2 * e1;
        double gw = ge0 * res0 + ge1 * res1;
        double gRes0 = w * ge0;                  // = g(proj0) = g(x0)
        double gRes1 = w * ge1;
        double gf = gRes0 * m0 + gRes1 * m1;
        double gm0 = f * gRes0;
        double gm1 = f * gRes1;
        double gScale = gm0 * s0 + gm1 * s1;
        double gk1 = gScale * rsq;
        double gk2 = gk1 * rsq;
        double gRsq2 = 2 * gScale * (k1 + 2 * k2 * rsq);   // 2 * g(rsq)
        double gs0 = gm0 * scale + s0 * gRsq2;
        double gs1 = gm1 * scale + s1 * gRsq2;
        double gq0 = gs0 * invQ2;
        double gq1 = gs1 * invQ2;
        double gq2 = -(gq0 * s0 + gq1 * s1);
        // q = p cos + cross sin + n along
        double gCos = gq0 * p0 + gq1 * p1 + gq2 * p2;
        double gSin = gq0 * cross0 + gq1 * cross1 + gq2 * cross2;
        double gAlong = gq0 * n0 + gq1 * n1 + gq2 * n2;
        double gCross0 = gq0 * sinTheta;
        double gCross1 = gq1 * sinTheta;
        double gCross2 = gq2 * sinTheta;
        // along = dot (1 - cos)
        double gDot = gAlong * oneMinusCos;
        gCos -= gAlong * dot;
        // dot = n . p, cross = n x p
        double gn0 = gq0 * along + gDot * p0 + p1 * gCross2 - p2 * gCross1;
        double gn1 = gq1 * along + gDot * p1 + p2 * gCross0 - p0 * gCross2;
        double gn2 = gq2 * along + gDot * p2 + p0 * gCross1 - p1 * gCross0;
        double gp0 = gq0 * cosTheta + gDot * n0 + gCross1 * n2 - gCross2 * n1;
        double gp1 = gq1 * cosTheta + gDot * n1 + gCross2 * n0 - gCross0 * n2;
        double gp2 = gq2 * cosTheta + gDot * n2 + gCross0 * n1 - gCross1 * n0;
        // n = r / theta; theta = |r|
        double gInvTheta = gn0 * r0 + gn1 * r1 + gn2 * r2;
        double gTheta = cosTheta * gSin - sinTheta * gCos - invTheta * invTheta * gInvTheta;
        double gThetaOverTheta = gTheta * invTheta;
        grad[0] = gn0 * invTheta + r0 * gThetaOverTheta;
        grad[1] = gn1 * invTheta + r1 * gThetaOverTheta;
        grad[2] = gn2 * invTheta + r2 * gThetaOverTheta;
        grad[3] = -gp0;
        grad[4] = -gp1;
        grad[5] = -gp2;
        grad[6] = gf;
        grad[7] = gRes0;
        grad[8] = gRes1;
        grad[9] = gk1;
        grad[10] = gk2;
        grad[11] = gp0;
        grad[12] = gp1;
        grad[13] = gp2;
        grad[14] = gw;
        return value;
    }
}
