package conformance;

import io.github.sourcegrad.Differentiable;

/** Ackley's function in n dimensions. */
class AckleyN {
    static final double A = 20;
    static final double B = 0.2;
    static final double C = 2 * Math.PI;

    @Differentiable
    static double f(double[] x) {
        int d = x.length;
        double sumSq = 0;
        double sumCos = 0;
        for (double xi : x) {
            sumSq += xi * xi;
            sumCos += Math.cos(C * xi);
        }
        return -A * Math.exp(-B * Math.sqrt(sumSq / d)) - Math.exp(sumCos / d) + A + Math.E;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.7, 1.2, 0.05}};
    }
}
