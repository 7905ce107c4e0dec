package io.github.sourcegrad.processor.parse;

import static io.github.sourcegrad.processor.parse.Unsupported.describe;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import io.github.sourcegrad.processor.ir.ArrayFunction;
import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.lower.LoopExits;
import io.github.sourcegrad.processor.lower.SideEffects;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Turns the body of one {@code @Differentiable} method into {@link Function} form: one operation per
 * instruction, in evaluation order, SSA values, and branches and loops as structured {@link Node}s whose
 * variables are written where they end. Every construct outside the supported subset is rejected here with an
 * {@link Unsupported} at its tree, so later stages never fail on user input.
 *
 * <p>This class holds the parser's state (scopes, the body being built, sites, ids, the loops around the
 * statement) and parses statements, declarations and assignments. The rest of the grammar is in package-private
 * classes that share this state: {@link BranchParser} (if/else and returning branches), {@link LoopParser},
 * {@link ExpressionParser}, {@link CallParser} and {@link ArrayParser}; each is small enough to read on its own.
 */
public final class MethodParser {
    public static final String ANNOTATION = "io.github.sourcegrad.Differentiable";
    /** A hand-written derivative: see {@code io.github.sourcegrad.CustomDerivative}. */
    public static final String CUSTOM_ANNOTATION = "io.github.sourcegrad.CustomDerivative";

    static final String SUPPORTED_STATEMENTS =
            "SourceGrad differentiates local variable declarations, assignments (=, +=, -=, *=, /=, ++, --), "
                    + "if/else, switch, for, while and do-while loops with break and continue, and return";

    final NameResolver resolver;
    final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final ExecutableElement method;
    final MethodTree tree;
    private final Set<String> differentiatedNames;
    /** The String and enum parameters, by name: data that the method may only compare (see {@link DataUse}). */
    final Map<String, TypeElement> dataClasses = new HashMap<>();
    /** Checks the helpers that are called as written; null in a parser that has none (then no helper is). */
    PureHelpers pureHelpers;

    /** The node list being appended to: the method body, or a branch or loop body while it is parsed. */
    List<Node> body = new ArrayList<>();
    final Map<Integer, Tree> callSites = new HashMap<>();
    /** Where each element read, store and ArrayMath call is written, for {@link ArrayWrites}'s errors. */
    final Map<Node, Tree> sites = new java.util.IdentityHashMap<>();
    /** Innermost scope first; a name maps to its current SSA value, or to an unassigned marker. */
    final Deque<Map<String, Variable>> scopes = new ArrayDeque<>();
    /** The index names of the enhanced for loops around the statement being parsed. */
    final Deque<String> syntheticIndices = new ArrayDeque<>();
    /** The loops around the statement being parsed, innermost first. */
    final Deque<LoopParser.LoopFrame> loops = new ArrayDeque<>();
    /** Set when the method returns from inside a branch: every return writes it. */
    Value resultVariable;
    private Operand result;
    /** True while parsing the update of a for loop, whose assignments write the loop's variables directly. */
    boolean inUpdate;
    private int nextId;
    int nextLoopId;

    // the pieces of the grammar, each in its own class; they all read and write the state above
    final BranchParser branches = new BranchParser(this);
    final LoopParser loopParser = new LoopParser(this);
    final ExpressionParser expressions = new ExpressionParser(this);
    final CallParser calls = new CallParser(this);
    final ArrayParser arrays = new ArrayParser(this);

    /**
     * What follows a statement list once it completes: the rest of an enclosing list, at a scope depth; or, inside
     * a lowered switch, {@code resume}, which parses the rest of the case and then what follows the switch.
     */
    record Continuation(List<? extends StatementTree> statements, int from, int depth, Continuation next, Alternative resume) {
        Continuation(List<? extends StatementTree> statements, int from, int depth, Continuation next) {
            this(statements, from, depth, next, null);
        }
    }

    /** A continuation that closes the scopes opened since now and parses {@code rest}. */
    Continuation resume(Alternative rest) {
        return new Continuation(List.of(), 0, scopes.size(), null, rest);
    }

    /** A local or parameter: its declared type and its current value (null until first assigned). */
    static final class Variable {
        final String name;
        final Type type;
        Operand current;

