package io.github.sourcegrad.processor.lower;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@code return} inside a loop becomes a flagged exit: the loop that contains it (the outermost one) gets two
 * locals before it, {@code result} and {@code returned}; the return assigns them and breaks out of that loop
 * (a labelled break from a nested loop), and after the loop {@code if (returned) return result;} precedes the
 * statements that followed it. The break, its reversal and the branch are what the core already differentiates.
 */
public final class LoopExits {
    /** The scope keys of the two locals: not Java names, so the user's code can neither see nor shadow them. */
    public static final String RESULT = "#result";
    public static final String RETURNED = "#returned";

    private LoopExits() {}

    /** A for, while, do-while or enhanced for loop, labelled or not. */
    public static boolean isLoop(Tree tree) {
        Tree t = tree instanceof LabeledStatementTree labeled ? labeled.getStatement() : tree;
        return t instanceof ForLoopTree || t instanceof WhileLoopTree || t instanceof DoWhileLoopTree
                || t instanceof EnhancedForLoopTree;
    }

    /** True when a return inside {@code loop} sits in a loop nested in it, so its break needs a label. */
    public static boolean returnsFromNestedLoop(Tree loop) {
        LoopDepthScanner scanner = new LoopDepthScanner() {
            @Override
            public Void visitReturn(ReturnTree node, Integer depth) {
                found |= depth > 1;
                return null;
            }
        };
        scanner.scan(loop, 0);
        return scanner.found;
    }

    /** Scans with the number of loops around each node, and stops once {@code found}. */
    private abstract static class LoopDepthScanner extends TreeScanner<Void, Integer> {
        boolean found;

        @Override
        public Void scan(Tree node, Integer depth) {
            if (node == null || found) {
                return null;
            }
            return super.scan(node, isLoop(node) && !(node instanceof LabeledStatementTree) ? depth + 1 : depth);
        }
    }

    /** A label no statement of {@code method} uses: {@code search}, or {@code search2}, {@code search3}, ... */
    public static String freshLabel(Tree method) {
        Set<String> used = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
                used.add(node.getLabel().toString());
                return super.visitLabeledStatement(node, unused);
            }
        }.scan(method, null);
        String label = "search";
        for (int i = 2; used.contains(label); i++) {
            label = "search" + i;
        }
        return label;
    }
}
