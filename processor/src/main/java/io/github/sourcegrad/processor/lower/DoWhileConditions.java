package io.github.sourcegrad.processor.lower;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.github.sourcegrad.processor.ir.MathFunction;
import java.util.Set;

/**
 * A {@code do}-{@code while} condition is printed after the body, in {@code while (c);}, so it must be one
 * expression; but an element read (whose old value the backward pass may need, so that it is declared or taped), a
 * call, a {@code ?:}, a switch expression, or a division or call on the short-circuited side of {@code &&} and
 * {@code ||} become statements first. Such a loop is lowered, as one whose condition assigns:
 * {@code while (true) { body; if (!c) break; }}, with every {@code continue} of the loop as
 * {@code if (!c) break; continue;}, which is what Java's {@code continue} does in a do-while: test, then go on.
 */
public final class DoWhileConditions {
    private static final Set<String> MATH_OWNERS = Set.of("Math", "StrictMath", "java.lang.Math", "java.lang.StrictMath");

    private DoWhileConditions() {}

    /** True when {@code test} cannot be printed as one expression after the body. */
    public static boolean needStatements(ExpressionTree test) {
        Boolean found = new TreeScanner<Boolean, Boolean>() {
            @Override
            public Boolean scan(Tree tree, Boolean shortCircuited) {
                if (tree == null) {
                    return false;
                }
                Boolean below = super.scan(tree, shortCircuited);
                return switch (tree.getKind()) {
                    case ARRAY_ACCESS, CONDITIONAL_EXPRESSION, SWITCH_EXPRESSION -> true;
                    case METHOD_INVOCATION -> shortCircuited || !isMath((MethodInvocationTree) tree) || Boolean.TRUE.equals(below);
                    case DIVIDE, REMAINDER -> shortCircuited || Boolean.TRUE.equals(below);
                    default -> Boolean.TRUE.equals(below);
                };
            }

            @Override
            public Boolean visitBinary(BinaryTree node, Boolean shortCircuited) {
                boolean logic = node.getKind() == Tree.Kind.CONDITIONAL_AND || node.getKind() == Tree.Kind.CONDITIONAL_OR;
                return scan(node.getLeftOperand(), shortCircuited) | scan(node.getRightOperand(), shortCircuited || logic);
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(test, false);
        return Boolean.TRUE.equals(found);
    }

    /** {@code Math.abs(x)}, {@code StrictMath.exp(x)}, or a statically imported {@code abs(x)}: computed inline. */
    private static boolean isMath(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        String name = select instanceof MemberSelectTree m ? m.getIdentifier().toString()
                : select instanceof IdentifierTree id ? id.getName().toString() : null;
        boolean known = name != null && MathFunction.named(name, call.getArguments().size(), false).isPresent();
        return known && (select instanceof IdentifierTree || MATH_OWNERS.contains(((MemberSelectTree) select).getExpression().toString()));
    }
}
