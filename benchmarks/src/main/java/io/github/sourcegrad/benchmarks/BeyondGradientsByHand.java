package io.github.sourcegrad.benchmarks;

/**
 * Directional derivatives, Jacobians, Hessians and Hessian-vector products written by hand (issue 14), the
 * practical optimum the generated {@code jvp<name>}, {@code jacobian<name>}, {@code hessian<name>} and
 * {@code hvp<name>} are measured against, like {@link ByHand} for gradients: no allocation, every value computed
 * once. The tangent of {@code v} is {@code tv} (forward mode, the lecture's "forward" slides).
 */
public final class BeyondGradientsByHand {

    /* BlackScholes' constants: Abramowitz and Stegun 7.1.26 */
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;
    private static final double INV_SQRT2 = 0.7071067811865476;

    private BeyondGradientsByHand() {
    }

    /**
     * {@link BlackScholes#price} and its derivative along {@code (ts, tk, tt, tr, tsigma)}, written into
     * {@code tangent[0]}: forward mode by hand, each line of the primal followed by its tangent.
     */
    public static double blackScholesTangent(double s, double k, double t, double r, double sigma, double ts,
            double tk, double tt, double tr, double tsigma, double[] tangent) {
        double sqrtT = Math.sqrt(t);
        double tSqrtT = tt * 0.5 / sqrtT;
        double vol = sigma * sqrtT;
        double tVol = tsigma * sqrtT + sigma * tSqrtT;
        double drift = r + 0.5 * sigma * sigma;
        double tDrift = tr + sigma * tsigma;
        double numerator = Math.log(s / k) + drift * t;
        double tNumerator = ts / s - tk / k + tDrift * t + drift * tt;
        double d1 = numerator / vol;
        double td1 = (tNumerator - d1 * tVol) / vol;
        double d2 = d1 - vol;
        double td2 = td1 - tVol;
        double discount = Math.exp(-r * t);
        double tDiscount = -discount * (tr * t + r * tt);

        // normCdf(d1) and its tangent
        double z1 = d1 * INV_SQRT2;
        double a1 = Math.abs(z1);
        double u1 = 1 / (1 + P * a1);
        double poly1 = u1 * (A1 + u1 * (A2 + u1 * (A3 + u1 * (A4 + u1 * A5))));
        double polyPrime1 = A1 + u1 * (2 * A2 + u1 * (3 * A3 + u1 * (4 * A4 + u1 * 5 * A5)));
        double gauss1 = Math.exp(-(a1 * a1));
        double cdf1 = 0.5 + 0.5 * Math.signum(z1) * (1 - poly1 * gauss1);
        // d erfAbs / da = -(poly' u' g + poly g'), u' = -P u^2, g' = -2 a g; |z|' sign(z) = 1
        double density1 = 0.5 * INV_SQRT2 * gauss1 * (polyPrime1 * P * u1 * u1 + 2 * a1 * poly1);
        double tCdf1 = density1 * td1;

        // normCdf(d2) and its tangent
        double z2 = d2 * INV_SQRT2;
        double a2 = Math.abs(z2);
        double u2 = 1 / (1 + P * a2);
        double poly2 = u2 * (A1 + u2 * (A2 + u2 * (A3 + u2 * (A4 + u2 * A5))));
        double polyPrime2 = A1 + u2 * (2 * A2 + u2 * (3 * A3 + u2 * (4 * A4 + u2 * 5 * A5)));
        double gauss2 = Math.exp(-(a2 * a2));
        double cdf2 = 0.5 + 0.5 * Math.signum(z2) * (1 - poly2 * gauss2);
        double density2 = 0.5 * INV_SQRT2 * gauss2 * (polyPrime2 * P * u2 * u2 + 2 * a2 * poly2);
        double tCdf2 = density2 * td2;

        double strikeValue = k * discount;
        double tStrikeValue = tk * discount + k * tDiscount;
        tangent[0] = ts * cdf1 + s * tCdf1 - tStrikeValue * cdf2 - strikeValue * tCdf2;
        return s * cdf1 - strikeValue * cdf2;
    }

