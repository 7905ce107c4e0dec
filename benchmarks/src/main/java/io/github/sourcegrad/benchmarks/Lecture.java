package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * The lecture's scalar functions, written as on the slides (one named intermediate value per line). These
 * methods are the primal of the benchmarks; SourceGrad generates {@code LectureGrad} from them.
 */
public final class Lecture {

    private Lecture() {
    }

    /** {@code f(x, y) = 1 / (y + e^-x)}, the slides' running example, with the slides' temporaries. */
    @Differentiable
    public static double f(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        return d;
    }

    /** {@code [max(3x, 0) - y]^2 + z}, the slides' exercise, with the slides' names {@code p ... t}. */
    @Differentiable
    public static double exercise(double x, double y, double z) {
        double p = 3 * x;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;
        return t;
    }

    /**
     * The squared loss of the lecture's two-layer ReLU perceptron with one input,
     * {@code L = [max(max(w1 x + b1, 0) w2 + b2, 0) - y]^2}, differentiated with respect to the parameters.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlpLoss(double x, double y, double w1, double b1, double w2, double b2) {
        double h1 = w1 * x + b1;
        double a1 = Math.max(h1, 0);
        double h2 = a1 * w2 + b2;
        double a2 = Math.max(h2, 0);
        double r = a2 - y;
        double loss = r * r;
        return loss;
    }

    /** {@code z = log(3x^2 + 5xy)}, the notes' example, with the notes' names {@code a ... e}. */
    @Differentiable
    public static double logPoly(double x, double y) {
        double a = x * x;
        double b = 3 * a;
        double c = x * y;
        double d = 5 * c;
        double e = b + d;
        double z = Math.log(e);
        return z;
    }
}
