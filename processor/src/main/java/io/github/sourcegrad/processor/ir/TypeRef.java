package io.github.sourcegrad.processor.ir;

import java.util.List;

/** A class named without javac types: its package and its simple names from the outermost class inwards. */
public record TypeRef(String packageName, List<String> simpleNames) {
    public TypeRef {
        simpleNames = List.copyOf(simpleNames);
    }

    public static TypeRef of(String packageName, String... simpleNames) {
        return new TypeRef(packageName, List.of(simpleNames));
    }

    public String qualifiedName() {
        String nested = String.join(".", simpleNames);
        return packageName.isEmpty() ? nested : packageName + "." + nested;
    }

    /** The name of the companion class SourceGrad generates for this class: {@code Outer_InnerGrad}. */
    public TypeRef companion() {
        return new TypeRef(packageName, List.of(String.join("_", simpleNames) + "Grad"));
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
