package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: writing into the parameter 'x' would change the caller's array
/** Clad-style in-place update of the input array (x[i] *= 2, then a sum), as C code with a double* does. */
class WriteIntoParameter {
    @Differentiable
    static double f(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= x[i];
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0}};
    }
}
