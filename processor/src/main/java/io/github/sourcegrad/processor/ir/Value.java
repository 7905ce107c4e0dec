package io.github.sourcegrad.processor.ir;

/**
 * One SSA value. {@code hint} is the user's name for it (a parameter or local), or null for a temporary
 * created by flattening a nested expression.
 */
public record Value(int id, String hint, Type type) implements Operand {
    public boolean isTemporary() {
        return hint == null;
    }

    @Override
    public String toString() {
        return (hint == null ? "t" : hint) + "#" + id;
    }
}
