package conformance;

import io.github.sourcegrad.Differentiable;

/** A switch whose selector is an int cast of a written array element (piecewise by the integer part). */
class SwitchOnArrayValue {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i] * 2;
            switch ((int) a[i]) {
                case 0 -> a[i] = a[i] * a[i];
                case 1 -> a[i] = Math.sin(a[i]);
                default -> a[i] += 1;
            }
            s += a[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, 0.7, 1.4, 0.05}};
    }
}
