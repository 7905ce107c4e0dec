package io.github.sourcegrad.processor.ir;

import java.util.List;

/** A {@code @Differentiable} method called from another one: where it lives and what it takes. */
public record Callee(TypeRef owner, String name, List<Type> parameterTypes) {
    public Callee {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** A stable key that identifies the method among overloads, such as {@code p.C#f(double,int)}. */
    public String key() {
        return owner.qualifiedName() + "#" + name + "("
                + String.join(",", parameterTypes.stream().map(Type::keyword).toList()) + ")";
    }

    @Override
    public String toString() {
        return key();
    }
}
