package io.github.sourcegrad.benchmarks;

import java.util.Map;
import net.finmath.montecarlo.automaticdifferentiation.RandomVariableDifferentiable;
import net.finmath.montecarlo.automaticdifferentiation.backward.RandomVariableDifferentiableAAD;
import net.finmath.stochastic.RandomVariable;

/**
 * The benchmark functions with finmath-lib's backward-mode AAD ({@link RandomVariableDifferentiableAAD}):
 * each operation records a node of an operator tree, and {@code getGradient()} walks it back to the leaves
 * and returns a map from each leaf's id to its partial derivative. The values are deterministic random
 * variables (one realization), which is how finmath-lib represents scalars.
 *
 * <p>{@code max(p, 0)} is {@code p.floor(0.0)}. finmath-lib's {@code RandomVariable} has no {@code signum}:
 * the normal CDF takes the sign as {@code z / |z|}, which is exactly {@code +-1} away from 0 and whose
 * derivative, {@code 1/|z| - z sign(z)/z^2}, vanishes there as {@code signum}'s does (up to rounding).
 */
public final class FinmathVersions {

    private FinmathVersions() {
    }

    private static RandomVariableDifferentiableAAD var(double value) {
        return new RandomVariableDifferentiableAAD(value);
    }

    /** Writes the partial derivatives of {@code result} with respect to {@code leaves} into {@code grad}. */
    private static double unpack(RandomVariable result, double[] grad, RandomVariableDifferentiableAAD... leaves) {
        Map<Long, RandomVariable> gradient = ((RandomVariableDifferentiable) result).getGradient();
        for (int i = 0; i < leaves.length; i++) {
            RandomVariable partial = gradient.get(leaves[i].getID());
            grad[i] = partial == null ? 0 : partial.get(0);
        }
        return result.get(0);
    }

    public static double f(double xv, double yv, double[] grad) {
        RandomVariableDifferentiableAAD x = var(xv);
        RandomVariableDifferentiableAAD y = var(yv);
        RandomVariable a = x.mult(-1.0);
        RandomVariable b = a.exp();
        RandomVariable c = y.add(b);
        return unpack(c.invert(), grad, x, y);
    }

    public static double exercise(double xv, double yv, double zv, double[] grad) {
        RandomVariableDifferentiableAAD x = var(xv);
        RandomVariableDifferentiableAAD y = var(yv);
        RandomVariableDifferentiableAAD z = var(zv);
        RandomVariable p = x.mult(3.0);
        RandomVariable q = p.floor(0.0);
        RandomVariable r = q.sub(y);
        return unpack(r.squared().add(z), grad, x, y, z);
    }

    public static double mlpLoss(double x, double y, double w1v, double b1v, double w2v, double b2v, double[] grad) {
        RandomVariableDifferentiableAAD w1 = var(w1v);
        RandomVariableDifferentiableAAD b1 = var(b1v);
        RandomVariableDifferentiableAAD w2 = var(w2v);
        RandomVariableDifferentiableAAD b2 = var(b2v);
        RandomVariable h1 = w1.mult(x).add(b1);
        RandomVariable a1 = h1.floor(0.0);
        RandomVariable h2 = a1.mult(w2).add(b2);
        RandomVariable a2 = h2.floor(0.0);
        RandomVariable r = a2.sub(y);
        return unpack(r.squared(), grad, w1, b1, w2, b2);
    }

    public static double logPoly(double xv, double yv, double[] grad) {
        RandomVariableDifferentiableAAD x = var(xv);
        RandomVariableDifferentiableAAD y = var(yv);
        RandomVariable a = x.squared();
        RandomVariable b = a.mult(3.0);
        RandomVariable c = x.mult(y);
        RandomVariable d = c.mult(5.0);
        return unpack(b.add(d).log(), grad, x, y);
    }

    static RandomVariable normCdf(RandomVariable x) {
        RandomVariable z = x.mult(0.7071067811865476);
        RandomVariable a = z.abs();
        RandomVariable u = a.mult(0.3275911).add(1.0).invert();
        RandomVariable poly = u.mult(1.061405429).add(-1.453152027).mult(u).add(1.421413741).mult(u)
                .add(-0.284496736).mult(u).add(0.254829592).mult(u);
        RandomVariable erfAbs = poly.mult(a.squared().mult(-1.0).exp()).mult(-1.0).add(1.0);
        RandomVariable sign = z.div(a);
        return sign.mult(erfAbs).mult(0.5).add(0.5);
    }

