package io.github.sourcegrad.benchmarks;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.MathArrays;

/**
 * Directional derivatives, Jacobians, Hessians and Hessian-vector products with Hipparchus (issue 14), on the
 * functions of {@link HipparchusVersions} written once over {@link CalculusFieldElement}, plus the logistic loss
 * ({@link LogisticLoss}) and the growth curve ({@link Growth}) written the same way. The wrappers take and return
 * plain doubles like the generated forms: the value returned, the derivatives written into the caller's arrays.
 *
 * <ul>
 *   <li>a directional derivative: one free parameter, the inputs seeded with the direction
 *       ({@link DerivativeStructure} from a {@code DSFactory(1, 1)}, or {@link Gradient} of one parameter);</li>
 *   <li>a Jacobian: {@code DSFactory(n, 1)} or {@link Gradient} of {@code n} parameters, every output carries its
 *       row;</li>
 *   <li>a Hessian: {@code DSFactory(n, 2)}, every operation carries the value, {@code n} first and
 *       {@code n (n + 1) / 2} second partials;</li>
 *   <li>a Hessian-vector product: the same order-2 structure, its Hessian times {@code v} (what a Hipparchus user
 *       has at hand), or forward over forward, {@code FieldGradient<Gradient>}: {@code n} outer partials, each a
 *       value and its derivative along {@code v}, so that the outer gradient's derivatives are {@code H v}.</li>
 * </ul>
 */
public final class BeyondGradientsPeers {

    private static final DSFactory DIRECTION = new DSFactory(1, 1);
    private static final DSFactory DS3 = new DSFactory(3, 1);
    private static final DSFactory BLACK_SCHOLES_ORDER2 = new DSFactory(5, 2);
    private static final DSFactory LOGISTIC_ORDER2 = new DSFactory(8, 2);
    private static final int[] BLACK_SCHOLES_GRADIENT = gradientIndices(BLACK_SCHOLES_ORDER2);
    private static final int[][] BLACK_SCHOLES_HESSIAN = hessianIndices(BLACK_SCHOLES_ORDER2);
    private static final int[] LOGISTIC_GRADIENT = gradientIndices(LOGISTIC_ORDER2);
    private static final int[][] LOGISTIC_HESSIAN = hessianIndices(LOGISTIC_ORDER2);

    private BeyondGradientsPeers() {
    }

    // ---- the functions not in HipparchusVersions, generic over the field ----

    /** {@link LogisticLoss#softplus}, branching on the value as the generated code does. */
    static <T extends CalculusFieldElement<T>> T softplus(T z) {
        if (z.getReal() > 0) {
            return z.add(z.negate().exp().log1p());
        }
        return z.exp().log1p();
    }

    /** {@link LogisticLoss#loss}. */
    static <T extends CalculusFieldElement<T>> T logisticLoss(T[] w, double[][] x, double[] y) {
        T total = w[0].getField().getZero();
        for (int i = 0; i < x.length; i++) {
            T margin = w[0].getField().getZero();
            for (int j = 0; j < w.length; j++) {
                margin = margin.add(w[j].multiply(x[i][j]));
            }
            total = total.add(softplus(margin.multiply(-y[i])));
        }
        return total.divide(x.length);
    }

    /** {@link Growth#growth}: one element per observation. */
    static <T extends CalculusFieldElement<T>> T[] growth(T r, T k, T y0, double h, int every, int observations) {
        T[] values = MathArrays.buildArray(r.getField(), observations);
        T y = y0;
        for (int i = 0; i < observations; i++) {
            for (int s = 0; s < every; s++) {
                y = y.add(r.multiply(h).multiply(y).multiply(y.divide(k).negate().add(1)));
            }
            values[i] = y;
        }
        return values;
    }

    // ---- directional derivatives (jvp) ----

