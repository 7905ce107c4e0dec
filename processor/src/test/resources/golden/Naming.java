package golden;

import io.github.sourcegrad.Differentiable;

/** Names the generated code must not clash with: the user's own dc, t1 and grad, and a reassigned parameter. */
public class Naming {

    @Differentiable
    static double clash(double x, double grad) {
        double c = x * grad;
        double dc = c * c;
        double t1 = dc + 1;
        x = x * t1;
        x += Math.sin(x);
        return x / (c + 2);
    }
}
