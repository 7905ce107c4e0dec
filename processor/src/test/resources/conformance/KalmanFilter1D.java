package conformance;

import io.github.sourcegrad.Differentiable;

/** A scalar Kalman filter's log-likelihood of observations in the process and observation noise. */
class KalmanFilter1D {
    static final double[] OBS = {0.9, 1.4, 1.1, 2.0, 2.4, 2.2, 3.1};

    @Differentiable
    static double f(double q, double r, double phi) {
        double mean = 0;
        double var = 1;
        double ll = 0;
        for (double y : OBS) {
            mean = phi * mean;
            var = phi * phi * var + q;
            double s = var + r;
            double innov = y - mean;
            ll -= 0.5 * (Math.log(2 * Math.PI * s) + innov * innov / s);
            double gain = var / s;
            mean += gain * innov;
            var *= 1 - gain;
        }
        return ll;
    }

    static Object[] point() {
        return new Object[] {0.3, 0.5, 0.95};
    }
}
