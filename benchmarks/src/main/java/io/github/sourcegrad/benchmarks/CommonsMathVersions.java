package io.github.sourcegrad.benchmarks;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The benchmark functions with Apache Commons Math 3's order-1 {@link DerivativeStructure}. It has no
 * {@code max}, so {@code max(p, 0)} is written as a Commons Math user writes a ReLU: a branch on the value.
 */
public final class CommonsMathVersions {

    private CommonsMathVersions() {
    }

    private static DerivativeStructure var(int n, int i, double value) {
        return new DerivativeStructure(n, 1, i, value);
    }

    private static DerivativeStructure relu(DerivativeStructure p) {
        return p.getValue() > 0 ? p : new DerivativeStructure(p.getFreeParameters(), 1, 0.0);
    }

    private static double unpack(DerivativeStructure result, double[] grad) {
        // order 1: [value, d/dp0, d/dp1, ...]
        double[] all = result.getAllDerivatives();
        System.arraycopy(all, 1, grad, 0, all.length - 1);
        return all[0];
    }

    public static double f(double xv, double yv, double[] grad) {
        DerivativeStructure x = var(2, 0, xv);
        DerivativeStructure y = var(2, 1, yv);
        DerivativeStructure a = x.negate();
        DerivativeStructure b = a.exp();
        DerivativeStructure c = y.add(b);
        return unpack(c.reciprocal(), grad);
    }

    public static double exercise(double xv, double yv, double zv, double[] grad) {
        DerivativeStructure x = var(3, 0, xv);
        DerivativeStructure y = var(3, 1, yv);
        DerivativeStructure z = var(3, 2, zv);
        DerivativeStructure p = x.multiply(3);
        DerivativeStructure q = relu(p);
        DerivativeStructure r = q.subtract(y);
        return unpack(r.multiply(r).add(z), grad);
    }

    public static double mlpLoss(double x, double y, double w1v, double b1v, double w2v, double b2v, double[] grad) {
        DerivativeStructure w1 = var(4, 0, w1v);
        DerivativeStructure b1 = var(4, 1, b1v);
        DerivativeStructure w2 = var(4, 2, w2v);
        DerivativeStructure b2 = var(4, 3, b2v);
        DerivativeStructure h1 = w1.multiply(x).add(b1);
        DerivativeStructure a1 = relu(h1);
        DerivativeStructure h2 = a1.multiply(w2).add(b2);
        DerivativeStructure a2 = relu(h2);
        DerivativeStructure r = a2.subtract(y);
        return unpack(r.multiply(r), grad);
    }

    public static double logPoly(double xv, double yv, double[] grad) {
        DerivativeStructure x = var(2, 0, xv);
        DerivativeStructure y = var(2, 1, yv);
        DerivativeStructure a = x.multiply(x);
        DerivativeStructure b = a.multiply(3);
        DerivativeStructure c = x.multiply(y);
        DerivativeStructure d = c.multiply(5);
        return unpack(b.add(d).log(), grad);
    }

    static DerivativeStructure normCdf(DerivativeStructure x) {
        DerivativeStructure z = x.multiply(0.7071067811865476);
        DerivativeStructure a = z.abs();
        DerivativeStructure u = a.multiply(0.3275911).add(1).reciprocal();
        DerivativeStructure poly = u.multiply(1.061405429).add(-1.453152027).multiply(u).add(1.421413741).multiply(u)
                .add(-0.284496736).multiply(u).add(0.254829592).multiply(u);
        DerivativeStructure erfAbs = poly.multiply(a.multiply(a).negate().exp()).negate().add(1);
        DerivativeStructure erf = z.signum().multiply(erfAbs);
        return erf.multiply(0.5).add(0.5);
    }

