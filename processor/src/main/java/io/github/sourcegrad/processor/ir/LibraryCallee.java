package io.github.sourcegrad.processor.ir;

/**
 * A {@code @Differentiable} method compiled separately (a library jar, another module), reached through the
 * entry point its companion carries: {@code method} of {@code companion}, returning the nested record
 * {@code record} with the value and the partial derivative with respect to every {@code double} parameter.
 * {@code function} has no body: its parameters are named so that {@code d<name>} is the record's accessor of
 * each one's partial derivative, and it is differentiated with respect to every {@code double} parameter.
 */
public record LibraryCallee(Function function, TypeRef companion, String method, String record) {}
