package io.github.sourcegrad.benchmarks;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;

/**
 * The benchmark functions for Hipparchus, written once over {@link CalculusFieldElement} as a Hipparchus user
 * writes them, and evaluated with forward-mode {@link Gradient} (one value and {@code n} partials per
 * operation) and with order-1 {@link DerivativeStructure}. The wrappers take and return plain doubles like
 * the generated {@code double[]} form: value returned, gradient written into {@code grad}.
 */
public final class HipparchusVersions {

    private static final DSFactory DS2 = new DSFactory(2, 1);
    private static final DSFactory DS3 = new DSFactory(3, 1);
    private static final DSFactory DS4 = new DSFactory(4, 1);
    private static final DSFactory DS5 = new DSFactory(5, 1);
    private static final DSFactory DS15 = new DSFactory(15, 1);

    private HipparchusVersions() {
    }

    // ---- the functions, generic over the field ----

    static <T extends CalculusFieldElement<T>> T f(T x, T y) {
        T a = x.negate();
        T b = a.exp();
        T c = y.add(b);
        return c.reciprocal();
    }

    static <T extends CalculusFieldElement<T>> T exercise(T x, T y, T z) {
        T p = x.multiply(3);
        T q = FastMath.max(p, 0.0);
        T r = q.subtract(y);
        return r.multiply(r).add(z);
    }

    static <T extends CalculusFieldElement<T>> T mlpLoss(double x, double y, T w1, T b1, T w2, T b2) {
        T h1 = w1.multiply(x).add(b1);
        T a1 = FastMath.max(h1, 0.0);
        T h2 = a1.multiply(w2).add(b2);
        T a2 = FastMath.max(h2, 0.0);
        T r = a2.subtract(y);
        return r.multiply(r);
    }

    static <T extends CalculusFieldElement<T>> T logPoly(T x, T y) {
        T a = x.multiply(x);
        T b = a.multiply(3);
        T c = x.multiply(y);
        T d = c.multiply(5);
        return b.add(d).log();
    }

    static <T extends CalculusFieldElement<T>> T normCdf(T x) {
        T z = x.multiply(0.7071067811865476);
        T a = z.abs();
        T u = a.multiply(0.3275911).add(1).reciprocal();
        T poly = u.multiply(1.061405429).add(-1.453152027).multiply(u).add(1.421413741).multiply(u)
                .add(-0.284496736).multiply(u).add(0.254829592).multiply(u);
        T erfAbs = poly.multiply(a.multiply(a).negate().exp()).negate().add(1);
        T erf = z.sign().multiply(erfAbs);
        return erf.multiply(0.5).add(0.5);
    }

    static <T extends CalculusFieldElement<T>> T blackScholes(T s, T k, T t, T r, T sigma) {
        T sqrtT = t.sqrt();
        T vol = sigma.multiply(sqrtT);
        T d1 = s.divide(k).log().add(r.add(sigma.multiply(sigma).multiply(0.5)).multiply(t)).divide(vol);
        T d2 = d1.subtract(vol);
        T discount = r.negate().multiply(t).exp();
        return s.multiply(normCdf(d1)).subtract(k.multiply(discount).multiply(normCdf(d2)));
    }

    static <T extends CalculusFieldElement<T>> T reprojectionError(T r0, T r1, T r2, T c0, T c1, T c2, T f,
            T x0, T y0, T k1, T k2, T X0, T X1, T X2, T w, double u, double v) {
        T p0 = X0.subtract(c0);
        T p1 = X1.subtract(c1);
        T p2 = X2.subtract(c2);
        T theta = r0.multiply(r0).add(r1.multiply(r1)).add(r2.multiply(r2)).sqrt();
        T cosTheta = theta.cos();
        T sinTheta = theta.sin();
        T invTheta = theta.reciprocal();
        T n0 = r0.multiply(invTheta);
        T n1 = r1.multiply(invTheta);
        T n2 = r2.multiply(invTheta);
        T cross0 = n1.multiply(p2).subtract(n2.multiply(p1));
        T cross1 = n2.multiply(p0).subtract(n0.multiply(p2));
        T cross2 = n0.multiply(p1).subtract(n1.multiply(p0));
        T along = n0.multiply(p0).add(n1.multiply(p1)).add(n2.multiply(p2)).multiply(cosTheta.negate().add(1));
        T q0 = p0.multiply(cosTheta).add(cross0.multiply(sinTheta)).add(n0.multiply(along));
        T q1 = p1.multiply(cosTheta).add(cross1.multiply(sinTheta)).add(n1.multiply(along));
        T q2 = p2.multiply(cosTheta).add(cross2.multiply(sinTheta)).add(n2.multiply(along));
        T s0 = q0.divide(q2);
        T s1 = q1.divide(q2);
        T rsq = s0.multiply(s0).add(s1.multiply(s1));
        T scale = k1.multiply(rsq).add(1).add(k2.multiply(rsq).multiply(rsq));
        T m0 = s0.multiply(scale);
        T m1 = s1.multiply(scale);
        T e0 = w.multiply(f.multiply(m0).add(x0).subtract(u));
        T e1 = w.multiply(f.multiply(m1).add(y0).subtract(v));
        return e0.multiply(e0).add(e1.multiply(e1));
    }

