package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.Tree;

/**
 * Thrown by the parser to abandon one method: {@code tree} is where the error belongs and
 * {@code getMessage()} says what the construct is and what is supported instead.
 */
public final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Tree tree;

    public Unsupported(Tree tree, String message) {
        super(message, null, false, false);
        this.tree = tree;
    }

    public Tree tree() {
        return tree;
    }
}