    public static double blackScholes(double sv, double kv, double tv, double rv, double sigmav, double[] grad) {
        DerivativeStructure s = var(5, 0, sv);
        DerivativeStructure k = var(5, 1, kv);
        DerivativeStructure t = var(5, 2, tv);
        DerivativeStructure r = var(5, 3, rv);
        DerivativeStructure sigma = var(5, 4, sigmav);
        DerivativeStructure sqrtT = t.sqrt();
        DerivativeStructure vol = sigma.multiply(sqrtT);
        DerivativeStructure d1 = s.divide(k).log().add(r.add(sigma.multiply(sigma).multiply(0.5)).multiply(t))
                .divide(vol);
        DerivativeStructure d2 = d1.subtract(vol);
        DerivativeStructure discount = r.negate().multiply(t).exp();
        return unpack(s.multiply(normCdf(d1)).subtract(k.multiply(discount).multiply(normCdf(d2))), grad);
    }

    public static double reprojectionError(double r0v, double r1v, double r2v, double c0v, double c1v, double c2v,
            double fv, double x0v, double y0v, double k1v, double k2v, double X0v, double X1v, double X2v,
            double wv, double u, double v, double[] grad) {
        DerivativeStructure r0 = var(15, 0, r0v);
        DerivativeStructure r1 = var(15, 1, r1v);
        DerivativeStructure r2 = var(15, 2, r2v);
        DerivativeStructure c0 = var(15, 3, c0v);
        DerivativeStructure c1 = var(15, 4, c1v);
        DerivativeStructure c2 = var(15, 5, c2v);
        DerivativeStructure f = var(15, 6, fv);
        DerivativeStructure x0 = var(15, 7, x0v);
        DerivativeStructure y0 = var(15, 8, y0v);
        DerivativeStructure k1 = var(15, 9, k1v);
        DerivativeStructure k2 = var(15, 10, k2v);
        DerivativeStructure X0 = var(15, 11, X0v);
        DerivativeStructure X1 = var(15, 12, X1v);
        DerivativeStructure X2 = var(15, 13, X2v);
        DerivativeStructure w = var(15, 14, wv);
        DerivativeStructure p0 = X0.subtract(c0);
        DerivativeStructure p1 = X1.subtract(c1);
        DerivativeStructure p2 = X2.subtract(c2);
        DerivativeStructure theta = r0.multiply(r0).add(r1.multiply(r1)).add(r2.multiply(r2)).sqrt();
        DerivativeStructure cosTheta = theta.cos();
        DerivativeStructure sinTheta = theta.sin();
        DerivativeStructure invTheta = theta.reciprocal();
        DerivativeStructure n0 = r0.multiply(invTheta);
        DerivativeStructure n1 = r1.multiply(invTheta);
        DerivativeStructure n2 = r2.multiply(invTheta);
        DerivativeStructure cross0 = n1.multiply(p2).subtract(n2.multiply(p1));
        DerivativeStructure cross1 = n2.multiply(p0).subtract(n0.multiply(p2));
        DerivativeStructure cross2 = n0.multiply(p1).subtract(n1.multiply(p0));
        DerivativeStructure along = n0.multiply(p0).add(n1.multiply(p1)).add(n2.multiply(p2))
                .multiply(cosTheta.negate().add(1));
        DerivativeStructure q0 = p0.multiply(cosTheta).add(cross0.multiply(sinTheta)).add(n0.multiply(along));
        DerivativeStructure q1 = p1.multiply(cosTheta).add(cross1.multiply(sinTheta)).add(n1.multiply(along));
        DerivativeStructure q2 = p2.multiply(cosTheta).add(cross2.multiply(sinTheta)).add(n2.multiply(along));
        DerivativeStructure s0 = q0.divide(q2);
        DerivativeStructure s1 = q1.divide(q2);
        DerivativeStructure rsq = s0.multiply(s0).add(s1.multiply(s1));
        DerivativeStructure scale = k1.multiply(rsq).add(1).add(k2.multiply(rsq).multiply(rsq));
        DerivativeStructure m0 = s0.multiply(scale);
        DerivativeStructure m1 = s1.multiply(scale);
        DerivativeStructure e0 = w.multiply(f.multiply(m0).add(x0).subtract(u));
        DerivativeStructure e1 = w.multiply(f.multiply(m1).add(y0).subtract(v));
        return unpack(e0.multiply(e0).add(e1.multiply(e1)), grad);
    }
}