    /** {@link BlackScholes#price} and its derivative along {@code (ts, ..., tsigma)}, into {@code tangent[0]}. */
    public static double blackScholesJvpDS(double s, double k, double t, double r, double sigma, double ts, double tk,
            double tt, double tr, double tsigma, double[] tangent) {
        DerivativeStructure price = HipparchusVersions.blackScholes(DIRECTION.build(s, ts), DIRECTION.build(k, tk),
                DIRECTION.build(t, tt), DIRECTION.build(r, tr), DIRECTION.build(sigma, tsigma));
        tangent[0] = price.getPartialDerivative(1);
        return price.getValue();
    }

    /** The same with a {@link Gradient} of one free parameter. */
    public static double blackScholesJvpGradient(double s, double k, double t, double r, double sigma, double ts,
            double tk, double tt, double tr, double tsigma, double[] tangent) {
        Gradient price = HipparchusVersions.blackScholes(new Gradient(s, ts), new Gradient(k, tk), new Gradient(t, tt),
                new Gradient(r, tr), new Gradient(sigma, tsigma));
        tangent[0] = price.getPartialDerivative(0);
        return price.getValue();
    }

    // ---- Jacobians ----

    /** {@link Growth#growth} into {@code values}, and its Jacobian in {@code r, k, y0} into {@code jac}, by DS. */
    public static void growthDS(double r, double k, double y0, double h, int every, int observations, double[] values,
            double[][] jac) {
        DerivativeStructure[] out = growth(DS3.variable(0, r), DS3.variable(1, k), DS3.variable(2, y0), h, every,
                observations);
        for (int i = 0; i < observations; i++) {
            // order 1: [value, d/dr, d/dk, d/dy0]
            double[] all = out[i].getAllDerivatives();
            values[i] = all[0];
            System.arraycopy(all, 1, jac[i], 0, 3);
        }
    }

    /** The same with {@link Gradient} of three free parameters. */
    public static void growthGradient(double r, double k, double y0, double h, int every, int observations,
            double[] values, double[][] jac) {
        Gradient[] out = growth(Gradient.variable(3, 0, r), Gradient.variable(3, 1, k), Gradient.variable(3, 2, y0), h,
                every, observations);
        for (int i = 0; i < observations; i++) {
            values[i] = out[i].getValue();
            System.arraycopy(out[i].getGradient(), 0, jac[i], 0, 3);
        }
    }

    // ---- Hessians and Hessian-vector products ----

    /** {@link BlackScholes#price} and its 5 x 5 Hessian by {@code DSFactory(5, 2)}. */
    public static double blackScholesHessianDS(double s, double k, double t, double r, double sigma,
            double[][] hessian) {
        DerivativeStructure price = blackScholesOrder2(s, k, t, r, sigma);
        hessian(price, BLACK_SCHOLES_HESSIAN, hessian);
        return price.getValue();
    }

    /** {@link BlackScholes#price}, its gradient and its Hessian times {@code v}, from {@code DSFactory(5, 2)}. */
    public static double blackScholesHvpDS(double s, double k, double t, double r, double sigma, double[] v,
            double[] grad, double[] hv) {
        DerivativeStructure price = blackScholesOrder2(s, k, t, r, sigma);
        hessianTimes(price, BLACK_SCHOLES_GRADIENT, BLACK_SCHOLES_HESSIAN, v, grad, hv);
        return price.getValue();
    }

    /** The same by forward over forward: {@code FieldGradient<Gradient>}, the inner one along {@code v}. */
    public static double blackScholesHvpNested(double s, double k, double t, double r, double sigma, double[] v,
            double[] grad, double[] hv) {
        FieldGradient<Gradient> price = HipparchusVersions.blackScholes(nested(5, 0, s, v), nested(5, 1, k, v),
                nested(5, 2, t, v), nested(5, 3, r, v), nested(5, 4, sigma, v));
        return unpackNested(price, grad, hv);
    }

    private static DerivativeStructure blackScholesOrder2(double s, double k, double t, double r, double sigma) {
        DSFactory f = BLACK_SCHOLES_ORDER2;
        return HipparchusVersions.blackScholes(f.variable(0, s), f.variable(1, k), f.variable(2, t), f.variable(3, r),
                f.variable(4, sigma));
    }

