package io.github.sourcegrad.processor.ir;

import java.util.List;

/** A {@code @Differentiable} method called from another one: where it lives and what it takes. */
public record Callee(TypeRef owner, String name, List<Type> parameterTypes, List<String> parameterNames) {
    public Callee {
        parameterTypes = List.copyOf(parameterTypes);
        parameterNames = List.copyOf(parameterNames);
    }

    /** A method whose parameters are numbers, booleans and arrays, named by their keywords. */
    public Callee(TypeRef owner, String name, List<Type> parameterTypes) {
        this(owner, name, parameterTypes, parameterTypes.stream().map(Type::keyword).toList());
    }

    /**
     * A stable key that identifies the method among overloads, such as {@code p.C#f(double,int)}; a String or enum
     * parameter by its class ({@code p.C#act(double,p.C.Kind)}).
     */
    public String key() {
        return owner.qualifiedName() + "#" + name + "(" + String.join(",", parameterNames) + ")";
    }

    @Override
    public String toString() {
        return key();
    }
}