    /**
     * {@link BlackScholes#price} and its 5 x 5 Hessian in {@code (s, k, t, r, sigma)}, by the chain rule written out:
     * with {@code d1 = n / vol}, {@code d2 = d1 - vol} and the strike's present value {@code w = k e^(-rt)}, the price
     * is {@code s Phi(d1) - w Phi(d2)}, so its Hessian is
     * {@code s Phi''(d1) g1 g1^T + s Phi'(d1) H1 + (e_s g1^T + g1 e_s^T) Phi'(d1)} minus
     * {@code w Phi''(d2) g2 g2^T + w Phi'(d2) H2 + (gw g2^T + g2 gw^T) Phi'(d2) + Phi(d2) Hw}, where {@code g1, H1} are
     * the gradient and Hessian of {@code d1} (from {@code d1 vol = n}), {@code H2 = H1 - Hvol}, and {@code Phi} is
     * the Abramowitz-Stegun CDF of {@link BlackScholes#normCdf} with its own first and second derivatives. The five
     * gradients go into the caller's {@code work} (5 rows of 5), so that nothing is allocated.
     */
    public static double blackScholesHessian(double s, double k, double t, double r, double sigma, double[][] hessian,
            double[][] work) {
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double drift = r + 0.5 * sigma * sigma;
        double d1 = (Math.log(s / k) + drift * t) / vol;
        double d2 = d1 - vol;
        double discount = Math.exp(-r * t);
        double w = k * discount;
        double[] phi1 = new double[3];
        double[] phi2 = new double[3];
        normCdfAndDerivatives(d1, phi1);
        normCdfAndDerivatives(d2, phi2);

        // gradients in (s, k, t, r, sigma): of the numerator n, of vol, of d1 = (gn - d1 gvol) / vol, of d2, of w
        double[] gn = fill(work[0], 1 / s, -1 / k, drift, t, sigma * t);
        double[] gVol = fill(work[1], 0, 0, 0.5 * sigma / sqrtT, 0, sqrtT);
        double[] g1 = work[2];
        double[] g2 = work[3];
        for (int i = 0; i < 5; i++) {
            g1[i] = (gn[i] - d1 * gVol[i]) / vol;
            g2[i] = g1[i] - gVol[i];
        }
        double[] gw = fill(work[4], 0, discount, -r * w, -t * w, 0);

        // Hn - d1 Hvol, its non-zero entries: H1 = (Hn - d1 Hvol - g1 gvol^T - gvol g1^T) / vol
        for (double[] row : hessian) {
            java.util.Arrays.fill(row, 0);
        }
        double volTT = -0.25 * sigma / (t * sqrtT);
        double volTSigma = 0.5 / sqrtT;
        hessian[0][0] = -1 / (s * s);
        hessian[1][1] = 1 / (k * k);
        hessian[2][2] = -d1 * volTT;
        hessian[2][3] = 1;
        hessian[3][2] = 1;
        hessian[2][4] = sigma - d1 * volTSigma;
        hessian[4][2] = sigma - d1 * volTSigma;
        hessian[4][4] = t;
        double first = s * phi1[1] - w * phi2[1];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double h1 = (hessian[i][j] - g1[i] * gVol[j] - gVol[i] * g1[j]) / vol;
                hessian[i][j] = first * h1 + s * phi1[2] * g1[i] * g1[j] - w * phi2[2] * g2[i] * g2[j]
                        - phi2[1] * (gw[i] * g2[j] + g2[i] * gw[j]);
            }
        }
        // the sparse rest: s's own row and column, w Phi'(d2) Hvol (H2 = H1 - Hvol), -Phi(d2) Hw
        for (int j = 0; j < 5; j++) {
            hessian[0][j] += phi1[1] * g1[j];
            hessian[j][0] += phi1[1] * g1[j];
        }
        hessian[2][2] += w * phi2[1] * volTT - phi2[0] * r * r * w;
        hessian[2][4] += w * phi2[1] * volTSigma;
        hessian[4][2] += w * phi2[1] * volTSigma;
        hessian[1][2] += phi2[0] * r * discount;
        hessian[2][1] += phi2[0] * r * discount;
        hessian[1][3] += phi2[0] * t * discount;
        hessian[3][1] += phi2[0] * t * discount;
        hessian[2][3] -= phi2[0] * (r * t - 1) * w;
        hessian[3][2] -= phi2[0] * (r * t - 1) * w;
        hessian[3][3] -= phi2[0] * t * t * w;
        return s * phi1[0] - w * phi2[0];
    }

    private static double[] fill(double[] v, double v0, double v1, double v2, double v3, double v4) {
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
        v[4] = v4;
        return v;
    }

    /**
     * {@link BlackScholes#normCdf} at {@code x} and its first and second derivatives, into {@code out[0..2]}: with
     * {@code a = |x| / sqrt 2}, {@code Phi = (1 + sign(x) E(a)) / 2}, {@code E = 1 - p(u) g}, {@code u = 1 / (1 + P a)},
     * {@code g = e^(-a^2)}, so {@code Phi' = E'(a) / (2 sqrt 2)} and {@code Phi'' = sign(x) E''(a) / 4}.
     */
    private static void normCdfAndDerivatives(double x, double[] out) {
        double z = x * INV_SQRT2;
        double a = Math.abs(z);
        double u = 1 / (1 + P * a);
        double p = u * (A1 + u * (A2 + u * (A3 + u * (A4 + u * A5))));
        double pu = A1 + u * (2 * A2 + u * (3 * A3 + u * (4 * A4 + u * 5 * A5)));
        double puu = 2 * A2 + u * (6 * A3 + u * (12 * A4 + u * 20 * A5));
        double g = Math.exp(-(a * a));
        double ua = -P * u * u;
        double uaa = 2 * P * P * u * u * u;
        double pa = pu * ua;
        double paa = puu * ua * ua + pu * uaa;
        double ga = -2 * a * g;
        double gaa = (4 * a * a - 2) * g;
        double ea = -(pa * g + p * ga);
        double eaa = -(paa * g + 2 * pa * ga + p * gaa);
        double sign = Math.signum(z);
        out[0] = 0.5 + 0.5 * sign * (1 - p * g);
        out[1] = 0.5 * INV_SQRT2 * ea;
        out[2] = 0.25 * sign * eaa;
    }

    /**
     * {@link Growth#growth} into {@code values}, and its Jacobian in {@code (r, k, y0)} into {@code jac}: the
     * sensitivities {@code dy/dr, dy/dk, dy/dy0} carried through every Euler step beside {@code y} (forward mode,
     * three tangents at once).
     */
    public static void growth(double r, double k, double y0, double h, int every, int observations, double[] values,
            double[][] jac) {
        double y = y0;
        double yr = 0;
        double yk = 0;
        double yy0 = 1;
        for (int i = 0; i < observations; i++) {
            for (int s = 0; s < every; s++) {
                double free = 1 - y / k;
                // the step y + h r y (1 - y / k), differentiated in y, r and k
                double dy = 1 + h * r * (free - y / k);
                double dr = h * y * free;
                double dk = h * r * y * y / (k * k);
                yr = dy * yr + dr;
                yk = dy * yk + dk;
                yy0 = dy * yy0;
                y = y + h * r * y * free;
            }
            values[i] = y;
            jac[i][0] = yr;
            jac[i][1] = yk;
            jac[i][2] = yy0;
        }
    }

    /**
     * {@link LogisticLoss#loss} and its Hessian in {@code w}, the mean of {@code sigma(m) (1 - sigma(m)) y^2 x x^T}
     * over the samples, {@code m = -y w.x}: one rank-one update per sample, the upper triangle mirrored at the end.
     */
    public static double logisticLossHessian(double[] w, double[][] x, double[] y, double[][] hessian) {
        int n = w.length;
        for (double[] row : hessian) {
            java.util.Arrays.fill(row, 0);
        }
        double total = 0;
        double scale = 1.0 / x.length;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double margin = 0;
            for (int j = 0; j < n; j++) {
                margin += w[j] * row[j];
            }
            double m = -y[i] * margin;
            double e = Math.exp(-Math.abs(m));
            total += Math.max(m, 0) + Math.log1p(e);
            // sigma(m) (1 - sigma(m)) = e / (1 + e)^2 for either sign of m
            double curvature = e / ((1 + e) * (1 + e)) * y[i] * y[i] * scale;
            for (int a = 0; a < n; a++) {
                double ca = curvature * row[a];
                double[] out = hessian[a];
                for (int b = a; b < n; b++) {
                    out[b] += ca * row[b];
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                hessian[a][b] = hessian[b][a];
            }
        }
        return total * scale;
    }

    /**
     * {@link LogisticLoss#loss}, its gradient in {@code w} and its Hessian times {@code v} without forming the
     * Hessian: per sample, the gradient gets {@code -y sigma(m) x} and {@code hv} gets
     * {@code sigma(m) (1 - sigma(m)) y^2 (x.v) x}.
     */
    public static double logisticLossHvp(double[] w, double[][] x, double[] y, double[] v, double[] grad,
            double[] hv) {
        int n = w.length;
        java.util.Arrays.fill(grad, 0);
        java.util.Arrays.fill(hv, 0);
        double total = 0;
        double scale = 1.0 / x.length;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double margin = 0;
            double along = 0;
            for (int j = 0; j < n; j++) {
                margin += w[j] * row[j];
                along += v[j] * row[j];
            }
            double m = -y[i] * margin;
            double e = Math.exp(-Math.abs(m));
            total += Math.max(m, 0) + Math.log1p(e);
            double sigmoid = m > 0 ? 1 / (1 + e) : e / (1 + e);
            double g = -y[i] * sigmoid * scale;
            double c = e / ((1 + e) * (1 + e)) * y[i] * y[i] * along * scale;
            for (int j = 0; j < n; j++) {
                grad[j] += g * row[j];
                hv[j] += c * row[j];
            }
        }
        return total * scale;
    }
}
