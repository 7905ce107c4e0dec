package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.lower.DoWhileConditions;
import io.github.sourcegrad.processor.lower.ForUpdates;
import io.github.sourcegrad.processor.lower.LoopExits;
import io.github.sourcegrad.processor.lower.SideEffects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * The loops of a method body, for {@link MethodParser}: for, while, do-while and enhanced for become one
 * structured {@link Node.Loop} whose carried locals are written where each iteration ends, and break and
 * continue become jumps that write them first. What Java allows beyond that core form (a condition that
 * assigns, a for update that is more than a counter, a return inside a loop) is lowered here with the rules
 * in {@code lower/}: {@link SideEffects}, {@link ForUpdates}, {@link DoWhileConditions} and {@link LoopExits}.
 */
final class LoopParser {
    private final MethodParser parser;

    LoopParser(MethodParser parser) {
        this.parser = parser;
    }

    /**
     * A loop being parsed: the variables its body writes, by name, the updates of a for loop that run at the
     * end of its body and before each of its continues (see {@link ForUpdates}), and the condition of a lowered
     * do-while, which a continue tests before it jumps (see {@link DoWhileConditions}).
     */
    record LoopFrame(int id, String label, Map<String, Node.Loop.Carried> carried,
            List<ExpressionStatementTree> onContinue, ExpressionTree exitTest) {}

    /**
     * A loop with a return inside, lowered to a flagged exit (see {@link LoopExits}): {@code result} and
     * {@code returned} before the loop, and after it {@code if (returned) return result;} else the statements
     * that follow.
     */
    void returningLoop(StatementTree statement, MethodParser.Continuation next) {
        Type type = parser.resultVariable.type();
        if (type.isArray()) {
            throw new Unsupported(parser.tree.getReturnType(), "a @Differentiable method that returns an array cannot have "
                    + "branches or loops yet; return a double (such as a loss), or compute the array with ArrayMath operations");
        }
        Map<String, MethodParser.Variable> scope = parser.scopes.peek();
        MethodParser.Variable result = new MethodParser.Variable("result", type, null);
        result.current = parser.emit(new Instruction.Copy(parser.newValue(result.name, type), new Literal("0", 0, type)));
        MethodParser.Variable returned = new MethodParser.Variable("returned", Type.BOOLEAN, null);
        returned.current = parser.emit(new Instruction.Copy(parser.newValue(returned.name, Type.BOOLEAN), new Literal("false", 0, Type.BOOLEAN)));
        scope.put(LoopExits.RESULT, result);
        scope.put(LoopExits.RETURNED, returned);
        if (statement instanceof LabeledStatementTree) {
            parser.statement(statement);
        } else {
            String label = LoopExits.returnsFromNestedLoop(statement) ? LoopExits.freshLabel(parser.tree) : null;
            if (statement instanceof EnhancedForLoopTree each) {
                enhancedFor(each, label);
            } else {
                loop(statement, label);
            }
        }
        // branches inside the loop restore the scopes from copies: look the locals up again
        Operand flag = parser.lookup(LoopExits.RETURNED).current;
        Operand value = parser.lookup(LoopExits.RESULT).current;
        for (Map<String, MethodParser.Variable> open : parser.scopes) {
            open.remove(LoopExits.RESULT);
            open.remove(LoopExits.RETURNED);
        }

        List<Map<String, MethodParser.Variable>> saved = parser.saveScopes();
        List<Node> outer = parser.body;
        List<Node> otherwise = new ArrayList<>();
        parser.body = otherwise;
        boolean completes = parser.branches.returningBranch(null, next);
        parser.restoreScopes(saved);
        parser.body = outer;
        if (completes) {
            // nothing returns after the loop: javac accepts that only when the loop cannot end but by a return
            parser.emit(new Node.Write(parser.resultVariable, value));
            return;
        }
        parser.body.add(new Node.If(flag, List.of(new Node.Write(parser.resultVariable, value)), otherwise, List.of(parser.resultVariable)));
    }

