package io.github.sourcegrad.processor.ir;

/** The primitive types a differentiable method computes with. Only {@code DOUBLE} values carry derivatives. */
public enum Type {
    DOUBLE("double"),
    LONG("long"),
    INT("int"),
    BOOLEAN("boolean");

    private final String keyword;

    Type(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean isNumeric() {
        return this != BOOLEAN;
    }

    /** Binary numeric promotion (JLS 5.6.2) restricted to the types above. */
    public static Type promote(Type a, Type b) {
        if (a == DOUBLE || b == DOUBLE) {
            return DOUBLE;
        }
        if (a == LONG || b == LONG) {
            return LONG;
        }
        return INT;
    }
}
