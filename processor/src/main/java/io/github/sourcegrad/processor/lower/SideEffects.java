package io.github.sourcegrad.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;

/**
 * Finds the side effects inside an expression: assignments ({@code =}, {@code op=}) and {@code ++}/{@code --}.
 * The parser evaluates an expression in Java's order (JLS 15.7), so such an expression becomes its effects as
 * statements, in that order, and its value; this class tells where that needs care: a loop condition with
 * effects is moved into the loop body (it must run on every evaluation, the last one too), and the sides of
 * {@code &&}, {@code ||} and {@code ?:}, which run only conditionally, must have none.
 */
public final class SideEffects {
    private SideEffects() {}

    /** The first assignment, compound assignment, {@code ++} or {@code --} in {@code tree}, or null. */
    public static Tree first(Tree tree) {
        if (tree == null) {
            return null;
        }
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree node, Void unused) {
                return found[0] == null ? super.scan(node, unused) : null;
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                found[0] = node;
                return null;
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                found[0] = node;
                return null;
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                switch (node.getKind()) {
                    case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> found[0] = node;
                    default -> super.visitUnary(node, unused);
                }
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    /** True when evaluating {@code tree} assigns something. */
    public static boolean has(Tree tree) {
        return first(tree) != null;
    }

    /** The error for an effect on a side of {@code &&}, {@code ||} or {@code ?:}, which Java runs only sometimes. */
    public static String conditionalMessage(String operator) {
        return "an assignment, ++ or -- on a side of " + operator + " that Java evaluates only conditionally is not "
                + "supported; assign before the expression, or write an if statement";
    }
}
