package conformance;

import io.github.sourcegrad.Differentiable;

/** Locals named like the generated code's own names: tape, trips, t1, dx, dt1, f, result, returned, i2, h2. */
class ReservedNames {
    @Differentiable
    static double f(double x, double[] dx) {
        double t1 = x * 2;
        double dt1 = t1 + 1;
        double tape = 0;
        int trips = 0;
        double result = 0;
        boolean returned = false;
        double h2 = 0;
        for (int i2 = 0; i2 < dx.length; i2++) {
            tape = tape * x + dx[i2] * dt1;
            trips++;
            h2 = Math.sin(tape);
            if (h2 > 5) {
                returned = true;
                result = tape;
                break;
            }
        }
        double f = tape + h2 * trips;
        return returned ? result : f;
    }

    static Object[] point() {
        return new Object[] {0.8, new double[] {0.3, -0.4, 1.1}};
    }
}