    public static double blackScholes(double sv, double kv, double tv, double rv, double sigmav, double[] grad) {
        RandomVariableDifferentiableAAD s = var(sv);
        RandomVariableDifferentiableAAD k = var(kv);
        RandomVariableDifferentiableAAD t = var(tv);
        RandomVariableDifferentiableAAD r = var(rv);
        RandomVariableDifferentiableAAD sigma = var(sigmav);
        RandomVariable sqrtT = t.sqrt();
        RandomVariable vol = sigma.mult(sqrtT);
        RandomVariable d1 = s.div(k).log().add(r.add(sigma.squared().mult(0.5)).mult(t)).div(vol);
        RandomVariable d2 = d1.sub(vol);
        RandomVariable discount = r.mult(-1.0).mult(t).exp();
        RandomVariable call = s.mult(normCdf(d1)).sub(k.mult(discount).mult(normCdf(d2)));
        return unpack(call, grad, s, k, t, r, sigma);
    }

    public static double reprojectionError(double r0v, double r1v, double r2v, double c0v, double c1v, double c2v,
            double fv, double x0v, double y0v, double k1v, double k2v, double X0v, double X1v, double X2v,
            double wv, double u, double v, double[] grad) {
        RandomVariableDifferentiableAAD r0 = var(r0v);
        RandomVariableDifferentiableAAD r1 = var(r1v);
        RandomVariableDifferentiableAAD r2 = var(r2v);
        RandomVariableDifferentiableAAD c0 = var(c0v);
        RandomVariableDifferentiableAAD c1 = var(c1v);
        RandomVariableDifferentiableAAD c2 = var(c2v);
        RandomVariableDifferentiableAAD f = var(fv);
        RandomVariableDifferentiableAAD x0 = var(x0v);
        RandomVariableDifferentiableAAD y0 = var(y0v);
        RandomVariableDifferentiableAAD k1 = var(k1v);
        RandomVariableDifferentiableAAD k2 = var(k2v);
        RandomVariableDifferentiableAAD X0 = var(X0v);
        RandomVariableDifferentiableAAD X1 = var(X1v);
        RandomVariableDifferentiableAAD X2 = var(X2v);
        RandomVariableDifferentiableAAD w = var(wv);
        RandomVariable p0 = X0.sub(c0);
        RandomVariable p1 = X1.sub(c1);
        RandomVariable p2 = X2.sub(c2);
        RandomVariable theta = r0.squared().add(r1.squared()).add(r2.squared()).sqrt();
        RandomVariable cosTheta = theta.cos();
        RandomVariable sinTheta = theta.sin();
        RandomVariable invTheta = theta.invert();
        RandomVariable n0 = r0.mult(invTheta);
        RandomVariable n1 = r1.mult(invTheta);
        RandomVariable n2 = r2.mult(invTheta);
        RandomVariable cross0 = n1.mult(p2).sub(n2.mult(p1));
        RandomVariable cross1 = n2.mult(p0).sub(n0.mult(p2));
        RandomVariable cross2 = n0.mult(p1).sub(n1.mult(p0));
        RandomVariable along = n0.mult(p0).add(n1.mult(p1)).add(n2.mult(p2)).mult(cosTheta.mult(-1.0).add(1.0));
        RandomVariable q0 = p0.mult(cosTheta).add(cross0.mult(sinTheta)).add(n0.mult(along));
        RandomVariable q1 = p1.mult(cosTheta).add(cross1.mult(sinTheta)).add(n1.mult(along));
        RandomVariable q2 = p2.mult(cosTheta).add(cross2.mult(sinTheta)).add(n2.mult(along));
        RandomVariable s0 = q0.div(q2);
        RandomVariable s1 = q1.div(q2);
        RandomVariable rsq = s0.squared().add(s1.squared());
        RandomVariable scale = k1.mult(rsq).add(1.0).add(k2.mult(rsq).mult(rsq));
        RandomVariable m0 = s0.mult(scale);
        RandomVariable m1 = s1.mult(scale);
        RandomVariable e0 = w.mult(f.mult(m0).add(x0).sub(u));
        RandomVariable e1 = w.mult(f.mult(m1).add(y0).sub(v));
        return unpack(e0.squared().add(e1.squared()), grad, r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2, X0, X1, X2, w);
    }
}
