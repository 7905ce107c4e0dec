package conformance;

import io.github.sourcegrad.Differentiable;

/** Parameters named grad and tape, as users name things, in a method with a loop. */
class ParamNamedGrad {
    @Differentiable
    static double f(double grad, double[] tape) {
        double s = 0;
        for (int i = 0; i < tape.length; i++) {
            s = s * grad + tape[i] * tape[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {0.8, new double[] {0.3, -0.4, 1.1}};
    }
}
