package io.github.sourcegrad.processor.ir;

/**
 * A read of a static field, such as {@code Math.PI} or a constant of the user's class. {@code isPublic}: the field
 * and every class around it are public, so that code in any package can read it; otherwise only code in the
 * owner's package can (a private field never becomes a {@code StaticField}).
 */
public record StaticField(TypeRef owner, String name, Type type, boolean isPublic) implements Operand {

    public StaticField(TypeRef owner, String name, Type type) {
        this(owner, name, type, true);
    }

    /** True when code in {@code packageName} (a companion class written there) can read the field. */
    public boolean readableFrom(String packageName) {
        return isPublic || owner.packageName().equals(packageName);
    }
}