    /** {@link LogisticLoss#loss} and its 8 x 8 Hessian in {@code w} by {@code DSFactory(8, 2)}. */
    public static double logisticLossHessianDS(double[] w, double[][] x, double[] y, double[][] hessian) {
        DerivativeStructure loss = logisticLossOrder2(w, x, y);
        hessian(loss, LOGISTIC_HESSIAN, hessian);
        return loss.getValue();
    }

    /** {@link LogisticLoss#loss}, its gradient and its Hessian times {@code v}, from {@code DSFactory(8, 2)}. */
    public static double logisticLossHvpDS(double[] w, double[][] x, double[] y, double[] v, double[] grad,
            double[] hv) {
        DerivativeStructure loss = logisticLossOrder2(w, x, y);
        hessianTimes(loss, LOGISTIC_GRADIENT, LOGISTIC_HESSIAN, v, grad, hv);
        return loss.getValue();
    }

    /** The same by forward over forward: {@code FieldGradient<Gradient>}, the inner one along {@code v}. */
    public static double logisticLossHvpNested(double[] w, double[][] x, double[] y, double[] v, double[] grad,
            double[] hv) {
        FieldGradient<Gradient> first = nested(w.length, 0, w[0], v);
        FieldGradient<Gradient>[] weights = MathArrays.buildArray(first.getField(), w.length);
        weights[0] = first;
        for (int j = 1; j < w.length; j++) {
            weights[j] = nested(w.length, j, w[j], v);
        }
        return unpackNested(logisticLoss(weights, x, y), grad, hv);
    }

    private static DerivativeStructure logisticLossOrder2(double[] w, double[][] x, double[] y) {
        DerivativeStructure[] weights = new DerivativeStructure[w.length];
        for (int j = 0; j < w.length; j++) {
            weights[j] = LOGISTIC_ORDER2.variable(j, w[j]);
        }
        return logisticLoss(weights, x, y);
    }

    // ---- unpacking ----

    /** Where {@code d/dx_i} is in {@link DerivativeStructure#getAllDerivatives()}. */
    private static int[] gradientIndices(DSFactory factory) {
        int n = factory.getCompiler().getFreeParameters();
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            int[] orders = new int[n];
            orders[i] = 1;
            index[i] = factory.getCompiler().getPartialDerivativeIndex(orders);
        }
        return index;
    }

    /** Where {@code d^2/dx_i dx_j} is in {@link DerivativeStructure#getAllDerivatives()}. */
    private static int[][] hessianIndices(DSFactory factory) {
        int n = factory.getCompiler().getFreeParameters();
        int[][] index = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int[] orders = new int[n];
                orders[i]++;
                orders[j]++;
                index[i][j] = factory.getCompiler().getPartialDerivativeIndex(orders);
            }
        }
        return index;
    }

    private static void hessian(DerivativeStructure result, int[][] index, double[][] hessian) {
        double[] all = result.getAllDerivatives();
        for (int i = 0; i < index.length; i++) {
            for (int j = 0; j < index.length; j++) {
                hessian[i][j] = all[index[i][j]];
            }
        }
    }

    private static void hessianTimes(DerivativeStructure result, int[] gradientIndex, int[][] hessianIndex, double[] v,
            double[] grad, double[] hv) {
        double[] all = result.getAllDerivatives();
        for (int i = 0; i < gradientIndex.length; i++) {
            grad[i] = all[gradientIndex[i]];
            double sum = 0;
            for (int j = 0; j < gradientIndex.length; j++) {
                sum += all[hessianIndex[i][j]] * v[j];
            }
            hv[i] = sum;
        }
    }

    /** Input {@code index} of {@code n}: the outer variable, whose value moves along {@code v[index]}. */
    private static FieldGradient<Gradient> nested(int n, int index, double value, double[] v) {
        return FieldGradient.variable(n, index, new Gradient(value, v[index]));
    }

    private static double unpackNested(FieldGradient<Gradient> result, double[] grad, double[] hv) {
        Gradient[] partials = result.getGradient();
        for (int i = 0; i < partials.length; i++) {
            grad[i] = partials[i].getValue();
            hv[i] = partials[i].getPartialDerivative(0);
        }
        return result.getValue().getValue();
    }
}