        Variable(String name, Type type, Operand current) {
            this.name = name;
            this.type = type;
            this.current = current;
        }

        Variable copy() {
            return new Variable(name, type, current);
        }
    }

    public MethodParser(
            NameResolver resolver,
            CompilationUnitTree unit,
            SourcePositions positions,
            ExecutableElement method,
            MethodTree tree,
            Set<String> differentiatedNames) {
        this.resolver = resolver;
        this.unit = unit;
        this.positions = positions;
        this.method = method;
        this.tree = tree;
        this.differentiatedNames = differentiatedNames;
    }

    /** Lets this parser call the user's pure int, long and boolean helpers as written ({@link PureHelpers}). */
    public MethodParser withPureHelpers(PureHelpers helpers) {
        this.pureHelpers = helpers;
        return this;
    }

    public ParsedMethod parse() {
        Map<String, Variable> parameterScope = new HashMap<>();
        List<Value> parameters = new ArrayList<>();
        List<Value> differentiated = new ArrayList<>();
        List<Type> parameterTypes = new ArrayList<>();
        List<String> parameterNames = new ArrayList<>();
        Map<Value, TypeRef> dataTypes = new HashMap<>();
        for (VariableElement p : method.getParameters()) {
            Type type = parameterType(p.asType()).orElseThrow(() -> new IllegalStateException("checked before parsing"));
            Value value = newValue(p.getSimpleName().toString(), type);
            if (type == Type.OBJECT) {
                TypeElement data = dataClass(p.asType()).orElseThrow();
                dataClasses.put(value.hint(), data);
                dataTypes.put(value, NameResolver.typeRef(data));
            }
            parameters.add(value);
            parameterTypes.add(type);
            parameterNames.add(dataTypes.containsKey(value) ? dataTypes.get(value).qualifiedName() : type.keyword());
            if (differentiatedNames.contains(value.hint())) {
                differentiated.add(value);
            }
            parameterScope.put(value.hint(), new Variable(value.hint(), type, value));
        }
        scopes.push(parameterScope);

        BlockTree block = tree.getBody();
        if (block == null) {
            throw new Unsupported(tree, "a @Differentiable method needs a body");
        }
        Nesting.check(block); // before anything recursive reads the body
        List<? extends StatementTree> statements = block.getStatements();
        scopes.push(new HashMap<>());
        if (returnsEarly(statements)) {
            resultVariable = newValue(method.getSimpleName().toString(), typeOf(method.getReturnType()).orElseThrow());
            result = resultVariable;
        }
        if (sequence(statements, 0, null)) {
            throw new Unsupported(tree, "a @Differentiable method must end with 'return <expression>;'");
        }
        if (result == null) {
            throw new Unsupported(tree, "this @Differentiable method throws on every path: it needs a path that returns a value");
        }

        Function parsed = new Function(new Callee(NameResolver.typeRef((TypeElement) method.getEnclosingElement()),
                method.getSimpleName().toString(), parameterTypes), parameters, differentiated, body, result);
        ArrayWrites.check(parsed, sites, tree.getReturnType());
        TypeRef owner = NameResolver.typeRef((TypeElement) method.getEnclosingElement());
        Callee signature = new Callee(owner, method.getSimpleName().toString(), parameterTypes, parameterNames);
        return new ParsedMethod(method, unit, new Function(signature, parameters, differentiated, body, result, dataTypes), callSites);
    }

    // ---- statements ------------------------------------------------------------------------------------

    /**
     * Parses {@code statements} from {@code from}, then the continuation; true when the end is reached with no
     * continuation left (the statements complete normally). A branch that returns takes the statements after it
     * as its own continuation, so every path ends in its own return.
     */
    boolean sequence(List<? extends StatementTree> statements, int from, Continuation continuation) {
        statements = indexed(statements);
        for (int i = from; i < statements.size(); i++) {
            StatementTree statement = statements.get(i);
            if (statement.getKind() == Tree.Kind.RETURN) {
                returnStatement((ReturnTree) statement);
                return false;
            }
            if (resultVariable != null && contains(statement, Tree.Kind.RETURN)) {
                Continuation next = new Continuation(statements, i + 1, scopes.size(), continuation);
                if (statement instanceof IfTree branch) {
                    branches.returningIf(branch, next);
                    return false;
                }
                if (statement instanceof BlockTree block) {
                    scopes.push(new HashMap<>());
                    return sequence(block.getStatements(), 0, next);
                }
                if (LoopExits.isLoop(statement) || statement instanceof SwitchTree) {
                    return returning(statement, next);
                }
            }
            if (!statement(statement)) {
                return false; // javac rejects statements after a break or continue, so none follow
            }
        }
        return resume(continuation);
    }

