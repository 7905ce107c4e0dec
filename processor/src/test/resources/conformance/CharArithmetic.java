package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: local variables of type 'char' are not supported
/** An operator code as a char, compared and switched on. */
class CharArithmetic {
    @Differentiable
    static double f(double x, double y) {
        char op = '*';
        double r = switch (op) {
            case '+' -> x + y;
            case '*' -> x * y;
            default -> x - y;
        };
        char c = 'a';
        c += 2;
        return r + (c - 'a') * x;
    }

    static Object[] point() {
        return new Object[] {1.2, 0.3};
    }
}
