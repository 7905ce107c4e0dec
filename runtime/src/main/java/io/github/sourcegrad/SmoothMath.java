package io.github.sourcegrad;

/**
 * Smooth functions of one or two {@code double}s that are usually written through pieces with kinks, computed
 * stably, for {@link Differentiable} methods. SourceGrad differentiates them like the functions of {@code Math}
 * (qualified, {@code SmoothMath.softplus(x)}, or statically imported), and {@link ArrayMath} has their
 * element-wise versions.
 *
 * <p>Why they exist: the logistic loss {@code log(1 + e^-s)} is often written to stay finite as
 * {@code Math.max(-s, 0) - Math.log(sigmoid(Math.abs(s)))}, a smooth function assembled from {@code max} and
 * {@code abs}, which have kinks at {@code s = 0}. At the kink the derivative conventions ({@code max(p, 0)}
 * passes nothing at {@code p == 0}, {@code abs'(0) = 0}) give 0 where the true derivative is {@code -0.5}: a
 * model started at zero weights, where every {@code s} is 0, gets a zero gradient and never trains. Written
 * {@code softplus(-s)} (or {@code -logSigmoid(s)}) the loss is exact everywhere, its gradient too.
 *
 * <p>Each function returns NaN for a NaN argument, like {@code Math}.
 */
public final class SmoothMath {

    private SmoothMath() {
    }

    /**
     * The softplus {@code log(1 + e^x)}, a smooth {@code max(x, 0)}, computed as {@code x + log1p(e^-x)} for
     * {@code x > 0} (no overflow: {@code softplus(1000)} is 1000) and {@code log1p(e^x)} otherwise (exact to the
     * last bits for very negative {@code x}, where it is {@code e^x}). {@code softplus(0)} is {@code ln 2},
     * {@code softplus(-Infinity)} is 0, {@code softplus(Infinity)} is {@code Infinity}.
     *
     * <p>Derivative: {@code sigmoid(x)} (0.5 at 0).
     */
    public static double softplus(double x) {
        if (x > 0) {
            return x + Math.log1p(Math.exp(-x));
        }
        return Math.log1p(Math.exp(x));
    }

    /**
     * The logarithm of the logistic sigmoid, {@code log(1 / (1 + e^-x)) = -softplus(-x)}, finite for every
     * finite {@code x} ({@code logSigmoid(-1000)} is -1000). {@code -logSigmoid(t * s)} is the logistic loss of a
     * score {@code s} with label {@code t = ±1}.
     *
     * <p>Derivative: {@code sigmoid(-x) = 1 - sigmoid(x)} (0.5 at 0).
     */
    public static double logSigmoid(double x) {
        return 0.0 - softplus(-x);       // not -softplus(-x): log(1) is 0.0, not -0.0, for large x
    }

    /**
     * The logistic sigmoid {@code 1 / (1 + e^-x)}, computed as {@code e^x / (1 + e^x)} for {@code x < 0} so that
     * no {@code e^x} overflows: {@code sigmoid(-800)} is 0, {@code sigmoid(800)} is 1, {@code sigmoid(0)} is 0.5.
     *
     * <p>Derivative: {@code sigmoid(x) (1 - sigmoid(x))}.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * {@code log(e^a + e^b)}, a smooth {@code max(a, b)}, computed as {@code max(a, b) + log1p(e^-|a - b|)}: no
     * overflow ({@code logAddExp(1000, 1000)} is {@code 1000 + ln 2}) and exact when one side is far below the
     * other. {@code logAddExp(-Infinity, -Infinity)} is {@code -Infinity} (the log of 0),
     * {@code logAddExp(Infinity, b)} is {@code Infinity} for every {@code b} but NaN.
     *
     * <p>Derivatives: {@code e^(a - z) = sigmoid(a - b)} with respect to {@code a} and {@code sigmoid(b - a)}
     * with respect to {@code b}, where {@code z} is the result: 0.5 each at {@code a == b}, and they add up to 1.
     * Both are NaN where {@code a} and {@code b} are the same infinity.
     */
    public static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        if (Double.isInfinite(m)) {
            return m;
        }
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
