package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.lower.LoopExits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers a {@code switch} statement or expression to the if/else chain the rest of the processor differentiates:
 * the selector is evaluated once, each case becomes {@code if (k == 1 || k == 2)}, tested in source order, and
 * {@code default} (wherever it is written) is the final {@code else}. A case that falls through into the next
 * one (colon form without {@code break}) gets the statements it falls into as well, so each branch reads as
 * the path Java takes when it enters at that case. {@code break} and {@code yield} end the branch they are in;
 * one nested in an {@code if} takes the statements after that {@code if} into its other side. {@code continue}
 * (and a labelled {@code break}) still belongs to the enclosing loop. A switch expression's value is a local
 * that every {@code yield} (or {@code case ... -> value}) assigns.
 *
 * <p>A {@code return} inside a switch statement is lowered like one in an if: outside loops each path of the chain
 * continues with the statements after the switch up to its own return; inside a loop it is the loop's flagged
 * exit ({@link io.github.sourcegrad.processor.lower.LoopExits}). A switch on a String or enum parameter (or static
 * final field) tests {@code mode.equals("a")} or {@code kind == Kind.A}; the first test of an enum's chain reads
 * {@code Objects.requireNonNull(kind)}, so a null selector throws as Java's switch does.
 */
final class SwitchLowering {
    static final String SUPPORTED_SELECTORS = "SourceGrad switches on int values (an int parameter or local, or an "
            + "int expression such as (int) Math.floor(x)) with int and char constants as case labels, and on String "
            + "and enum parameters with string literals and enum constants as case labels";

    private final MethodParser parser;
    /** The hidden local that a switch expression's yields assign; null in a switch statement and while probing. */
    private String resultName;
    /** While a switch expression is parsed once to learn its type: the types of the values it yields. */
    private List<Type> probed;
    /**
     * Set for a switch statement with a return inside (outside loops): what follows the switch. Every path then
     * ends in a return: a case that completes (or breaks) continues with these statements up to its own return.
     */
    private MethodParser.Continuation afterSwitch;
    /** A String or enum selector, whose cases compare with equals or ==; null for an int selector. */
    private DataUse.Data data;
    /**
     * {@code Objects.requireNonNull(kind)}, which the first test of a chain on an enum compares instead of
     * {@code kind}: a switch on null throws, as Java's does. A String's first {@code equals} throws by itself.
     */
    private Operand nonNull;
    /** The null check that the next test reads, until the first test of the chain has read it. */
    private Operand pendingNonNull;

    /** The cases that lead to the same statements: {@code case 1: case 2:}, or {@code case 1, 2 ->}. */
    private record Group(int index, List<ExpressionTree> labels, boolean isDefault) {}

    /** What follows a statement list in a case once it completes: the rest of an enclosing list. */
    private record Rest(List<? extends StatementTree> statements, int from, int depth, Rest next) {}

    SwitchLowering(MethodParser parser) {
        this.parser = parser;
    }

    /** A switch statement; true when it completes normally. */
    boolean statement(SwitchTree tree) {
        Operand selector = selector(tree.getExpression(), tree.getCases());
        return chain(tree, tree.getCases(), selector);
    }

    /**
     * A switch statement with a return inside, outside loops, followed by {@code next}: like an if whose branches
     * return, each path continues with {@code next} up to its own return. True when a path reaches the end of
     * the method without one.
     */
    boolean returning(SwitchTree tree, MethodParser.Continuation next) {
        afterSwitch = next;
        return statement(tree);
    }

    /** A case that completes normally (or breaks): the switch completes, or its path goes on after it. */
    private boolean completes() {
        return afterSwitch == null || parser.resume(afterSwitch);
    }

    /**
     * A switch expression, parsed twice: once to learn the types its cases yield (Java's numeric promotion gives
     * the switch's type), then for real, each case assigning the switch's value.
     */
    Operand expression(SwitchExpressionTree tree) {
        Operand selector = selector(tree.getExpression(), tree.getCases());
        MethodParser.Mark mark = parser.mark();
        probed = new ArrayList<>();
        chain(tree, tree.getCases(), selector);
        Type type = resultType(tree, probed);
        parser.rollback(mark);
        probed = null;
        resultName = "#switch" + parser.scopeDepth(); // not a Java name: the user's code cannot see or shadow it
        parser.declareHidden(resultName, null, type);
        chain(tree, tree.getCases(), selector);
        Operand value = parser.hiddenValue(resultName);
        if (value == null) {
            throw new Unsupported(tree, "this switch expression gives no value on any path");
        }
        return value;
    }

