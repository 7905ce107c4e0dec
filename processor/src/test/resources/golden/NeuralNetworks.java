package golden;

import static java.lang.Math.exp;
import static java.lang.Math.log;
import static java.lang.Math.max;

import io.github.sourcegrad.Differentiable;

/** The exercises of "Neural Networks and Computation Graphs" and the relu activation of the PyTorch notes. */
public class NeuralNetworks {

    /** f(x) = x^3 - log(x). */
    @Differentiable
    static double cubeMinusLog(double x) {
        return Math.pow(x, 3) - log(x);
    }

    /** f(x) = 1 / (1 + exp(-x)). */
    @Differentiable
    static double sigmoid(double x) {
        return 1 / (1 + exp(-x));
    }

    /** f(w, x, y) = max(0, 1 - y w x), the hinge loss of one scalar example. */
    @Differentiable
    static double hinge(double w, double x, double y) {
        return max(0, 1 - y * w * x);
    }

    /** a(x, w, b) = relu(w x + b), with u = w x and v = u + b as in the notes. */
    @Differentiable
    static double activation(double x, double w, double b) {
        double u = w * x;
        double v = u + b;
        return max(v, 0);
    }
}
