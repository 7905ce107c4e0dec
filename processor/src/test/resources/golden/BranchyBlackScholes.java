package golden;

import io.github.sourcegrad.Differentiable;

/** Black-Scholes whose normal CDF branches on the sign: its gradient is written inline, branch and all. */
public class BranchyBlackScholes {
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;
    private static final double INV_SQRT2 = 0.7071067811865476;

    @Differentiable
    static double normCdf(double x) {
        double z = x * INV_SQRT2;
        double a = Math.abs(z);
        double u = 1 / (1 + P * a);
        double poly = u * (A1 + u * (A2 + u * (A3 + u * (A4 + u * A5))));
        double erfAbs = 1 - poly * Math.exp(-(a * a));
        if (z < 0) {
            return 0.5 - 0.5 * erfAbs;
        }
        return 0.5 + 0.5 * erfAbs;
    }

    @Differentiable
    static double price(double s, double k, double t, double r, double sigma) {
        double sqrtT = Math.sqrt(t);
        double vol = sigma * sqrtT;
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        double d2 = d1 - vol;
        double discount = Math.exp(-r * t);
        double call = s * normCdf(d1) - k * discount * normCdf(d2);
        return call;
    }
}
