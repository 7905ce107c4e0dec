package conformance;

import io.github.sourcegrad.Differentiable;

/** Log-likelihood of an isotropic Gaussian, means p, scale sigma. */
class LogGaussian {
    @Differentiable
    static double f(double[] x, double[] p, double sigma) {
        double power = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - p[i];
            power += d * d;
        }
        power = -power / (2 * sigma * sigma);
        double gauss = 1 / Math.sqrt(Math.pow(2 * Math.PI, x.length) * sigma) * Math.exp(power);
        return Math.log(gauss);
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.7, 1.1}, new double[] {0.1, 0.2, 0.9}, 1.3};
    }
}
