package io.github.sourcegrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A method with a hand-written derivative ({@code @CustomDerivative}) of this compilation: its companion gets an
 * entry point, {@code d<name>}, that returns the method's own value and the partial derivatives that the user's
 * {@code pullback}, a static method of the same class, gives for an upstream adjoint of 1; callers call that entry
 * point as they call the methods of libraries compiled separately. {@code function} has no body: its parameters keep
 * the method's names, and it is differentiated with respect to every {@code double}, {@code double[]} and
 * {@code double[][]} parameter. {@code open}: the method and its classes are public, so code of any package can call
 * it (where a call's derivative is not needed, the caller's gradient calls the method itself, not its pullback).
 */
public record CustomCallee(Function function, String pullback, boolean open) {

    /**
     * The pullback's parameter types for a method of {@code parameters}: those, the upstream adjoint ({@code double}),
     * {@code double[]} for the partials of the {@code double} parameters when there are any, and one array of its type
     * for each {@code double[]} and {@code double[][]} parameter: the buffer form's order.
     */
    public static List<Type> pullbackTypes(List<Value> parameters) {
        List<Type> types = new ArrayList<>();
        parameters.forEach(p -> types.add(p.type()));
        types.add(Type.DOUBLE);
        if (parameters.stream().anyMatch(p -> p.type() == Type.DOUBLE)) {
            types.add(Type.VECTOR);
        }
        parameters.stream().filter(p -> p.type() == Type.VECTOR || p.type() == Type.MATRIX).forEach(p -> types.add(p.type()));
        return types;
    }
}