    /** Parses what follows once a statement list completes; true when that reaches the end of the method. */
    boolean resume(Continuation continuation) {
        if (continuation == null) {
            return true;
        }
        while (scopes.size() > continuation.depth()) {
            scopes.pop();
        }
        if (continuation.resume() != null) {
            return continuation.resume().parse();
        }
        return sequence(continuation.statements(), continuation.from(), continuation.next());
    }

    /**
     * A loop or switch with a return inside, followed by {@code next}: a loop becomes a flagged exit, a switch an
     * if/else chain whose paths each continue with {@code next} up to their own return. Returns false (every path
     * returns).
     */
    boolean returning(StatementTree statement, Continuation next) {
        if (statement instanceof SwitchTree sw) {
            if (new SwitchLowering(this).returning(sw, next)) {
                throw new Unsupported(tree, "a @Differentiable method must end with 'return <expression>;'");
            }
            return false;
        }
        loopParser.returningLoop(statement, next);
        return false;
    }

    /** Parses one statement; false when it cannot complete normally (it ends in break or continue on every path). */
    boolean statement(StatementTree statement) {
        switch (statement.getKind()) {
            case VARIABLE -> declaration((VariableTree) statement);
            case EXPRESSION_STATEMENT -> expressionStatement(((ExpressionStatementTree) statement).getExpression());
            case BLOCK -> {
                scopes.push(new HashMap<>());
                try {
                    for (StatementTree inner : ((BlockTree) statement).getStatements()) {
                        if (!statement(inner)) {
                            return false;
                        }
                    }
                } finally {
                    scopes.pop();
                }
            }
            case EMPTY_STATEMENT -> { }
            case IF -> {
                return branches.ifStatement((IfTree) statement);
            }
            case FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP -> loopParser.loop(statement, null);
            case SWITCH -> {
                return new SwitchLowering(this).statement((com.sun.source.tree.SwitchTree) statement);
            }
            case ENHANCED_FOR_LOOP -> loopParser.enhancedFor((EnhancedForLoopTree) statement, null);
            case LABELED_STATEMENT -> {
                LabeledStatementTree labeled = (LabeledStatementTree) statement;
                Tree.Kind kind = labeled.getStatement().getKind();
                if (kind == Tree.Kind.ENHANCED_FOR_LOOP) {
                    loopParser.enhancedFor((EnhancedForLoopTree) labeled.getStatement(), labeled.getLabel().toString());
                    return true;
                }
                if (kind != Tree.Kind.FOR_LOOP && kind != Tree.Kind.WHILE_LOOP && kind != Tree.Kind.DO_WHILE_LOOP) {
                    throw new Unsupported(statement, "a label on " + describe(labeled.getStatement())
                            + " is not supported; SourceGrad supports labels on for, while and do-while loops");
                }
                loopParser.loop(labeled.getStatement(), labeled.getLabel().toString());
            }
            case BREAK -> {
                BreakTree jump = (BreakTree) statement;
                loopParser.jump(statement, Node.Jump.Kind.BREAK, jump.getLabel() == null ? null : jump.getLabel().toString());
                return false;
            }
            case CONTINUE -> {
                ContinueTree jump = (ContinueTree) statement;
                loopParser.jump(statement, Node.Jump.Kind.CONTINUE, jump.getLabel() == null ? null : jump.getLabel().toString());
                return false;
            }
            case RETURN -> {
                if (!returnsFromLoop()) {
                    throw new Unsupported(statement, "this return statement is not supported here; " + SUPPORTED_STATEMENTS);
                }
                loopParser.returnFromLoop((ReturnTree) statement);
                return false;
            }
            case ASSERT -> assertStatement((AssertTree) statement);
            case THROW -> {
                String home = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                emit(new Throws(this, resolver, home).parse((com.sun.source.tree.ThrowTree) statement));
                return false;
            }
            default -> throw new Unsupported(statement,
                    describe(statement) + " is not supported in a @Differentiable method; " + SUPPORTED_STATEMENTS);
        }
        return true;
    }

