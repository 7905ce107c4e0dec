package golden;

import io.github.sourcegrad.Differentiable;

/** "Computational Graphs and the Chain Rule of Differentiation": z = log(3x^2 + 5xy). */
public class ChainRule {

    /** With the notes' names a..e; at (2, 3): z = log 42, dz/dx = 0.6429, dz/dy = 0.2381. */
    @Differentiable
    static double z(double x, double y) {
        double a = x * x;
        double b = 3 * a;
        double c = x * y;
        double d = 5 * c;
        double e = b + d;
        return Math.log(e);
    }
}
