package conformance;

import io.github.sourcegrad.Differentiable;

/** Black-Scholes call price with the normal CDF by the Abramowitz-Stegun polynomial and a branch on the sign. */
class BlackScholesCdf {
    @Differentiable
    static double cnd(double d) {
        final double a1 = 0.31938153;
        final double a2 = -0.356563782;
        final double a3 = 1.781477937;
        final double a4 = -1.821255978;
        final double a5 = 1.330274429;
        double k = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
        double poly = k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))));
        double w = 1.0 - 1.0 / Math.sqrt(2 * Math.PI) * Math.exp(-0.5 * d * d) * poly;
        if (d < 0) {
            w = 1.0 - w;
        }
        return w;
    }

    @Differentiable
    static double f(double spot, double strike, double rate, double vol, double t) {
        double sqrtT = Math.sqrt(t);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * t) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return spot * cnd(d1) - strike * Math.exp(-rate * t) * cnd(d2);
    }

    static Object[] point() {
        return new Object[] {100.0, 105.0, 0.03, 0.25, 0.75};
    }
}
