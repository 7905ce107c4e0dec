package io.github.sourcegrad.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The update of a {@code for} loop, split in two. A <em>counter</em> update changes only int and long locals
 * ({@code i++}, {@code i += 2}): it stays in the loop's update, which the reverse pass never differentiates.
 * Every other update ({@code t *= x}, {@code a[i] += 1}) moves to the end of the loop body, and before every
 * {@code continue} of the loop, where it runs as Java runs it:
 * {@code for (init; c; u) body} is {@code init; for (; c; ) { body; u }} with {@code continue} as {@code u; continue}.
 *
 * <p>Moving an update to the body runs it before the counters' updates; the split keeps the source order of
 * the two groups therefore only when neither reads what the other writes. Otherwise all updates move.
 */
public final class ForUpdates {
    /** The updates that stay in the loop's update, and those that run at the end of the body and on continue. */
    public record Split(List<ExpressionStatementTree> counters, List<ExpressionStatementTree> inBody) {}

    private ForUpdates() {}

    /** Splits {@code updates}; {@code isCounter} tells whether a simple name is an int or long local. */
    public static Split split(List<? extends ExpressionStatementTree> updates, Predicate<String> isCounter) {
        List<ExpressionStatementTree> counters = new ArrayList<>();
        List<ExpressionStatementTree> inBody = new ArrayList<>();
        for (ExpressionStatementTree u : updates) {
            (writesOnlyCounters(u, isCounter) ? counters : inBody).add(u);
        }
        if (inBody.isEmpty()) {
            return new Split(counters, List.of());
        }
        if (Collections.disjoint(written(counters), mentioned(inBody)) && Collections.disjoint(written(inBody), mentioned(counters))) {
            return new Split(counters, inBody);
        }
        return new Split(List.of(), List.copyOf(updates));
    }

    private static boolean writesOnlyCounters(Tree update, Predicate<String> isCounter) {
        List<ExpressionTree> targets = targets(update);
        return targets.stream().allMatch(t -> t instanceof IdentifierTree id && isCounter.test(id.getName().toString()));
    }

    /** The names assigned, the array of an assigned element included. */
    private static Set<String> written(List<? extends Tree> trees) {
        Set<String> names = new HashSet<>();
        for (Tree tree : trees) {
            for (ExpressionTree target : targets(tree)) {
                ExpressionTree root = target;
                while (root instanceof ArrayAccessTree element) {
                    root = element.getExpression();
                }
                if (root instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
            }
        }
        return names;
    }

    private static Set<String> mentioned(List<? extends Tree> trees) {
        Set<String> names = new HashSet<>();
        TreeScanner<Void, Void> scanner = new TreeScanner<>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                names.add(node.getName().toString());
                return null;
            }
        };
        trees.forEach(t -> scanner.scan(t, null));
        return names;
    }

    /** Every variable or element that {@code tree} assigns ({@code =}, {@code op=}, {@code ++}, {@code --}). */
    private static List<ExpressionTree> targets(Tree tree) {
        List<ExpressionTree> out = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                out.add(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                out.add(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                switch (node.getKind()) {
                    case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> out.add(node.getExpression());
                    default -> { }
                }
                return super.visitUnary(node, unused);
            }
        }.scan(tree, null);
        return out;
    }
}
