package conformance;

import io.github.sourcegrad.Differentiable;

/** An activation chosen by number: a return in the cases of a switch, and one after it. */
class ReturnInSwitch {
    @Differentiable
    static double f(double x, double w, int kind) {
        double z = w * x;
        switch (kind) {
            case 0:
                return Math.tanh(z);
            case 1:
                return z > 0 ? z : 0.01 * z;
            default:
                break;
        }
        return 1 / (1 + Math.exp(-z));
    }

    static Object[] point() {
        return new Object[] {0.7, 1.3, 0};
    }
}