    // ---- Gradient (forward mode) ----

    private static double unpack(Gradient result, double[] grad) {
        int n = result.getFreeParameters();
        for (int i = 0; i < n; i++) {
            grad[i] = result.getPartialDerivative(i);
        }
        return result.getValue();
    }

    public static double fGradient(double x, double y, double[] grad) {
        return unpack(f(Gradient.variable(2, 0, x), Gradient.variable(2, 1, y)), grad);
    }

    public static double exerciseGradient(double x, double y, double z, double[] grad) {
        return unpack(exercise(Gradient.variable(3, 0, x), Gradient.variable(3, 1, y), Gradient.variable(3, 2, z)),
                grad);
    }

    public static double mlpLossGradient(double x, double y, double w1, double b1, double w2, double b2,
            double[] grad) {
        return unpack(mlpLoss(x, y, Gradient.variable(4, 0, w1), Gradient.variable(4, 1, b1),
                Gradient.variable(4, 2, w2), Gradient.variable(4, 3, b2)), grad);
    }

    public static double logPolyGradient(double x, double y, double[] grad) {
        return unpack(logPoly(Gradient.variable(2, 0, x), Gradient.variable(2, 1, y)), grad);
    }

    public static double blackScholesGradient(double s, double k, double t, double r, double sigma, double[] grad) {
        return unpack(blackScholes(Gradient.variable(5, 0, s), Gradient.variable(5, 1, k), Gradient.variable(5, 2, t),
                Gradient.variable(5, 3, r), Gradient.variable(5, 4, sigma)), grad);
    }

    public static double reprojectionErrorGradient(double r0, double r1, double r2, double c0, double c1, double c2,
            double f, double x0, double y0, double k1, double k2, double X0, double X1, double X2, double w,
            double u, double v, double[] grad) {
        return unpack(reprojectionError(Gradient.variable(15, 0, r0), Gradient.variable(15, 1, r1),
                Gradient.variable(15, 2, r2), Gradient.variable(15, 3, c0), Gradient.variable(15, 4, c1),
                Gradient.variable(15, 5, c2), Gradient.variable(15, 6, f), Gradient.variable(15, 7, x0),
                Gradient.variable(15, 8, y0), Gradient.variable(15, 9, k1), Gradient.variable(15, 10, k2),
                Gradient.variable(15, 11, X0), Gradient.variable(15, 12, X1), Gradient.variable(15, 13, X2),
                Gradient.variable(15, 14, w), u, v), grad);
    }

    // ---- DerivativeStructure, order 1 ----

    private static double unpack(DerivativeStructure result, double[] grad) {
        // order 1: [value, d/dp0, d/dp1, ...]
        double[] all = result.getAllDerivatives();
        System.arraycopy(all, 1, grad, 0, all.length - 1);
        return all[0];
    }

    public static double fDS(double x, double y, double[] grad) {
        return unpack(f(DS2.variable(0, x), DS2.variable(1, y)), grad);
    }

    public static double exerciseDS(double x, double y, double z, double[] grad) {
        return unpack(exercise(DS3.variable(0, x), DS3.variable(1, y), DS3.variable(2, z)), grad);
    }

    public static double mlpLossDS(double x, double y, double w1, double b1, double w2, double b2, double[] grad) {
        return unpack(mlpLoss(x, y, DS4.variable(0, w1), DS4.variable(1, b1), DS4.variable(2, w2),
                DS4.variable(3, b2)), grad);
    }

    public static double logPolyDS(double x, double y, double[] grad) {
        return unpack(logPoly(DS2.variable(0, x), DS2.variable(1, y)), grad);
    }

    public static double blackScholesDS(double s, double k, double t, double r, double sigma, double[] grad) {
        return unpack(blackScholes(DS5.variable(0, s), DS5.variable(1, k), DS5.variable(2, t), DS5.variable(3, r),
                DS5.variable(4, sigma)), grad);
    }

    public static double reprojectionErrorDS(double r0, double r1, double r2, double c0, double c1, double c2,
            double f, double x0, double y0, double k1, double k2, double X0, double X1, double X2, double w,
            double u, double v, double[] grad) {
        return unpack(reprojectionError(DS15.variable(0, r0), DS15.variable(1, r1), DS15.variable(2, r2),
                DS15.variable(3, c0), DS15.variable(4, c1), DS15.variable(5, c2), DS15.variable(6, f),
                DS15.variable(7, x0), DS15.variable(8, y0), DS15.variable(9, k1), DS15.variable(10, k2),
                DS15.variable(11, X0), DS15.variable(12, X1), DS15.variable(13, X2), DS15.variable(14, w), u, v),
                grad);
    }
}