    /** True inside a loop with a return: a return there is the loop's flagged exit. */
    boolean returnsFromLoop() {
        return !loops.isEmpty() && lookup(LoopExits.RESULT) != null;
    }

    void returnStatement(ReturnTree ret) {
        Operand value = returnValue(ret);
        if (value.type().isArray() && isParameter(value)) {
            // the result's adjoint is the caller's upstream array, which the parameter's gradient must not share
            value = emit(new Instruction.ArrayCall(newValue(null, value.type()), ArrayFunction.COPY, List.of(value)));
        }
        if (resultVariable != null) {
            emit(new Node.Write(resultVariable, value));
        } else {
            result = value;
        }
    }

    Operand returnValue(ReturnTree ret) {
        if (ret.getExpression() == null) {
            throw new Unsupported(ret, "a @Differentiable method must return a double value");
        }
        Operand value = expression(ret.getExpression());
        Type returns = typeOf(method.getReturnType()).orElseThrow();
        if (!assignable(value.type(), returns)) {
            throw new Unsupported(ret.getExpression(), "this @Differentiable method returns " + returns.keyword()
                    + " but this is a " + value.type().keyword() + " value");
        }
        return value;
    }

    /**
     * {@code assert}: left out of the generated code, which runs as Java does by default (without {@code -ea});
     * so that this cannot change a value, its condition and message may not assign.
     */
    private void assertStatement(AssertTree statement) {
        Tree effect = SideEffects.first(statement);
        if (effect != null) {
            throw new Unsupported(effect, "an assignment, ++ or -- inside an assert is not supported: Java runs it only "
                    + "with -ea, so the values after the assert would depend on that; assign before the assert");
        }
    }

    private boolean isParameter(Operand value) {
        return scopes.getLast().values().stream().anyMatch(v -> value.equals(v.current) && v.name.equals(((Value) value).hint()));
    }

    /**
     * {@code statements} as a list with constant-time {@code get(i)}: javac's own lists are linked, and walking a
     * block of {@code n} statements by index would take {@code n^2} steps.
     */
    static <T> List<T> indexed(List<T> statements) {
        return statements instanceof java.util.RandomAccess ? statements : new ArrayList<>(statements);
    }

    /** True when a return comes before the method's last statement: every return then writes one result variable. */
    private static boolean returnsEarly(List<? extends StatementTree> statements) {
        statements = indexed(statements);
        for (int i = 0; i < statements.size(); i++) {
            boolean last = i == statements.size() - 1;
            StatementTree s = statements.get(i);
            if (last ? s.getKind() != Tree.Kind.RETURN && contains(s, Tree.Kind.RETURN) : contains(s, Tree.Kind.RETURN)) {
                return true;
            }
        }
        return false;
    }

    /** One side of an if: parses into the current body; true when it completes normally. */
    interface Alternative {
        boolean parse();
    }

    // ---- scopes and assigned names, shared by branches and loops ---------------------------------------

    List<Map<String, Variable>> saveScopes() {
        List<Map<String, Variable>> copy = new ArrayList<>();
        for (Map<String, Variable> scope : scopes) {
            Map<String, Variable> m = new HashMap<>();
            scope.forEach((k, v) -> m.put(k, v.copy()));
            copy.add(m);
        }
        return copy;
    }

    void restoreScopes(List<Map<String, Variable>> saved) {
        scopes.clear();
        for (Map<String, Variable> scope : saved) {
            Map<String, Variable> m = new HashMap<>();
            scope.forEach((k, v) -> m.put(k, v.copy()));
            scopes.addLast(m);
        }
    }

