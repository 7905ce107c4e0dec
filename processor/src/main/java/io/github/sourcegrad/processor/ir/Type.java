package io.github.sourcegrad.processor.ir;

/**
 * The types a differentiable method computes with. {@code DOUBLE} values and arrays of them ({@code VECTOR},
 * {@code MATRIX}) carry derivatives; the others, {@code int[]} among them, are constants as far as the gradient is
 * concerned.
 */
public enum Type {
    DOUBLE("double"),
    LONG("long"),
    INT("int"),
    BOOLEAN("boolean"),
    /** {@code double[]}. */
    VECTOR("double[]"),
    /** {@code double[][]}, rectangular. */
    MATRIX("double[][]"),
    /**
     * A {@code String} or enum parameter: data passed through unchanged, only compared (a switch selector,
     * {@code ==} with enum constants, {@code equals} with string literals). Its class is in {@link Function#dataTypes()}.
     */
    OBJECT("Object"),
    /** {@code int[]}: data such as class labels, indices or a permutation; it has no adjoint. */
    INT_VECTOR("int[]"),
    /** {@code int[][]}: data such as a mesh's triangles or observation pairs; its rows may differ in length. */
    INT_MATRIX("int[][]");

    private final String keyword;

    Type(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean isNumeric() {
        return this == DOUBLE || this == LONG || this == INT;
    }

    /** True for the types whose values have adjoints: {@code double} and its arrays. */
    public boolean isReal() {
        return this == DOUBLE || this == VECTOR || this == MATRIX;
    }

    /** True for every array type, {@code int[]} included. */
    public boolean isArray() {
        return this == VECTOR || this == MATRIX || this == INT_VECTOR || this == INT_MATRIX;
    }

    /** True for {@code double[][]} and {@code int[][]}: the arrays indexed by row, then column. */
    public boolean isMatrix() {
        return this == MATRIX || this == INT_MATRIX;
    }

    /** True for {@code double[]} and {@code double[][]}: the arrays that have adjoints. */
    public boolean isRealArray() {
        return this == VECTOR || this == MATRIX;
    }

    /** The type of {@code a[i]} for an array {@code a} of this type. */
    public Type element() {
        return switch (this) {
            case VECTOR -> DOUBLE;
            case MATRIX -> VECTOR;
            case INT_VECTOR -> INT;
            case INT_MATRIX -> INT_VECTOR;
            default -> throw new IllegalStateException(this + " is not an array type");
        };
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
