package io.github.sourcegrad.processor.ir;

/** A read of a static field, such as {@code Math.PI} or a constant of the user's class. */
public record StaticField(TypeRef owner, String name, Type type) implements Operand {}