    private static Type resultType(Tree tree, List<Type> types) {
        if (types.isEmpty()) {
            throw new Unsupported(tree, "this switch expression gives no value on any path");
        }
        Type first = types.get(0);
        if (types.stream().allMatch(Type::isNumeric)) {
            return types.stream().reduce(Type::promote).orElseThrow();
        }
        if (types.stream().allMatch(t -> t == first)) {
            return first;
        }
        throw new Unsupported(tree, "the cases of this switch expression give values of different kinds ("
                + String.join(", ", types.stream().map(Type::keyword).distinct().toList())
                + "); they must all be numbers, all booleans, or all arrays of one type");
    }

    // ---- the selector and the labels -------------------------------------------------------------------

    private Operand selector(ExpressionTree expression, List<? extends CaseTree> cases) {
        data = parser.expressions.data(expression);
        if (data != null) {
            boolean labelled = false;
            for (CaseTree c : cases) {
                for (ExpressionTree label : c.getExpressions()) {
                    if (label.getKind() == Tree.Kind.NULL_LITERAL) {
                        throw new Unsupported(label, "'case null' is not supported; test " + data.name()
                                + " == null in an if before the switch");
                    }
                    labelled = true;
                }
            }
            if (!data.isString() || !labelled) {
                nonNull = parser.emit(new Instruction.NonNull(parser.newValue(null, Type.OBJECT), data.value()));
            }
            return data.value();
        }
        for (CaseTree c : cases) {
            for (ExpressionTree label : c.getExpressions()) {
                if (label.getKind() == Tree.Kind.STRING_LITERAL) {
                    throw new Unsupported(expression, "a switch on a String is supported when the selector is a String "
                            + "parameter of the method; " + SUPPORTED_SELECTORS);
                }
                if (label instanceof IdentifierTree id && !parser.resolves(id.getName().toString())) {
                    throw new Unsupported(expression, "a switch on an enum is supported when the selector is an enum "
                            + "parameter of the method; " + SUPPORTED_SELECTORS);
                }
            }
        }
        Operand selector = parser.expression(expression);
        if (selector.type() != Type.INT) {
            throw new Unsupported(expression, "a switch on a " + selector.type().keyword() + " value is not supported; "
                    + SUPPORTED_SELECTORS);
        }
        return selector;
    }

    private Operand label(ExpressionTree label) {
        if (data != null && data.isString()) {
            Operand text = new DataUse(parser).stringLiteral(label);
            if (text == null) {
                throw new Unsupported(label, "a case label of a switch on a String must be a string literal here");
            }
            return text;
        }
        if (data != null) {
            Operand constant = new DataUse(parser).enumConstant(label, data.type(), false);
            if (constant == null) {
                throw new Unsupported(label, "a case label of a switch on " + data.type().getSimpleName()
                        + " must be one of its constants");
            }
            return constant;
        }
        ExpressionTree inner = label;
        while (inner.getKind() == Tree.Kind.PARENTHESIZED) {
            inner = ((com.sun.source.tree.ParenthesizedTree) inner).getExpression();
        }
        if (inner.getKind() == Tree.Kind.CHAR_LITERAL) {
            char c = (Character) ((LiteralTree) inner).getValue();
            return new Literal(parser.sourceText(inner), c, Type.INT);
        }
        Operand value = parser.expression(label);
        if (value.type() != Type.INT) {
            throw new Unsupported(label, "a case label must be an int or char constant here; " + SUPPORTED_SELECTORS);
        }
        return value;
    }

    /** {@code k == 1 || k == 2}, computed where the test stands. */
    private Operand matches(Operand selector, List<ExpressionTree> labels) {
        Operand condition = null;
        for (ExpressionTree label : labels) {
            Operand read = pendingNonNull != null ? pendingNonNull : selector;
            pendingNonNull = null;
            Instruction.Comparison cmp = data != null && data.isString() ? Instruction.Comparison.EQUALS
                    : Instruction.Comparison.EQUAL;
            Operand test = parser.emit(new Instruction.Compare(parser.newValue(null, Type.BOOLEAN), cmp, read, label(label)));
            condition = condition == null ? test
                    : parser.emit(new Instruction.Logic(parser.newValue(null, Type.BOOLEAN), false, condition, test));
        }
        return condition;
    }

