package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SimpleTreeVisitor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Rejects an expression nested too deeply for the recursive stages that read it (SourceGrad's parser, and
 * javac's own attribution and code generation, which overflow their stacks at about 1,600 levels of {@code x +
 * x + ... + x} on JDK 17 and 1,800 on JDK 25). Walks the body with an explicit stack, so that the check itself
 * cannot overflow, and reports the outermost expression of the first too-deep chain.
 */
final class Nesting {
    /** The deepest expression accepted: levels of operators, calls and parentheses inside one another. */
    static final int MAX_DEPTH = 1000;

    private record Node(Tree tree, int depth, Tree root) {}

    private Nesting() {
    }

    static void check(BlockTree body) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(new Node(body, 0, null));
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Tree child : CHILDREN.visit(node.tree(), null)) {
                if (child == null) {
                    continue;
                }
                boolean expression = child instanceof ExpressionTree;
                int depth = expression ? node.depth() + 1 : 0;
                Tree root = !expression ? null : node.root() != null ? node.root() : child;
                if (depth > MAX_DEPTH) {
                    throw new Unsupported(root, "this expression is nested more than " + MAX_DEPTH + " levels deep "
                            + "(operators, calls and parentheses inside one another); SourceGrad reads expressions up to "
                            + MAX_DEPTH + " levels, and javac itself runs out of stack at about 1,600: split it into several "
                            + "statements, for example partial sums in local variables");
                }
                stack.push(new Node(child, depth, root));
            }
        }
    }

    /** The direct children of a statement or expression that can hold expressions; none for anything else. */
    private static final SimpleTreeVisitor<List<? extends Tree>, Void> CHILDREN = new SimpleTreeVisitor<>(List.of()) {
        @Override
        public List<? extends Tree> visitBlock(BlockTree t, Void unused) {
            return t.getStatements();
        }

        @Override
        public List<? extends Tree> visitVariable(VariableTree t, Void unused) {
            return nullable(t.getInitializer());
        }

        @Override
        public List<? extends Tree> visitExpressionStatement(ExpressionStatementTree t, Void unused) {
            return List.of(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitReturn(ReturnTree t, Void unused) {
            return nullable(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitIf(IfTree t, Void unused) {
            return nullable(t.getCondition(), t.getThenStatement(), t.getElseStatement());
        }

        @Override
        public List<? extends Tree> visitForLoop(ForLoopTree t, Void unused) {
            List<Tree> children = new ArrayList<>(t.getInitializer());
            children.add(t.getCondition());
            children.addAll(t.getUpdate());
            children.add(t.getStatement());
            return children;
        }

        @Override
        public List<? extends Tree> visitEnhancedForLoop(EnhancedForLoopTree t, Void unused) {
            return nullable(t.getExpression(), t.getStatement());
        }

        @Override
        public List<? extends Tree> visitWhileLoop(WhileLoopTree t, Void unused) {
            return nullable(t.getCondition(), t.getStatement());
        }

        @Override
        public List<? extends Tree> visitDoWhileLoop(DoWhileLoopTree t, Void unused) {
            return nullable(t.getStatement(), t.getCondition());
        }

        @Override
        public List<? extends Tree> visitLabeledStatement(LabeledStatementTree t, Void unused) {
            return List.of(t.getStatement());
        }

        @Override
        public List<? extends Tree> visitBinary(BinaryTree t, Void unused) {
            return List.of(t.getLeftOperand(), t.getRightOperand());
        }

        @Override
        public List<? extends Tree> visitUnary(UnaryTree t, Void unused) {
            return List.of(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitParenthesized(ParenthesizedTree t, Void unused) {
            return List.of(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitConditionalExpression(ConditionalExpressionTree t, Void unused) {
            return List.of(t.getCondition(), t.getTrueExpression(), t.getFalseExpression());
        }

        @Override
        public List<? extends Tree> visitMethodInvocation(MethodInvocationTree t, Void unused) {
            List<Tree> children = new ArrayList<>(t.getArguments());
            children.add(t.getMethodSelect());
            return children;
        }

        @Override
        public List<? extends Tree> visitMemberSelect(MemberSelectTree t, Void unused) {
            return List.of(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitTypeCast(TypeCastTree t, Void unused) {
            return List.of(t.getExpression());
        }

        @Override
        public List<? extends Tree> visitArrayAccess(ArrayAccessTree t, Void unused) {
            return List.of(t.getExpression(), t.getIndex());
        }

        @Override
        public List<? extends Tree> visitAssignment(AssignmentTree t, Void unused) {
            return List.of(t.getVariable(), t.getExpression());
        }

        @Override
        public List<? extends Tree> visitCompoundAssignment(CompoundAssignmentTree t, Void unused) {
            return List.of(t.getVariable(), t.getExpression());
        }

        @Override
        public List<? extends Tree> visitNewArray(NewArrayTree t, Void unused) {
            List<Tree> children = new ArrayList<>(t.getDimensions());
            if (t.getInitializers() != null) {
                children.addAll(t.getInitializers());
            }
            return children;
        }

        private List<Tree> nullable(Tree... trees) {
            List<Tree> list = new ArrayList<>();
            for (Tree tree : trees) {
                if (tree != null) {
                    list.add(tree);
                }
            }
            return list;
        }
    };
}
