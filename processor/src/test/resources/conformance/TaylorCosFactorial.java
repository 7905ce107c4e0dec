package conformance;

import io.github.sourcegrad.Differentiable;

/** Enzyme's mycos: the Taylor series of cos with the factorial and the power built up in the loop. */
class TaylorCosFactorial {
    @Differentiable
    static double f(double x) {
        double sum = 0;
        double power = 1;
        double fact = 1;
        for (int i = 0; i < 20; i++) {
            double term = power / fact;
            sum += i % 2 == 0 ? term : -term;
            power *= x * x;
            fact *= (2 * i + 1) * (2 * i + 2);
        }
        return sum;
    }

    static Object[] point() {
        return new Object[] {1.1};
    }
}
