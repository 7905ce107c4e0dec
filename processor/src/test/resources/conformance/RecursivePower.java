package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: recursion is not supported: pow calls pow
/** Power by recursion, as in Clad's and Tapenade's recursive call tests. */
class RecursivePower {
    @Differentiable
    static double pow(double x, int n) {
        if (n == 0) {
            return 1;
        }
        return x * pow(x, n - 1);
    }

    @Differentiable
    static double f(double x) {
        return pow(x, 4) + x;
    }

    static Object[] point() {
        return new Object[] {1.3};
    }
}
