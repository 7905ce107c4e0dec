package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link BranchyBlackScholes}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link BranchyBlackScholes}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class BranchyBlackScholesGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(BranchyBlackScholesGrad.class, "${project.version}");
    }

    private BranchyBlackScholesGrad() {
    }

    /**
     * Value and gradient of {@link BranchyBlackScholes#normCdf(double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code normCdf}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static NormCdfGradient dnormCdf(double x) {
        double z = x * 0.7071067811865476;
        double a = Math.abs(z);
        double t1 = 0.3275911 * a;
        double t2 = 1 + t1;
        double u = 1 / t2;
        double t3 = u * 1.061405429;
        double t4 = -1.453152027 + t3;
        double t5 = u * t4;
        double t6 = 1.421413741 + t5;
        double t7 = u * t6;
        double t8 = -0.284496736 + t7;
        double t9 = u * t8;
        double t10 = 0.254829592 + t9;
        double poly = u * t10;
        double t11 = a * a;
        double t12 = -t11;
        double t13 = Math.exp(t12);
        double t14 = poly * t13;
        double erfAbs = 1 - t14;
        double normCdf;
        if (z < 0) {
            double t16 = 0.5 * erfAbs;
            normCdf = 0.5 - t16;
        } else {
            double t18 = 0.5 * erfAbs;
            normCdf = 0.5 + t18;
        }

        double dnormCdf = 1;
        double derfAbs = 0;
        if (z < 0) {
            double dt16 = -dnormCdf;
            derfAbs += 0.5 * dt16;
        } else {
            double dt18 = dnormCdf;
            derfAbs += 0.5 * dt18;
        }
        double dt14 = -derfAbs;
        double dpoly = t13 * dt14;
        double dt13 = poly * dt14;
        double dt12 = t13 * dt13;
        double dt11 = -dt12;
        double da = 2 * a * dt11;
        double du = t10 * dpoly;
        double dt10 = u * dpoly;
        double dt9 = dt10;
        du += t8 * dt9;
        double dt8 = u * dt9;
        double dt7 = dt8;
        du += t6 * dt7;
        double dt6 = u * dt7;
        double dt5 = dt6;
        du += t4 * dt5;
        double dt4 = u * dt5;
        double dt3 = dt4;
        du += 1.061405429 * dt3;
        double dt2 = -1 / (t2 * t2) * du;
        double dt1 = dt2;
        da += 0.3275911 * dt1;
        double dz = Math.signum(z) * da;
        double dx = 0.7071067811865476 * dz;
        return new NormCdfGradient(normCdf, dx);
    }

    /**
     * Value of {@link BranchyBlackScholes#normCdf(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code normCdf}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code normCdf}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dnormCdf(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double z = x * 0.7071067811865476;
        double a = Math.abs(z);
        double t1 = 0.3275911 * a;
        double t2 = 1 + t1;
        double u = 1 / t2;
        double t3 = u * 1.061405429;
        double t4 = -1.453152027 + t3;
        double t5 = u * t4;
        double t6 = 1.421413741 + t5;
        double t7 = u * t6;
        double t8 = -0.284496736 + t7;
        double t9 = u * t8;
        double t10 = 0.254829592 + t9;
        double poly = u * t10;
        double t11 = a * a;
        double t12 = -t11;
        double t13 = Math.exp(t12);
        double t14 = poly * t13;
        double erfAbs = 1 - t14;
        double normCdf;
        if (z < 0) {
            double t16 = 0.5 * erfAbs;
            normCdf = 0.5 - t16;
        } else {
            double t18 = 0.5 * erfAbs;
            normCdf = 0.5 + t18;
        }

        double dnormCdf = 1;
        double derfAbs = 0;
        if (z < 0) {
            double dt16 = -dnormCdf;
            derfAbs += 0.5 * dt16;
        } else {
            double dt18 = dnormCdf;
            derfAbs += 0.5 * dt18;
        }
        double dt14 = -derfAbs;
        double dpoly = t13 * dt14;
        double dt13 = poly * dt14;
        double dt12 = t13 * dt13;
        double dt11 = -dt12;
        double da = 2 * a * dt11;
        double du = t10 * dpoly;
        double dt10 = u * dpoly;
        double dt9 = dt10;
        du += t8 * dt9;
        double dt8 = u * dt9;
        double dt7 = dt8;
        du += t6 * dt7;
        double dt6 = u * dt7;
        double dt5 = dt6;
        du += t4 * dt5;
        double dt4 = u * dt5;
        double dt3 = dt4;
        du += 1.061405429 * dt3;
        double dt2 = -1 / (t2 * t2) * du;
        double dt1 = dt2;
        da += 0.3275911 * dt1;
        double dz = Math.signum(z) * da;
        double dx = 0.7071067811865476 * dz;
        grad[0] = dx;
        return normCdf;
    }

    /**
     * Value and gradient of {@link BranchyBlackScholes#price(double, double, double, double, double)}, computed by reverse mode.
     * <p>Runs the buffer form, {@link #dprice(double, double, double, double, double, double[])}:
     * the methods that {@code price} calls are written out inline there, and the code is written once.
     *
     * @param s the argument {@code s} of {@code price}
     * @param k the argument {@code k} of {@code price}
     * @param t the argument {@code t} of {@code price}
     * @param r the argument {@code r} of {@code price}
     * @param sigma the argument {@code sigma} of {@code price}
     * @return the value and the partial derivatives with respect to {@code s}, {@code k}, {@code t}, {@code r}, {@code sigma}
     */
    public static PriceGradient dprice(double s, double k, double t, double r, double sigma) {
        double[] grad = new double[5];
        double value = dprice(s, k, t, r, sigma, grad);
        return new PriceGradient(value, grad[0], grad[1], grad[2], grad[3], grad[4]);
    }

    /**
     * Value of {@link BranchyBlackScholes#price(double, double, double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>The methods that {@code price} calls are written out inline here (their names prefixed with
     * theirs), so that no gradient record is allocated.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param s the argument {@code s} of {@code price}
     * @param k the argument {@code k} of {@code price}
     * @param t the argument {@code t} of {@code price}
     * @param r the argument {@code r} of {@code price}
     * @param sigma the argument {@code sigma} of {@code price}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code s}, {@code grad[1]} with respect to {@code k}, {@code grad[2]} with respect to {@code t}, {@code grad[3]} with respect to {@code r}, {@code grad[4]} with respect to {@code sigma}
     * @return the value of {@code price}
     * @throws IllegalArgumentException if {@code grad} has fewer than 5 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dprice(double s, double k, double t, double r, double sigma,
            double[] grad) {
        Buffers.requireLength(grad, 5, "grad", "s, k, t, r, sigma");
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double t1 = s / k;
        double t2 = Math.log(t1);
        double t3 = 0.5 * sigma;
        double t4 = t3 * sigma;
        double t5 = r + t4;
        double t6 = t5 * t;
        double t7 = t2 + t6;
        double d1 = t7 / vol;
        double d2 = d1 - vol;
        double t8 = -r;
        double t9 = t8 * t;
        double discount = Math.exp(t9);
        double normCdf_z = d1 * 0.7071067811865476;
        double normCdf_a = Math.abs(normCdf_z);
        double t10 = 0.3275911 * normCdf_a;
        double t11 = 1 + t10;
        double normCdf_u = 1 / t11;
        double t12 = normCdf_u * 1.061405429;
        double t13 = -1.453152027 + t12;
        double t14 = normCdf_u * t13;
        double t15 = 1.421413741 + t14;
        double t16 = normCdf_u * t15;
        double t17 = -0.284496736 + t16;
        double t18 = normCdf_u * t17;
        double t19 = 0.254829592 + t18;
        double normCdf_poly = normCdf_u * t19;
        double t20 = normCdf_a * normCdf_a;
        double t21 = -t20;
        double t22 = Math.exp(t21);
        double t23 = normCdf_poly * t22;
        double normCdf_erfAbs = 1 - t23;
        double normCdf;
        if (normCdf_z < 0) {
            double t25 = 0.5 * normCdf_erfAbs;
            normCdf = 0.5 - t25;
        } else {
            double t27 = 0.5 * normCdf_erfAbs;
            normCdf = 0.5 + t27;
        }
        double t29 = s * normCdf;
        double t30 = k * discount;
        double normCdf_z2 = d2 * 0.7071067811865476;
        double normCdf_a2 = Math.abs(normCdf_z2);
        double t31 = 0.3275911 * normCdf_a2;
        double t32 = 1 + t31;
        double normCdf_u2 = 1 / t32;
        double t33 = normCdf_u2 * 1.061405429;
        double t34 = -1.453152027 + t33;
        double t35 = normCdf_u2 * t34;
        double t36 = 1.421413741 + t35;
        double t37 = normCdf_u2 * t36;
        double t38 = -0.284496736 + t37;
        double t39 = normCdf_u2 * t38;
        double t40 = 0.254829592 + t39;
        double normCdf_poly2 = normCdf_u2 * t40;
        double t41 = normCdf_a2 * normCdf_a2;
        double t42 = -t41;
        double t43 = Math.exp(t42);
        double t44 = normCdf_poly2 * t43;
        double normCdf_erfAbs2 = 1 - t44;
        double normCdf2;
        if (normCdf_z2 < 0) {
            double t46 = 0.5 * normCdf_erfAbs2;
            normCdf2 = 0.5 - t46;
        } else {
            double t48 = 0.5 * normCdf_erfAbs2;
            normCdf2 = 0.5 + t48;
        }
        double t50 = t30 * normCdf2;
        double call = t29 - t50;

        double dcall = 1;
        double dt29 = dcall;
        double dt50 = -dcall;
        double dt30 = normCdf2 * dt50;
        double dnormCdf2 = t30 * dt50;
        double dnormCdf_erfAbs2 = 0;
        if (normCdf_z2 < 0) {
            double dt46 = -dnormCdf2;
            dnormCdf_erfAbs2 += 0.5 * dt46;
        } else {
            double dt48 = dnormCdf2;
            dnormCdf_erfAbs2 += 0.5 * dt48;
        }
        double dt44 = -dnormCdf_erfAbs2;
        double dnormCdf_poly2 = t43 * dt44;
        double dt43 = normCdf_poly2 * dt44;
        double dt42 = t43 * dt43;
        double dt41 = -dt42;
        double dnormCdf_a2 = 2 * normCdf_a2 * dt41;
        double dnormCdf_u2 = t40 * dnormCdf_poly2;
        double dt40 = normCdf_u2 * dnormCdf_poly2;
        double dt39 = dt40;
        dnormCdf_u2 += t38 * dt39;
        double dt38 = normCdf_u2 * dt39;
        double dt37 = dt38;
        dnormCdf_u2 += t36 * dt37;
        double dt36 = normCdf_u2 * dt37;
        double dt35 = dt36;
        dnormCdf_u2 += t34 * dt35;
        double dt34 = normCdf_u2 * dt35;
        double dt33 = dt34;
        dnormCdf_u2 += 1.061405429 * dt33;
        double dt32 = -1 / (t32 * t32) * dnormCdf_u2;
        double dt31 = dt32;
        dnormCdf_a2 += 0.3275911 * dt31;
        double dnormCdf_z2 = Math.signum(normCdf_z2) * dnormCdf_a2;
        double dd2 = 0.7071067811865476 * dnormCdf_z2;
        double dk = discount * dt30;
        double ddiscount = k * dt30;
        double ds = normCdf * dt29;
        double dnormCdf = s * dt29;
        double dnormCdf_erfAbs = 0;
        if (normCdf_z < 0) {
            double dt25 = -dnormCdf;
            dnormCdf_erfAbs += 0.5 * dt25;
        } else {
            double dt27 = dnormCdf;
            dnormCdf_erfAbs += 0.5 * dt27;
        }
        double dt23 = -dnormCdf_erfAbs;
        double dnormCdf_poly = t22 * dt23;
        double dt22 = normCdf_poly * dt23;
        double dt21 = t22 * dt22;
        double dt20 = -dt21;
        double dnormCdf_a = 2 * normCdf_a * dt20;
        double dnormCdf_u = t19 * dnormCdf_poly;
        double dt19 = normCdf_u * dnormCdf_poly;
        double dt18 = dt19;
        dnormCdf_u += t17 * dt18;
        double dt17 = normCdf_u * dt18;
        double dt16 = dt17;
        dnormCdf_u += t15 * dt16;
        double dt15 = normCdf_u * dt16;
        double dt14 = dt15;
        dnormCdf_u += t13 * dt14;
        double dt13 = normCdf_u * dt14;
        double dt12 = dt13;
        dnormCdf_u += 1.061405429 * dt12;
        double dt11 = -1 / (t11 * t11) * dnormCdf_u;
        double dt10 = dt11;
        dnormCdf_a += 0.3275911 * dt10;
        double dnormCdf_z = Math.signum(normCdf_z) * dnormCdf_a;
        double dd1 = 0.7071067811865476 * dnormCdf_z;
        double dt9 = discount * ddiscount;
        double dt8 = t * dt9;
        double dt = t8 * dt9;
        double dr = -dt8;
        dd1 += dd2;
        double dvol = -dd2;
        double dt7 = dd1 / vol;
        dvol += -d1 / vol * dd1;
        double dt2 = dt7;
        double dt6 = dt7;
        double dt5 = t * dt6;
        dt += t5 * dt6;
        dr += dt5;
        double dt4 = dt5;
        double dt3 = sigma * dt4;
        double dsigma = t3 * dt4;
        dsigma += 0.5 * dt3;
        double dt1 = dt2 / t1;
        ds += dt1 / k;
        dk += -t1 / k * dt1;
        dsigma += sqrtT * dvol;
        double dsqrtT = sigma * dvol;
        dt += dsqrtT / (2 * sqrtT);
        grad[0] = ds;
        grad[1] = dk;
        grad[2] = dt;
        grad[3] = dr;
        grad[4] = dsigma;
        return call;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link BranchyBlackScholes}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code BranchyBlackScholes} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code normCdf(double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "normCdf(double)" -> "733203b280241891";
            case "price(double,double,double,double,double)" -> "e45d849f4df3d6a1";
            default -> "";
        };
    }

    /**
     * The value of {@link BranchyBlackScholes#normCdf(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code normCdf}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record NormCdfGradient(double value, double dx) {
    }

    /**
     * The value of {@link BranchyBlackScholes#price(double, double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code price}
     * @param ds the partial derivative with respect to {@code s}
     * @param dk the partial derivative with respect to {@code k}
     * @param dt the partial derivative with respect to {@code t}
     * @param dr the partial derivative with respect to {@code r}
     * @param dsigma the partial derivative with respect to {@code sigma}
     */
    @io.github.sourcegrad.Generated
    public record PriceGradient(double value, double ds, double dk, double dt, double dr,
            double dsigma) {
    }
}
