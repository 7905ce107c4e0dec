package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * The Black–Scholes price of a European call, with the standard normal CDF written in plain, branch-free
 * Java. Its gradient is the first-order greeks: delta ({@code s}), dual delta ({@code k}), minus theta
 * ({@code t}), rho ({@code r}) and vega ({@code sigma}).
 */
public final class BlackScholes {

    /* Abramowitz and Stegun 7.1.26: erf(a) = 1 - (A1 u + ... + A5 u^5) e^(-a^2), u = 1 / (1 + P a), a >= 0,
       absolute error below 1.5e-7. */
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;
    private static final double INV_SQRT2 = 0.7071067811865476;

    private BlackScholes() {
    }

    /**
     * The standard normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}, with erf by Abramowitz and Stegun
     * 7.1.26 on {@code |z|} and the sign restored by {@code signum}: no branches.
     */
    @Differentiable
    public static double normCdf(double x) {
        double z = x * INV_SQRT2;
        double a = Math.abs(z);
        double u = 1 / (1 + P * a);
        double poly = u * (A1 + u * (A2 + u * (A3 + u * (A4 + u * A5))));
        double erfAbs = 1 - poly * Math.exp(-(a * a));
        double erf = Math.signum(z) * erfAbs;
        return 0.5 + 0.5 * erf;
    }

    /**
     * The price of a European call: spot {@code s}, strike {@code k}, time to expiry {@code t} (years),
     * risk-free rate {@code r}, volatility {@code sigma}.
     */
    @Differentiable(forward = true, hessian = true)
    public static double price(double s, double k, double t, double r, double sigma) {
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        double d2 = d1 - vol;
        double discount = Math.exp(-r * t);
        double call = s * normCdf(d1) - k * discount * normCdf(d2);
        return call;
    }
}
