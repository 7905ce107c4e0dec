package golden;

import io.github.sourcegrad.Differentiable;

/** Calls between differentiable methods: each gradient writes its callees inline, and the adjoint runs through them. */
public class Calls {

    @Differentiable
    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Only w is a parameter of interest for sigmoid's own users ... */
    @Differentiable(wrt = "w")
    static double neuron(double w, double x, double b) {
        return sigmoid(w * x + b);
    }

    /** ... but a caller that varies x and b too still gets a complete gradient. */
    @Differentiable
    static double loss(double w, double x, double b, double target) {
        double r = neuron(w, x, b) - target;
        return r * r;
    }
}