    // ---- the chain of tests ----------------------------------------------------------------------------

    private boolean chain(Tree tree, List<? extends CaseTree> cases, Operand selector) {
        pendingNonNull = nonNull;
        List<Group> groups = new ArrayList<>();
        List<ExpressionTree> pending = new ArrayList<>();
        boolean pendingDefault = false;
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            boolean isDefault = c.getExpressions().isEmpty();
            if (isDefault && !parser.sourceText(c).startsWith("default")) {
                throw new Unsupported(c, "this case label is not supported; " + SUPPORTED_SELECTORS);
            }
            pending.addAll(c.getExpressions());
            pendingDefault |= isDefault;
            boolean emptyColonCase = c.getCaseKind() == CaseTree.CaseKind.STATEMENT && c.getStatements() != null
                    && c.getStatements().isEmpty()
                    && i < cases.size() - 1;
            if (!emptyColonCase) { // case 1: case 2: ... labels the statements of case 2
                groups.add(new Group(i, List.copyOf(pending), pendingDefault));
                pending.clear();
                pendingDefault = false;
            }
        }
        List<Group> tested = groups.stream().filter(g -> !g.isDefault()).toList();
        Group fallback = groups.stream().filter(Group::isDefault).findFirst().orElse(null);
        boolean expression = resultName != null || probed != null;
        if (fallback == null && expression && data != null && !data.isString() && !tested.isEmpty()) {
            // a switch expression without default covers every constant of its enum: its last case is the else
            fallback = tested.get(tested.size() - 1);
            tested = tested.subList(0, tested.size() - 1);
        }
        return test(tree, cases, selector, tested, 0, fallback);
    }

    /** {@code if (matches tested[k]) enter it; else test the next}, the last else entering {@code default}. */
    private boolean test(Tree tree, List<? extends CaseTree> cases, Operand selector, List<Group> tested, int k,
            Group fallback) {
        if (k == tested.size()) {
            return fallback == null ? completes() : enter(cases, fallback);
        }
        Group group = tested.get(k);
        int from = fallback == null ? group.index() : Math.min(group.index(), fallback.index());
        Set<String> names = new LinkedHashSet<>();
        for (int i = from; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            names.addAll(MethodParser.assignedNames(c.getCaseKind() == CaseTree.CaseKind.RULE || c.getStatements() == null
                    ? new Tree[] {c.getBody()} : c.getStatements().toArray(new Tree[0])));
        }
        addResult(names);
        Operand condition = matches(selector, group.labels());
        if (afterSwitch != null) {
            parser.branches.returningIfElse(condition, tree, () -> enter(cases, group),
                    () -> test(tree, cases, selector, tested, k + 1, fallback));
            return false;
        }
        return parser.branches.ifElse(condition, names, tree, () -> enter(cases, group),
                () -> test(tree, cases, selector, tested, k + 1, fallback));
    }

    /** The statements Java runs when it enters the switch at {@code group}. */
    private boolean enter(List<? extends CaseTree> cases, Group group) {
        CaseTree c = cases.get(group.index());
        int depth = parser.scopeDepth();
        parser.openScope();
        try {
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionStatementTree statement) {
                    body = statement.getExpression();
                }
                if (body instanceof BlockTree block) {
                    return run(block.getStatements(), 0, null);
                }
                if (body instanceof ThrowTree thrown) {
                    return parser.statement(thrown); // case X -> throw ...: does not complete normally
                }
                if (body instanceof ExpressionTree value) {
                    if (resultName != null || probed != null) {
                        yieldValue(value);
                    } else {
                        parser.expressionStatement(value);
                    }
                    return completes();
                }
                throw new Unsupported(body, Unsupported.describe(body) + " is not supported in a @Differentiable method");
            }
            List<StatementTree> fallsThrough = new ArrayList<>();
            for (int i = group.index(); i < cases.size(); i++) {
                List<? extends StatementTree> statements = cases.get(i).getStatements();
                fallsThrough.addAll(statements == null ? List.of() : statements); // null for a rule (javac rejects mixing)
            }
            return run(fallsThrough, 0, null);
        } finally {
            parser.closeScopes(depth);
        }
    }

    // ---- the statements of a case ----------------------------------------------------------------------

    /** Runs {@code statements} from {@code from}, then {@code rest}; true when the switch completes normally. */
    private boolean run(List<? extends StatementTree> given, int from, Rest rest) {
        List<? extends StatementTree> statements = MethodParser.indexed(given);
        for (int i = from; i < statements.size(); i++) {
            StatementTree statement = statements.get(i);
            if (statement instanceof BreakTree jump && jump.getLabel() == null) {
                return completes();
            }
            if (statement instanceof YieldTree yield) {
                if (resultName == null && probed == null) {
                    throw new Unsupported(statement, "a 'yield' inside a switch statement is not supported; "
                            + "yield from the cases of the switch expression itself");
                }
                yieldValue(yield.getValue());
                return true;
            }
            if (statement.getKind() == Tree.Kind.RETURN) {
                if (afterSwitch != null) {
                    parser.returnStatement((ReturnTree) statement);
                } else {
                    parser.statement(statement); // in a loop with a return: the loop's flagged exit
                }
                return false;
            }
            boolean returns = afterSwitch != null && MethodParser.contains(statement, Tree.Kind.RETURN);
            if (!exits(statement) && !returns) {
                if (!parser.statement(statement)) {
                    return false;
                }
                continue;
            }
            Rest after = new Rest(statements, i + 1, parser.scopeDepth(), rest);
            if (statement instanceof BlockTree block) {
                parser.openScope();
                return run(block.getStatements(), 0, after);
            }
            if (statement instanceof IfTree branch) {
                Operand condition = parser.branchCondition(branch.getCondition());
                Set<String> names = new LinkedHashSet<>(MethodParser.assignedNames(branch));
                for (Rest r = after; r != null; r = r.next()) {
                    names.addAll(MethodParser.assignedNames(
                            r.statements().subList(r.from(), r.statements().size()).toArray(new Tree[0])));
                }
                addResult(names);
                StatementTree otherwise = branch.getElseStatement();
                if (afterSwitch != null) {
                    parser.branches.returningIfElse(condition, branch, () -> run(List.of(branch.getThenStatement()), 0, after),
                            () -> run(otherwise == null ? List.of() : List.of(otherwise), 0, after));
                    return false;
                }
                return parser.branches.ifElse(condition, names, branch,
                        () -> run(List.of(branch.getThenStatement()), 0, after),
                        () -> run(otherwise == null ? List.of() : List.of(otherwise), 0, after));
            }
            if (!exits(statement) && (LoopExits.isLoop(statement) || statement instanceof SwitchTree)) {
                // a loop or a nested switch with a return inside: it continues with the rest of this case
                int next = i + 1;
                return parser.returning(statement, parser.resume(() -> run(statements, next, rest)));
            }
            if (!exits(statement)) {
                return parser.statement(statement); // a statement SourceGrad does not support: its error
            }
            throw new Unsupported(statement, "a 'break' or 'yield' of a switch inside " + Unsupported.describe(statement)
                    + " is not supported; SourceGrad supports them in the cases' statements, blocks and if/else");
        }
        if (rest == null) {
            return completes();
        }
        parser.closeScopes(rest.depth());
        return run(rest.statements(), rest.from(), rest.next());
    }

    private void yieldValue(ExpressionTree expression) {
        Operand value = parser.expression(expression);
        if (probed != null) {
            probed.add(value.type());
        } else {
            parser.assignHidden(resultName, value);
        }
    }

    private void addResult(Set<String> names) {
        if (resultName != null) {
            names.add(resultName);
        }
    }

    /** True when {@code statement} holds a {@code break} or {@code yield} of this switch (not of a nested loop or switch). */
    private static boolean exits(StatementTree statement) {
        Boolean found = new TreeScanner<Boolean, Void>() {
            @Override
            public Boolean visitBreak(BreakTree node, Void unused) {
                return node.getLabel() == null;
            }

            @Override
            public Boolean visitYield(YieldTree node, Void unused) {
                return true;
            }

            @Override
            public Boolean scan(Tree node, Void unused) {
                if (node == null) {
                    return false;
                }
                switch (node.getKind()) {
                    case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP, SWITCH, SWITCH_EXPRESSION,
                            LAMBDA_EXPRESSION, CLASS -> {
                        return false;
                    }
                    default -> {
                        return Boolean.TRUE.equals(super.scan(node, unused));
                    }
                }
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(statement, null);
        return Boolean.TRUE.equals(found);
    }
}