    /** A return inside a loop: assigns {@code result} and {@code returned}, and breaks out of the outermost loop. */
    void returnFromLoop(ReturnTree ret) {
        Operand value = parser.returnValue(ret);
        MethodParser.Variable result = parser.lookup(LoopExits.RESULT);
        result.current = parser.bind(result.name, result.type, value, ret.getExpression());
        MethodParser.Variable returned = parser.lookup(LoopExits.RETURNED);
        returned.current = parser.emit(new Instruction.Copy(parser.newValue(returned.name, Type.BOOLEAN), new Literal("true", 1, Type.BOOLEAN)));
        LoopFrame outermost = parser.loops.getLast();
        writeCarried(outermost);
        parser.emit(new Node.Jump(Node.Jump.Kind.BREAK, outermost.id(), outermost.label()));
    }

    void loop(StatementTree statement, String label) {
        Node.Loop.Kind kind;
        List<? extends StatementTree> initializer = List.of();
        ExpressionTree test;
        List<? extends ExpressionStatementTree> update = List.of();
        StatementTree loopBody;
        if (statement instanceof ForLoopTree f) {
            kind = Node.Loop.Kind.FOR;
            initializer = f.getInitializer();
            test = f.getCondition();
            update = f.getUpdate();
            loopBody = f.getStatement();
        } else if (statement instanceof WhileLoopTree w) {
            kind = Node.Loop.Kind.WHILE;
            test = w.getCondition();
            loopBody = w.getStatement();
        } else {
            DoWhileLoopTree d = (DoWhileLoopTree) statement;
            kind = Node.Loop.Kind.DO_WHILE;
            test = d.getCondition();
            loopBody = d.getStatement();
        }
        // a condition that assigns runs in the body, on every evaluation: while (true) { if (!(c)) break; ... }; so
        // does a do-while condition that is more than one expression
        boolean lowered = SideEffects.has(test) || (kind == Node.Loop.Kind.DO_WHILE && DoWhileConditions.needStatements(test));
        parser.scopes.push(new HashMap<>());
        List<Node> outer = parser.body;
        List<Node> init = new ArrayList<>();
        parser.body = init;
        for (StatementTree s : initializer) {
            parser.statement(s);
        }
        ForUpdates.Split split = ForUpdates.split(update, name -> {
            MethodParser.Variable v = parser.lookup(name);
            return v != null && (v.type == Type.INT || v.type == Type.LONG);
        });
        if (split.counters().isEmpty() && !split.inBody().isEmpty()) {
            kind = Node.Loop.Kind.WHILE; // init; while (test) { body; update }: printed so, with no empty for header
        }
        int id = parser.nextLoopId++;
        Map<String, Node.Loop.Carried> carried = new LinkedHashMap<>();
        Map<String, Operand> before = new HashMap<>();
        List<Tree> written = new ArrayList<>(update);
        written.add(loopBody);
        if (lowered) {
            written.add(test);
        }
        for (String name : carriedNames(written.toArray(new Tree[0]))) {
            MethodParser.Variable variable = parser.lookup(name);
            if (variable == null) {
                continue;
            }
            Value m = parser.newValue(variable.name, variable.type);
            if (variable.current != null) {
                parser.emit(new Node.Write(m, variable.current));
                parser.sites.put(parser.body.get(parser.body.size() - 1), statement);
            }
            carried.put(name, new Node.Loop.Carried(m, parser.newValue(variable.name, variable.type)));
            before.put(name, variable.current);
        }
        Node.Loop.Counter counter = lowered ? null : counter(kind, initializer, split.counters(), loopBody, carried);

        setCurrent(carried, true);
        List<Node> condition = new ArrayList<>();
        parser.body = condition;
        Operand testValue = test == null || lowered ? new Literal("true", 1, Type.BOOLEAN) : parser.branchCondition(test);

        setCurrent(carried, false);
        List<Node> iteration = new ArrayList<>();
        parser.body = iteration;
        LoopFrame frame = new LoopFrame(id, label, carried, split.inBody(),
                lowered && kind == Node.Loop.Kind.DO_WHILE ? test : null);
        parser.loops.push(frame);
        parser.scopes.push(new HashMap<>());
        if (lowered && kind != Node.Loop.Kind.DO_WHILE) {
            exitUnless(test, frame);
        }
        boolean normal = parser.statement(loopBody);
        if (normal && lowered && kind == Node.Loop.Kind.DO_WHILE) {
            exitUnless(test, frame);
        }
        if (normal) {
            bodyUpdates(frame);
            writeCarried(frame);
        }
        parser.scopes.pop();
        parser.loops.pop();

        setCurrent(carried, true);
        List<Node> updateNodes = new ArrayList<>();
        parser.body = updateNodes;
        parser.inUpdate = true;
        try {
            for (ExpressionStatementTree u : split.counters()) {
                parser.expressionStatement(u.getExpression());
            }
        } finally {
            parser.inUpdate = false;
        }
        parser.body = outer;
        carried.forEach((name, c) -> {
            MethodParser.Variable variable = parser.lookup(name);
            variable.current = before.get(name) != null || statement instanceof DoWhileLoopTree ? c.variable() : null;
        });
        parser.scopes.pop();
        if (kind == Node.Loop.Kind.DO_WHILE
                && !condition.stream().allMatch(n -> n instanceof Instruction && !(n instanceof Instruction.Call))) {
            throw new Unsupported(test, "this do-while condition is not supported: it may compare, compute and call "
                    + "Math functions; compute calls to other methods into a local in the loop body");
        }
        parser.body.add(new Node.Loop(id, label, kind, init, condition, testValue, iteration, updateNodes,
                List.copyOf(carried.values()), counter));
    }