    /** The simple names that {@code trees} assign (=, op=, ++, --), in source order. */
    static Set<String> assignedNames(Tree... trees) {
        Set<String> names = new LinkedHashSet<>();
        TreeScanner<Void, Void> scanner = new TreeScanner<>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                add(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                add(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                switch (node.getKind()) {
                    case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> add(node.getExpression());
                    default -> { }
                }
                return super.visitUnary(node, unused);
            }

            private void add(ExpressionTree target) {
                if (target instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
            }
        };
        for (Tree tree : trees) {
            if (tree != null) {
                scanner.scan(tree, null);
            }
        }
        return names;
    }

    static boolean contains(Tree tree, Tree.Kind kind) {
        Boolean found = new TreeScanner<Boolean, Void>() {
            @Override
            public Boolean scan(Tree node, Void unused) {
                if (node != null && node.getKind() == kind) {
                    return true;
                }
                return Boolean.TRUE.equals(super.scan(node, unused));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(tree, null);
        return Boolean.TRUE.equals(found);
    }

    // ---- declarations and assignments ------------------------------------------------------------------

    private void declaration(VariableTree declaration) {
        String name = declaration.getName().toString();
        Tree typeTree = declaration.getType();
        ExpressionTree initializer = declaration.getInitializer();
        Type type;
        if (typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"))) {
            if (initializer == null) {
                throw new Unsupported(declaration, "'var' needs an initializer");
            }
            type = null;
        } else if (typeTree instanceof PrimitiveTypeTree primitive) {
            type = primitive(primitive.getPrimitiveTypeKind())
                    .orElseThrow(() -> new Unsupported(typeTree, "local variables of type '" + typeTree
                            + "' are not supported; use double (or int, long, boolean for constants)"));
        } else if (typeTree instanceof ArrayTypeTree array) {
            type = arrayType(array).orElseThrow(() -> new Unsupported(typeTree, "local variables of type '" + typeTree
                    + "' are not supported; arrays must be double[], double[][], int[] or int[][]"));
        } else {
            throw new Unsupported(typeTree, "local variables of type '" + typeTree
                    + "' are not supported; use double (or int, long, boolean for constants)");
        }
        if (initializer == null) {
            scopes.peek().put(name, new Variable(name, type, null));
            return;
        }
        // int[] p = {0, 2, 1}: the initializer takes its element type from the declaration
        Operand value = (type == Type.INT_VECTOR || type == Type.INT_MATRIX) && initializer instanceof NewArrayTree list
                && list.getType() == null ? arrays.arrayLiteral(list, type) : expression(initializer);
        Type declared = type == null ? value.type() : type;
        scopes.peek().put(name, new Variable(name, declared, bind(name, declared, value, initializer)));
    }

    void expressionStatement(ExpressionTree expression) {
        switch (expression.getKind()) {
            case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT,
                    AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
                    UNSIGNED_RIGHT_SHIFT_ASSIGNMENT,
                    PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> assignment(expression, false);
            case METHOD_INVOCATION -> expression(expression);
            default -> throw new Unsupported(expression, describe(expression)
                    + " is not supported as a statement in a @Differentiable method; " + SUPPORTED_STATEMENTS);
        }
    }

    /**
     * {@code =}, {@code op=}, {@code ++} and {@code --}, as a statement or inside an expression: the variable is
     * rebound where Java evaluates the assignment (JLS 15.7: a compound assignment reads the variable before its
     * right side; an element's array and indices are evaluated once). When {@code valueUsed}, returns the value of
     * the expression: the value assigned, or the old value for postfix {@code ++} and {@code --}.
     */
    Operand assignment(ExpressionTree expression, boolean valueUsed) {
        Tree.Kind kind = expression.getKind();
        boolean postfix = kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.POSTFIX_DECREMENT;
        ExpressionTree target;
        BinaryOperator op;
        java.util.function.Supplier<Operand> right;
        if (expression instanceof AssignmentTree assignment) {
            target = assignment.getVariable();
            op = null;
            right = () -> expression(assignment.getExpression());
        } else if (expression instanceof CompoundAssignmentTree assignment) {
            target = assignment.getVariable();
            op = switch (kind) {
                case PLUS_ASSIGNMENT -> BinaryOperator.ADD;
                case MINUS_ASSIGNMENT -> BinaryOperator.SUBTRACT;
                case MULTIPLY_ASSIGNMENT -> BinaryOperator.MULTIPLY;
                case DIVIDE_ASSIGNMENT -> BinaryOperator.DIVIDE;
                case REMAINDER_ASSIGNMENT -> BinaryOperator.REMAINDER;
                default -> BitwiseOperators.of(kind); // &= |= ^= <<= >>= >>>=
            };
            right = () -> expression(assignment.getExpression());
        } else {
            target = ((UnaryTree) expression).getExpression();
            boolean increment = kind == Tree.Kind.PREFIX_INCREMENT || kind == Tree.Kind.POSTFIX_INCREMENT;
            op = increment ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            right = () -> new Literal("1", 1, Type.INT);
        }
        if (target instanceof ArrayAccessTree element) {
            return arrays.store(element, op, right, expression, valueUsed, postfix);
        }
        Variable variable = assignedVariable(target);
        if (op == null) {
            Operand value = right.get();
            // the right side may have replaced the variable's scope entry (a switch expression's cases save and
            // restore the scopes): write to the variable as it is now
            variable = assignedVariable(target);
            if (inUpdate) {
                return update(variable, value, expression);
            }
            variable.current = bind(variable.name, variable.type, value, ((AssignmentTree) expression).getExpression());
            return variable.current;
        }
        Operand current = expressions.read(variable, target);
        Operand operand = right.get();
        variable = assignedVariable(target);
        Operand result = expressions.binary(op, current, operand, expression);
        if (inUpdate) {
            Operand updated = update(variable, result, expression);
            return postfix ? current : updated;
        }
        variable.current = bindCompound(variable, result);
        return postfix ? current : variable.current;
    }

    /** An assignment in a for loop's update writes the loop's variable directly; only counters may change there. */
    private Operand update(Variable variable, Operand value, Tree where) {
        if (variable.type == Type.DOUBLE || variable.type == Type.BOOLEAN || !(variable.current instanceof Value v)) {
            throw new Unsupported(where, "the update of a for loop may only change int and long counters; "
                    + "assign '" + variable.name + "' in the loop body instead");
        }
        if (value.type() != variable.type) {
            value = emit(new Instruction.Cast(newValue(null, variable.type), value));
        }
        emit(new Node.Write(v, value));
        return value;
    }

    /** Names the result of a compound assignment after its variable, narrowing as Java's {@code x op= e} does. */
    private Operand bindCompound(Variable variable, Operand result) {
        if (result.type() != variable.type) {
            return emit(new Instruction.Cast(newValue(variable.name, variable.type), result));
        }
        return rename(variable.name, result);
    }

    private Variable assignedVariable(ExpressionTree target) {
        if (target instanceof IdentifierTree id) {
            Variable variable = lookup(id.getName().toString());
            if (variable != null && variable.type == Type.OBJECT) {
                throw new Unsupported(target, "assigning the parameter '" + id.getName() + "' is not supported; "
                        + DataUse.only(variable.name, dataClasses.get(variable.name)));
            }
            if (variable != null) {
                return variable;
            }
            throw new Unsupported(target, "assigning to field '" + id.getName()
                    + "' is not supported: a @Differentiable method may only assign its parameters and local variables");
        }
        throw new Unsupported(target, "assigning to " + describe(target)
                + " is not supported: a @Differentiable method may only assign its parameters and local variables");
    }

    /**
     * Gives the value assigned to variable {@code name} the user's name: the instruction that computed it is
     * renamed when it is a fresh temporary of the right type, otherwise a copy (or widening) is added.
     */
    Operand bind(String name, Type declared, Operand value, Tree where) {
        if (!assignable(value.type(), declared)) {
            throw new Unsupported(where, "cannot assign a " + value.type().keyword() + " value to the "
                    + declared.keyword() + " variable '" + name + "'");
        }
        if (value.type() == declared && isFreshTemporary(value)) {
            return rename(name, value);
        }
        Operand copy = emit(new Instruction.Copy(newValue(name, declared), value));
        sites.put(body.get(body.size() - 1), where);
        return copy;
    }

    private Operand rename(String name, Operand value) {
        if (!isFreshTemporary(value)) {
            return emit(new Instruction.Copy(newValue(name, value.type()), value));
        }
        Value temporary = (Value) value;
        Value named = new Value(temporary.id(), name, temporary.type());
        Node last = body.remove(body.size() - 1);
        if (last instanceof Node.If ternary) {
            // the other variables of the branches stay (a switch expression's case may assign the user's locals)
            List<Value> variables = ternary.variables().stream().map(v -> v.equals(temporary) ? named : v).toList();
            body.add(new Node.If(ternary.condition(), renameWrite(ternary.then(), named), renameWrite(ternary.otherwise(), named),
                    variables));
        } else {
            Instruction renamed = ((Instruction) last).withOut(named);
            body.add(renamed);
            Tree site = sites.remove(last);
            if (site != null) {
                sites.put(renamed, site);
            }
        }
        return named;
    }

    /** The branch of a conditional expression, writing the user's local instead of a temporary. */
    private static List<Node> renameWrite(List<Node> branch, Value named) {
        List<Node> renamed = new ArrayList<>(branch);
        Node.Write write = (Node.Write) renamed.remove(renamed.size() - 1);
        renamed.add(new Node.Write(named, write.value()));
        return renamed;
    }

    /** The value the last node computes, not yet named by the user: an instruction's result, or a conditional expression's. */
    private boolean isFreshTemporary(Operand value) {
        if (!(value instanceof Value v) || !v.isTemporary() || body.isEmpty()) {
            return false;
        }
        Node last = body.get(body.size() - 1);
        if (last instanceof Instruction instruction) {
            return instruction.out().equals(v);
        }
        return last instanceof Node.If ternary && writesLast(ternary.then(), v) && writesLast(ternary.otherwise(), v);
    }

    private static boolean writesLast(List<Node> branch, Value v) {
        return !branch.isEmpty() && branch.get(branch.size() - 1) instanceof Node.Write w && w.variable().equals(v);
    }

    static boolean assignable(Type from, Type to) {
        if (from == to) {
            return true;
        }
        return switch (to) {
            case DOUBLE -> from == Type.INT || from == Type.LONG;
            case LONG -> from == Type.INT;
            default -> false;
        };
    }

    // ---- expressions: parsed by ExpressionParser -------------------------------------------------------

    Operand expression(ExpressionTree expression) {
        return expressions.expressionOf(expression);
    }

    /** The condition of an if or a loop (not a boolean local's value): its parts are printed inside it. */
    Operand branchCondition(ExpressionTree expression) {
        return expressions.condition(expression);
    }

    /** True when {@code element} carries {@code @CustomDerivative}: its callers call it, with the derivative its pullback gives. */
    public static boolean hasCustomDerivative(Element element) {
        return element.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(CUSTOM_ANNOTATION));
    }

    public static boolean isDifferentiable(Element element) {
        return element.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    Value newValue(String hint, Type type) {
        return new Value(nextId++, hint, type);
    }

    Operand emit(Instruction instruction) {
        body.add(instruction);
        return instruction.out();
    }

    void emit(Node node) {
        body.add(node);
    }

    /** The innermost scope's depth, and going back to it: SwitchLowering's blocks open scopes as the parser's do. */
    int scopeDepth() {
        return scopes.size();
    }

    void openScope() {
        scopes.push(new HashMap<>());
    }

    void closeScopes(int depth) {
        while (scopes.size() > depth) {
            scopes.pop();
        }
    }

    /** Declares a local that Java code cannot name ({@code name} is not an identifier): a switch expression's value. */
    void declareHidden(String name, String hint, Type type) {
        scopes.peek().put(name, new Variable(hint, type, null));
    }

    /** True when {@code name} is a local, a parameter or a static field this method can see. */
    boolean resolves(String name) {
        return lookup(name) != null || resolver.field(name).isPresent();
    }

    Operand hiddenValue(String name) {
        return lookup(name).current;
    }

    void assignHidden(String name, Operand value) {
        Variable variable = lookup(name);
        if (value.type() != variable.type && value instanceof Literal literal) {
            value = new Literal(Literal.format(literal.value()), literal.value(), variable.type); // 0, not (double) 0
        } else if (value.type() != variable.type) {
            value = emit(new Instruction.Cast(newValue(null, variable.type), value));
        }
        variable.current = value;
    }

    /** Where the parser stands, to parse a piece twice: once to learn its types, then for real. */
    record Mark(List<Map<String, Variable>> scopes, List<Node> body, int size, int nextId, int nextLoopId) {}

    Mark mark() {
        return new Mark(saveScopes(), body, body.size(), nextId, nextLoopId);
    }

    void rollback(Mark mark) {
        restoreScopes(mark.scopes());
        body = mark.body();
        body.subList(mark.size(), body.size()).clear();
        nextId = mark.nextId();
        nextLoopId = mark.nextLoopId();
    }

    Variable lookup(String name) {
        for (Map<String, Variable> scope : scopes) {
            Variable variable = scope.get(name);
            if (variable != null) {
                return variable;
            }
        }
        return null;
    }

    static void requireNumeric(Operand value, Tree where, String context) {
        if (value.type().isArray() && !value.type().isReal()) {
            throw new Unsupported(where, "an " + value.type().keyword() + " array cannot be used in " + context
                    + "; use its elements");
        }
        if (value.type().isArray()) {
            throw new Unsupported(where, "a " + value.type().keyword() + " array cannot be used in " + context
                    + "; use the element-wise operations of ArrayMath (add, multiply, scale, ...) or loop over its elements");
        }
        if (!value.type().isNumeric()) {
            throw new Unsupported(where, "a boolean value cannot be used in " + context
                    + "; booleans can only be passed to other @Differentiable methods");
        }
    }

    String sourceText(Tree tree) {
        try {
            long start = positions.getStartPosition(unit, tree);
            long end = positions.getEndPosition(unit, tree);
            CharSequence content = unit.getSourceFile().getCharContent(true);
            if (start >= 0 && end > start && end <= content.length()) {
                return content.subSequence((int) start, (int) end).toString();
            }
        } catch (IOException | RuntimeException e) {
            // fall back to javac's rendering below
        }
        return tree.toString();
    }

    NameResolver resolver() {
        return resolver;
    }

    /** The type of a parameter of a @Differentiable method: {@link #typeOf}, or {@link Type#OBJECT} for a String or enum. */
    public static Optional<Type> parameterType(TypeMirror type) {
        return typeOf(type).or(() -> dataClass(type).map(c -> Type.OBJECT));
    }

    /** {@code String} or an enum: the classes of the data parameters a method may switch on and compare. */
    public static Optional<TypeElement> dataClass(TypeMirror type) {
        if (type instanceof javax.lang.model.type.DeclaredType declared && declared.asElement() instanceof TypeElement element
                && (element.getKind() == javax.lang.model.element.ElementKind.ENUM
                        || element.getQualifiedName().contentEquals("java.lang.String"))) {
            return Optional.of(element);
        }
        return Optional.empty();
    }

    /** The type of a parameter or callee parameter: a primitive, {@code double[]}, {@code double[][]} or {@code int[]}. */
    public static Optional<Type> typeOf(TypeMirror type) {
        if (type instanceof javax.lang.model.type.ArrayType array) {
            TypeMirror component = array.getComponentType();
            if (component.getKind() == TypeKind.DOUBLE) {
                return Optional.of(Type.VECTOR);
            }
            if (component.getKind() == TypeKind.INT) {
                return Optional.of(Type.INT_VECTOR);
            }
            if (component instanceof javax.lang.model.type.ArrayType inner && inner.getComponentType().getKind() == TypeKind.INT) {
                return Optional.of(Type.INT_MATRIX);
            }
            if (component instanceof javax.lang.model.type.ArrayType inner && inner.getComponentType().getKind() == TypeKind.DOUBLE) {
                return Optional.of(Type.MATRIX);
            }
            return Optional.empty();
        }
        return primitive(type.getKind());
    }

    public static Optional<Type> primitive(TypeKind kind) {
        return switch (kind) {
            case DOUBLE -> Optional.of(Type.DOUBLE);
            case INT -> Optional.of(Type.INT);
            case LONG -> Optional.of(Type.LONG);
            case BOOLEAN -> Optional.of(Type.BOOLEAN);
            default -> Optional.empty();
        };
    }

    static Optional<Type> arrayType(ArrayTypeTree array) {
        Tree component = array.getType();
        if (component instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
            return Optional.of(Type.VECTOR);
        }
        if (component instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.INT) {
            return Optional.of(Type.INT_VECTOR);
        }
        if (component instanceof ArrayTypeTree inner && inner.getType() instanceof PrimitiveTypeTree p
                && p.getPrimitiveTypeKind() == TypeKind.INT) {
            return Optional.of(Type.INT_MATRIX);
        }
        if (component instanceof ArrayTypeTree inner && inner.getType() instanceof PrimitiveTypeTree p
                && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
            return Optional.of(Type.MATRIX);
        }
        return Optional.empty();
    }

}
