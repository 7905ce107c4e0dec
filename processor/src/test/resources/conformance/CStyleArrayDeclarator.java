package conformance;

import io.github.sourcegrad.Differentiable;

/** C-style array declarators (double a[]), as code ported from C keeps them. */
class CStyleArrayDeclarator {
    @Differentiable
    static double f(double x[], double m[][]) {
        double tmp[] = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            tmp[i] = m[i][0] * x[i];
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += tmp[i] * tmp[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2}, new double[][] {{0.1, 0.4}, {0.7, 0.2}}};
    }
}
