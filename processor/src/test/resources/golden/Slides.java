package golden;

import io.github.sourcegrad.Differentiable;

/** The scalar functions of "Backpropagation and Computational Graphs" (Banner and Spiering), as a student writes them. */
public class Slides {

    /** f(x, y) = 1 / (y + e^-x), with the slide's intermediates; f(0, 1) = 0.5, dx = 0.25, dy = -0.25. */
    @Differentiable
    static double f(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        return d;
    }

    /** The same function in one line: the generated code names the parts t1, t2, ... */
    @Differentiable
    static double fInline(double x, double y) {
        return 1 / (y + Math.exp(-x));
    }

    /** The exercise f(x, y, z) = [max(3x, 0) - y]^2 + z, at (1, 0, -2). */
    @Differentiable
    static double exercise(double x, double y, double z) {
        double p = x * 3;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = Math.pow(r, 2);
        double t = s + z;
        return t;
    }

    /** "Scalar input": the exercise with a weight, df(x, w, y, z). */
    @Differentiable
    static double scalarInput(double x, double w, double y, double z) {
        double p = x * w;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;
        return t;
    }

    /** L_MLP(x, y, w1, b1, w2, b2) = [max(max(w1 x + b1, 0) w2 + b2, 0) - y]^2, at (2, 10, -1, 4, 3, 1). */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    static double mlpLoss(double x, double y, double w1, double b1, double w2, double b2) {
        double h = Math.max(w1 * x + b1, 0);
        double yHat = Math.max(h * w2 + b2, 0);
        double r = yHat - y;
        return r * r;
    }

    /** Handling multiple gradients: w = x^2 + 3x, both paths add into dx. */
    @Differentiable
    static double fanOut(double x) {
        double w = x * x + 3 * x;
        return w;
    }

    /** w = 1 / e^-x, dw/dx(0) = 1. */
    @Differentiable
    static double reciprocal(double x) {
        return 1 / Math.exp(-x);
    }

    /** w = log([e^x]^2), dw/dx = 2. */
    @Differentiable
    static double logOfSquare(double x) {
        double e = Math.exp(x);
        return Math.log(e * e);
    }

    /** w = (x + y) z at (1, 2, -3). */
    @Differentiable
    static double sumTimes(double x, double y, double z) {
        double q = x + y;
        return q * z;
    }
}