    /**
     * {@code for (double v : a)} over a {@code double[]} (or {@code for (double[] row : m)} over a matrix) is the
     * counted loop {@code for (int i = 0; i < a.length; i++) { double v = a[i]; ... }}, which is how the
     * generated code prints it. The array is evaluated once, before the loop, as Java does.
     */
    void enhancedFor(EnhancedForLoopTree loopTree, String label) {
        Operand array = parser.expression(loopTree.getExpression());
        if (!array.type().isArray()) {
            throw new Unsupported(loopTree.getExpression(), "an enhanced for loop needs a double[], double[][], int[] or int[][] here, "
                    + "but this is a " + array.type().keyword());
        }
        VariableTree element = loopTree.getVariable();
        Type elementType = array.type().element();
        Tree typeTree = element.getType();
        boolean var = typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
        boolean matches = var || (elementType == Type.DOUBLE ? typeTree instanceof PrimitiveTypeTree p
                && p.getPrimitiveTypeKind() == TypeKind.DOUBLE : elementType == Type.INT ? typeTree instanceof PrimitiveTypeTree p
                && p.getPrimitiveTypeKind() == TypeKind.INT : typeTree instanceof ArrayTypeTree a
                && MethodParser.arrayType(a).orElse(null) == elementType);
        if (!matches) {
            throw new Unsupported(element, "the loop variable '" + element.getName() + "' must be a "
                    + elementType.keyword() + " to go over a " + array.type().keyword());
        }
        String index = "#index" + parser.nextLoopId; // not a Java name: the user's code cannot see or shadow it
        String indexName = indexName();
        parser.scopes.push(new HashMap<>());
        List<Node> outer = parser.body;
        List<Node> init = new ArrayList<>();
        parser.body = init;
        MethodParser.Variable counterVariable = new MethodParser.Variable(index, Type.INT, null);
        counterVariable.current = parser.emit(new Instruction.Copy(parser.newValue(indexName, Type.INT), new Literal("0", 0, Type.INT)));
        parser.scopes.peek().put(index, counterVariable);
        int id = parser.nextLoopId++;
        Map<String, Node.Loop.Carried> carried = new LinkedHashMap<>();
        Map<String, Operand> before = new HashMap<>();
        List<String> assigned = new ArrayList<>(carriedNames(loopTree.getStatement()));
        assigned.remove(element.getName().toString());
        assigned.add(0, index);
        for (String name : assigned) {
            MethodParser.Variable variable = parser.lookup(name);
            if (variable == null) {
                continue;
            }
            Value m = parser.newValue(name.equals(index) ? indexName : variable.name, variable.type);
            if (variable.current != null) {
                parser.emit(new Node.Write(m, variable.current));
                parser.sites.put(parser.body.get(parser.body.size() - 1), loopTree);
            }
            carried.put(name, new Node.Loop.Carried(m, parser.newValue(name.equals(index) ? indexName : variable.name, variable.type)));
            before.put(name, variable.current);
        }
        Node.Loop.Counter counter = new Node.Loop.Counter(carried.get(index).variable(), 0);
        parser.syntheticIndices.push(indexName);

        setCurrent(carried, true);
        List<Node> condition = new ArrayList<>();
        parser.body = condition;
        Operand length = parser.emit(new Instruction.Length(parser.newValue(null, Type.INT), array));
        Operand test = parser.emit(new Instruction.Compare(parser.newValue(null, Type.BOOLEAN), Instruction.Comparison.LESS,
                counterVariable.current, length));

        setCurrent(carried, false);
        List<Node> iteration = new ArrayList<>();
        parser.body = iteration;
        LoopFrame frame = new LoopFrame(id, label, carried, List.of(), null);
        parser.loops.push(frame);
        parser.scopes.push(new HashMap<>());
        String name = element.getName().toString();
        Operand value = parser.emit(new Instruction.Load(parser.newValue(name, elementType), array, List.of(counterVariable.current)));
        parser.sites.put(parser.body.get(parser.body.size() - 1), loopTree);
        parser.scopes.peek().put(name, new MethodParser.Variable(name, elementType, value));
        boolean normal = parser.statement(loopTree.getStatement());
        if (normal) {
            writeCarried(frame);
        }
        parser.scopes.pop();
        parser.loops.pop();

        setCurrent(carried, true);
        List<Node> updateNodes = new ArrayList<>();
        parser.body = updateNodes;
        Operand next = parser.emit(new Instruction.Binary(parser.newValue(null, Type.INT), BinaryOperator.ADD, counterVariable.current,
                new Literal("1", 1, Type.INT)));
        parser.emit(new Node.Write((Value) counterVariable.current, next));
        parser.body = outer;
        carried.forEach((n, c) -> {
            MethodParser.Variable variable = parser.lookup(n);
            variable.current = before.get(n) != null ? c.variable() : null;
        });
        parser.scopes.pop();
        parser.syntheticIndices.pop();
        parser.body.add(new Node.Loop(id, label, Node.Loop.Kind.FOR, init, condition, test, iteration, updateNodes,
                List.copyOf(carried.values()), counter));
    }

