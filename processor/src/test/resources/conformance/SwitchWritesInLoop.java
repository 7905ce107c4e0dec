package conformance;

import io.github.sourcegrad.Differentiable;

/** A colon switch inside a loop writing different elements of a local array per case, with fall-through. */
class SwitchWritesInLoop {
    @Differentiable
    @SuppressWarnings("fallthrough")
    static double f(double[] x) {
        double[] acc = new double[3];
        for (int i = 0; i < x.length; i++) {
            switch (i % 4) {
                case 0:
                    acc[0] += x[i];
                    break;
                case 1:
                    acc[1] = acc[1] * x[i] + 1;
                case 2:
                    acc[2] += acc[1] * x[i];
                    break;
                default:
                    acc[0] *= x[i];
            }
        }
        return acc[0] * acc[1] + acc[2];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, 0.9, -0.4, 1.1, 0.7, 0.2, 0.8}};
    }
}
