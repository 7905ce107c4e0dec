package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;

/**
 * Activation functions, each differentiable on its own. Other {@code @Differentiable} methods call them
 * like any static method; SourceGrad then backpropagates through the call using the gradient it
 * generated in {@code ActivationsGrad}.
 */
public final class Activations {

    private Activations() {
    }

    /** The rectified linear unit, {@code max(z, 0)}. */
    @Differentiable
    public static double relu(double z) {
        return Math.max(z, 0);
    }

    /** The logistic sigmoid, {@code 1 / (1 + e^-z)}. */
    @Differentiable
    public static double sigmoid(double z) {
        double e = Math.exp(-z);
        return 1 / (1 + e);
    }

    /** Swish (SiLU), {@code z * sigmoid(z)}: a call to another differentiable method of the same class. */
    @Differentiable
    public static double swish(double z) {
        return z * sigmoid(z);
    }
}
