package conformance;

import io.github.sourcegrad.Differentiable;

/** A benchmark suite's dispatcher: an arrow switch picks Booth, Matyas, three-hump camel or McCormick. */
class TestFunctionBySwitch {
    @Differentiable
    static double f(double x, double y, int which) {
        return switch (which) {
            case 0 -> (x + 2 * y - 7) * (x + 2 * y - 7) + (2 * x + y - 5) * (2 * x + y - 5);
            case 1 -> 0.26 * (x * x + y * y) - 0.48 * x * y;
            case 2 -> 2 * x * x - 1.05 * Math.pow(x, 4) + Math.pow(x, 6) / 6 + x * y + y * y;
            default -> Math.sin(x + y) + (x - y) * (x - y) - 1.5 * x + 2.5 * y + 1;
        };
    }

    static Object[] point() {
        return new Object[] {0.6, -0.9, 2};
    }
}