    /** The generated code's name for an enhanced for's index: i, j, k, ... that the method does not use itself. */
    private String indexName() {
        Set<String> used = new HashSet<>(declaredNames(parser.tree));
        used.addAll(parser.syntheticIndices);
        for (String candidate : List.of("i", "j", "k", "l", "m", "n", "index")) {
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        return "index";
    }

    private static Set<String> declaredNames(Tree root) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                names.add(node.getName().toString());
                return super.visitVariable(node, unused);
            }
        }.scan(root, null);
        return names;
    }

    /** A loop condition that assigns, in the loop's body: its effects, then {@code if (!(c)) break;}. */
    private void exitUnless(ExpressionTree test, LoopFrame frame) {
        Operand condition = parser.expressions.condition(test);
        Operand negated = parser.emit(new Instruction.Not(parser.newValue(null, Type.BOOLEAN), condition));
        List<Node> outer = parser.body;
        List<Node> exit = new ArrayList<>();
        parser.body = exit;
        writeCarried(frame);
        parser.emit(new Node.Jump(Node.Jump.Kind.BREAK, frame.id(), frame.label()));
        parser.body = outer;
        parser.emit(new Node.If(negated, exit, List.of(), List.of()));
    }

    /** Points each carried local at its variable (conditions and updates) or at its entry value (the body). */
    private void setCurrent(Map<String, Node.Loop.Carried> carried, boolean variable) {
        carried.forEach((name, c) -> parser.lookup(name).current = variable ? c.variable() : c.entry());
    }

    /** Ends one iteration: each carried local that changed is written to its variable. */
    private void writeCarried(LoopFrame frame) {
        frame.carried().forEach((name, c) -> {
            Operand now = parser.lookup(name).current;
            if (now != null && !now.equals(c.entry())) {
                parser.emit(new Node.Write(c.variable(), now));
            }
        });
    }

    void jump(StatementTree statement, Node.Jump.Kind kind, String label) {
        LoopFrame target = null;
        for (LoopFrame frame : parser.loops) {
            if (label == null || label.equals(frame.label())) {
                target = frame;
                break;
            }
        }
        if (target == null) {
            throw new Unsupported(statement, label == null
                    ? Unsupported.describe(statement) + " outside a loop is not supported; SourceGrad supports break and continue of loops"
                    : "the label '" + label + "' does not name an enclosing loop");
        }
        if (kind == Node.Jump.Kind.CONTINUE && (!target.onContinue().isEmpty() || target.exitTest() != null)) {
            // the update runs before the next test: u; continue; a lowered do-while tests: if (!c) break; continue.
            // Nothing follows the jump, so the locals it changes are restored for the statements after the branch
            // that holds it
            List<Map<String, MethodParser.Variable>> saved = parser.saveScopes();
            bodyUpdates(target);
            if (target.exitTest() != null) {
                exitUnless(target.exitTest(), target);
            }
            writeCarried(target);
            parser.emit(new Node.Jump(kind, target.id(), target.label()));
            parser.restoreScopes(saved);
            return;
        }
        writeCarried(target);
        parser.emit(new Node.Jump(kind, target.id(), target.label()));
    }

    /** The updates of a for loop that change more than its counters, as statements of its body. */
    private void bodyUpdates(LoopFrame frame) {
        for (ExpressionStatementTree u : frame.onContinue()) {
            parser.expressionStatement(u.getExpression());
        }
    }

    /** {@code for (int i = <literal>; ...; i++)} with {@code i} assigned nowhere else. */
    private Node.Loop.Counter counter(Node.Loop.Kind kind, List<? extends StatementTree> initializer,
            List<? extends ExpressionStatementTree> update, StatementTree loopBody, Map<String, Node.Loop.Carried> carried) {
        if (kind != Node.Loop.Kind.FOR || initializer.size() != 1 || update.size() != 1
                || !(initializer.get(0) instanceof VariableTree declared)
                || !(declared.getInitializer() instanceof LiteralTree start)
                || start.getKind() != Tree.Kind.INT_LITERAL) {
            return null;
        }
        String name = declared.getName().toString();
        Node.Loop.Carried c = carried.get(name);
        ExpressionTree step = update.get(0).getExpression();
        boolean increments = switch (step.getKind()) {
            case POSTFIX_INCREMENT, PREFIX_INCREMENT -> ((UnaryTree) step).getExpression() instanceof IdentifierTree id
                    && id.getName().contentEquals(name);
            case PLUS_ASSIGNMENT -> ((CompoundAssignmentTree) step).getVariable() instanceof IdentifierTree id
                    && id.getName().contentEquals(name)
                    && ((CompoundAssignmentTree) step).getExpression() instanceof LiteralTree one
                    && Integer.valueOf(1).equals(one.getValue());
            default -> false;
        };
        int first = ((Number) start.getValue()).intValue();
        if (c == null || c.variable().type() != Type.INT || !increments || MethodParser.assignedNames(loopBody).contains(name)
                || first < 0 || first > 1_000_000) {
            return null;
        }
        return new Node.Loop.Counter(c.variable(), first);
    }

    /**
     * The names a loop assigns, and for the outermost loop the flagged exit's locals when it contains a return.
     * A return assigns them and breaks out of the outermost loop, so neither an inner loop nor an if ends
     * normally with them changed, and neither needs to carry or merge them.
     */
    private Set<String> carriedNames(Tree... trees) {
        Set<String> names = MethodParser.assignedNames(trees);
        if (parser.loops.isEmpty() && java.util.Arrays.stream(trees).anyMatch(t -> t != null && MethodParser.contains(t, Tree.Kind.RETURN))) {
            names.add(LoopExits.RESULT);
            names.add(LoopExits.RETURNED);
        }
        return names;
    }
}
