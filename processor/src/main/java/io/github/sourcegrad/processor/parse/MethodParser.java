package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Turns the body of one {@code @Differentiable} method into SSA {@link Function} form, one operation per
 * instruction, in evaluation order. Every construct outside the supported subset is rejected here with an
 * {@link Unsupported} at its tree, so later stages never fail on user input.
 */
public final class MethodParser {
    public static final String ANNOTATION = "io.github.sourcegrad.Differentiable";

    static final String STRAIGHT_LINE =
            "SourceGrad differentiates straight-line code: local variable declarations, assignments "
                    + "(=, +=, -=, *=, /=, ++, --) and one return statement at the end";

    private final NameResolver resolver;
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final ExecutableElement method;
    private final MethodTree tree;
    private final Set<String> differentiatedNames;

    private final List<Instruction> body = new ArrayList<>();
    private final Map<Integer, Tree> callSites = new HashMap<>();
    /** Innermost scope first; a name maps to its current SSA value, or to an unassigned marker. */
    private final Deque<Map<String, Variable>> scopes = new ArrayDeque<>();
    private int nextId;

    /** A local or parameter: its declared type and its current value (null until first assigned). */
    private static final class Variable {
        final String name;
        final Type type;
        Operand current;

        Variable(String name, Type type, Operand current) {
            this.name = name;
            this.type = type;
            this.current = current;
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

    public ParsedMethod parse() {
        Map<String, Variable> parameterScope = new HashMap<>();
        List<Value> parameters = new ArrayList<>();
        List<Value> differentiated = new ArrayList<>();
        List<Type> parameterTypes = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            Type type = primitive(p.asType()).orElseThrow(() -> new IllegalStateException("checked before parsing"));
            Value value = newValue(p.getSimpleName().toString(), type);
            parameters.add(value);
            parameterTypes.add(type);
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
        List<? extends StatementTree> statements = block.getStatements();
        scopes.push(new HashMap<>());
        if (statements.isEmpty() || statements.get(statements.size() - 1).getKind() != Tree.Kind.RETURN) {
            statements(statements); // reports the first unsupported statement, if there is one
            throw new Unsupported(tree, "a @Differentiable method must end with 'return <expression>;'");
        }
        statements(statements.subList(0, statements.size() - 1));
        ReturnTree ret = (ReturnTree) statements.get(statements.size() - 1);
        Operand result = expression(ret.getExpression());
        if (result.type() == Type.BOOLEAN) {
            throw new Unsupported(ret.getExpression(), "a @Differentiable method must return a double value");
        }

        TypeRef owner = NameResolver.typeRef((TypeElement) method.getEnclosingElement());
        Callee signature = new Callee(owner, method.getSimpleName().toString(), parameterTypes);
        return new ParsedMethod(method, unit, new Function(signature, parameters, differentiated, body, result), callSites);
    }

    // ---- statements ------------------------------------------------------------------------------------

    private void statements(List<? extends StatementTree> statements) {
        for (StatementTree statement : statements) {
            statement(statement);
        }
    }

    private void statement(StatementTree statement) {
        switch (statement.getKind()) {
            case VARIABLE -> declaration((VariableTree) statement);
            case EXPRESSION_STATEMENT -> expressionStatement(((ExpressionStatementTree) statement).getExpression());
            case BLOCK -> {
                scopes.push(new HashMap<>());
                statements(((BlockTree) statement).getStatements());
                scopes.pop();
            }
            case EMPTY_STATEMENT -> { }
            case RETURN -> throw new Unsupported(statement,
                    "a return statement before the end of the method is not supported; " + STRAIGHT_LINE);
            default -> throw new Unsupported(statement,
                    describe(statement) + " is not supported in a @Differentiable method; " + STRAIGHT_LINE);
        }
    }

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
        } else {
            throw new Unsupported(typeTree, "local variables of type '" + typeTree
                    + "' are not supported; use double (or int, long, boolean for constants)");
        }
        if (initializer == null) {
            scopes.peek().put(name, new Variable(name, type, null));
            return;
        }
        Operand value = expression(initializer);
        Type declared = type == null ? value.type() : type;
        scopes.peek().put(name, new Variable(name, declared, bind(name, declared, value, initializer)));
    }

    private void expressionStatement(ExpressionTree expression) {
        switch (expression.getKind()) {
            case ASSIGNMENT -> {
                AssignmentTree assignment = (AssignmentTree) expression;
                Variable variable = assignedVariable(assignment.getVariable());
                Operand value = expression(assignment.getExpression());
                variable.current = bind(variable.name, variable.type, value, assignment.getExpression());
            }
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
                CompoundAssignmentTree assignment = (CompoundAssignmentTree) expression;
                Variable variable = assignedVariable(assignment.getVariable());
                Operand current = read(variable, assignment.getVariable());
                Operand operand = expression(assignment.getExpression());
                BinaryOperator op = switch (expression.getKind()) {
                    case PLUS_ASSIGNMENT -> BinaryOperator.ADD;
                    case MINUS_ASSIGNMENT -> BinaryOperator.SUBTRACT;
                    case MULTIPLY_ASSIGNMENT -> BinaryOperator.MULTIPLY;
                    case DIVIDE_ASSIGNMENT -> BinaryOperator.DIVIDE;
                    default -> BinaryOperator.REMAINDER;
                };
                Operand result = binary(op, current, operand, expression);
                variable.current = bindCompound(variable, result);
            }
            case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
                UnaryTree unary = (UnaryTree) expression;
                Variable variable = assignedVariable(unary.getExpression());
                Operand current = read(variable, unary.getExpression());
                boolean increment = expression.getKind() == Tree.Kind.PREFIX_INCREMENT
                        || expression.getKind() == Tree.Kind.POSTFIX_INCREMENT;
                Operand result = binary(increment ? BinaryOperator.ADD : BinaryOperator.SUBTRACT,
                        current, new Literal("1", 1, Type.INT), expression);
                variable.current = bindCompound(variable, result);
            }
            case METHOD_INVOCATION -> expression(expression);
            default -> throw new Unsupported(expression, describe(expression)
                    + " is not supported as a statement in a @Differentiable method; " + STRAIGHT_LINE);
        }
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
    private Operand bind(String name, Type declared, Operand value, Tree where) {
        if (!assignable(value.type(), declared)) {
            throw new Unsupported(where, "cannot assign a " + value.type().keyword() + " value to the "
                    + declared.keyword() + " variable '" + name + "'");
        }
        if (value.type() == declared && isFreshTemporary(value)) {
            return rename(name, value);
        }
        return emit(new Instruction.Copy(newValue(name, declared), value));
    }

    private Operand rename(String name, Operand value) {
        if (!isFreshTemporary(value)) {
            return emit(new Instruction.Copy(newValue(name, value.type()), value));
        }
        Instruction last = body.remove(body.size() - 1);
        Value named = new Value(last.out().id(), name, last.out().type());
        body.add(last.withOut(named));
        return named;
    }

    private boolean isFreshTemporary(Operand value) {
        return value instanceof Value v && v.isTemporary() && !body.isEmpty() && body.get(body.size() - 1).out().equals(v);
    }

    private static boolean assignable(Type from, Type to) {
        if (from == to) {
            return true;
        }
        return switch (to) {
            case DOUBLE -> from == Type.INT || from == Type.LONG;
            case LONG -> from == Type.INT;
            default -> false;
        };
    }

    // ---- expressions -----------------------------------------------------------------------------------

    private Operand expression(ExpressionTree expression) {
        switch (expression.getKind()) {
            case PARENTHESIZED:
                return expression(((ParenthesizedTree) expression).getExpression());
            case INT_LITERAL:
            case LONG_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
                return literal((LiteralTree) expression);
            case FLOAT_LITERAL:
                throw new Unsupported(expression, "float literals are not supported; write a double literal such as "
                        + sourceText(expression).replaceAll("[fF]$", ""));
            case IDENTIFIER:
                return identifier((IdentifierTree) expression);
            case MEMBER_SELECT:
                return memberSelect((MemberSelectTree) expression);
            case UNARY_MINUS: {
                ExpressionTree operand = ((UnaryTree) expression).getExpression();
                Operand value = expression(operand);
                requireNumeric(value, operand, "unary -");
                if (value instanceof Literal literal) {
                    return literal.negated();
                }
                return emit(new Instruction.Negate(newValue(null, value.type()), value));
            }
            case UNARY_PLUS: {
                ExpressionTree operand = ((UnaryTree) expression).getExpression();
                Operand value = expression(operand);
                requireNumeric(value, operand, "unary +");
                return value;
            }
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case REMAINDER: {
                BinaryTree binary = (BinaryTree) expression;
                Operand left = expression(binary.getLeftOperand());
                Operand right = expression(binary.getRightOperand());
                BinaryOperator op = switch (expression.getKind()) {
                    case PLUS -> BinaryOperator.ADD;
                    case MINUS -> BinaryOperator.SUBTRACT;
                    case MULTIPLY -> BinaryOperator.MULTIPLY;
                    case DIVIDE -> BinaryOperator.DIVIDE;
                    default -> BinaryOperator.REMAINDER;
                };
                return binary(op, left, right, expression);
            }
            case METHOD_INVOCATION:
                return invocation((MethodInvocationTree) expression);
            case TYPE_CAST:
                return cast((TypeCastTree) expression);
            case CONDITIONAL_EXPRESSION:
                throw new Unsupported(expression, "the conditional operator ?: is not supported yet; "
                        + STRAIGHT_LINE + " (use Math.max, Math.min or Math.abs where they fit)");
            case EQUAL_TO:
            case NOT_EQUAL_TO:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
            case LOGICAL_COMPLEMENT:
                throw new Unsupported(expression, describe(expression)
                        + " is not supported yet: comparisons and boolean logic need branches; " + STRAIGHT_LINE);
            default:
                throw new Unsupported(expression, describe(expression)
                        + " is not supported in a @Differentiable method; supported expressions are double, int "
                        + "and long arithmetic (+ - * /), literals, parameters and locals, static constants, "
                        + "Math/StrictMath functions and calls to other @Differentiable methods");
        }
    }

    private Operand binary(BinaryOperator op, Operand left, Operand right, Tree where) {
        requireNumeric(left, where, op.symbol());
        requireNumeric(right, where, op.symbol());
        Type type = Type.promote(left.type(), right.type());
        if (op == BinaryOperator.REMAINDER && type == Type.DOUBLE) {
            throw new Unsupported(where, "the remainder operator % on double values is not supported; "
                    + "it is supported on int and long values");
        }
        return emit(new Instruction.Binary(newValue(null, type), op, left, right));
    }

    private Operand literal(LiteralTree literal) {
        Object value = literal.getValue();
        if (value instanceof Boolean b) {
            return new Literal(b.toString(), b ? 1 : 0, Type.BOOLEAN);
        }
        Type type = switch (literal.getKind()) {
            case INT_LITERAL -> Type.INT;
            case LONG_LITERAL -> Type.LONG;
            default -> Type.DOUBLE;
        };
        return new Literal(sourceText(literal), ((Number) value).doubleValue(), type);
    }

    private Operand identifier(IdentifierTree identifier) {
        String name = identifier.getName().toString();
        Variable variable = lookup(name);
        if (variable != null) {
            return read(variable, identifier);
        }
        VariableElement field = resolver.field(name).orElseThrow(() -> new Unsupported(identifier,
                "cannot resolve '" + name + "': SourceGrad reads parameters, local variables and static fields"));
        return field(field, identifier);
    }

    private Operand read(Variable variable, Tree where) {
        if (variable.current == null) {
            throw new Unsupported(where, "variable '" + variable.name + "' might not have been initialized");
        }
        return variable.current;
    }

    private Operand memberSelect(MemberSelectTree select) {
        ExpressionTree qualifier = select.getExpression();
        if (qualifier.getKind() != Tree.Kind.IDENTIFIER && qualifier.getKind() != Tree.Kind.MEMBER_SELECT) {
            throw new Unsupported(qualifier, describe(qualifier) + " is not supported in a @Differentiable method");
        }
        if (qualifier instanceof IdentifierTree id && lookup(id.getName().toString()) != null) {
            throw new Unsupported(select, "member access on the local variable '" + id.getName() + "' is not supported");
        }
        TypeElement owner = resolver.type(qualifier).orElseThrow(() -> new Unsupported(select,
                "cannot resolve '" + qualifier + "' as a class: SourceGrad reads static fields such as Math.PI"));
        String name = select.getIdentifier().toString();
        VariableElement field = resolver.fieldOf(owner, name).orElseThrow(() -> new Unsupported(select,
                "'" + select + "' is not a field SourceGrad can read; it reads static fields such as Math.PI"));
        return field(field, select);
    }

    private Operand field(VariableElement field, Tree where) {
        String name = field.getSimpleName().toString();
        if (!field.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(where, "reading the instance field '" + name
                    + "' is not supported: @Differentiable methods are static and read only static fields");
        }
        Type type = primitive(field.asType()).orElseThrow(() -> new Unsupported(where, "the field '" + name
                + "' has type " + field.asType() + "; SourceGrad reads double, int, long and boolean fields"));
        TypeElement owner = (TypeElement) field.getEnclosingElement();
        Object constant = field.getConstantValue();
        if (accessibleFromPackage(field)) {
            return new StaticField(NameResolver.typeRef(owner), name, type);
        }
        if (constant != null) {
            double number = constant instanceof Boolean b ? (b ? 1 : 0) : ((Number) constant).doubleValue();
            String text = switch (type) {
                case DOUBLE -> constantText(number);
                case LONG -> constant + "L";
                default -> constant.toString();
            };
            return new Literal(text, number, type);
        }
        throw new Unsupported(where, "the private field '" + name + "' is not a compile-time constant, so the "
                + "generated class cannot read it; make it package-private, or static final with a constant value");
    }

    private static String constantText(double value) {
        if (Double.isNaN(value)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(value);
    }

    /**
     * The companion is a top-level class in the user's package: it can read a member when nothing along the
     * nesting is private and, for another package, everything along it is public.
     */
    private boolean accessibleFromPackage(Element element) {
        TypeElement owner = (TypeElement) element.getEnclosingElement();
        String mine = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        boolean samePackage = NameResolver.typeRef(owner).packageName().equals(mine);
        for (Element e = element; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            Set<Modifier> modifiers = e.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || (!samePackage && !modifiers.contains(Modifier.PUBLIC))) {
                return false;
            }
        }
        return true;
    }

    private Operand cast(TypeCastTree cast) {
        Tree target = cast.getType();
        Optional<Type> type = target instanceof PrimitiveTypeTree p ? primitive(p.getPrimitiveTypeKind()) : Optional.empty();
        if (type.isEmpty() || type.get() == Type.BOOLEAN) {
            throw new Unsupported(cast, "casts to '" + target + "' are not supported; SourceGrad supports (double), (int) and (long)");
        }
        Operand value = expression(cast.getExpression());
        requireNumeric(value, cast.getExpression(), "a cast");
        if (value.type() == type.get()) {
            return value; // a cast to the type it already has changes nothing (and -Xlint would flag it)
        }
        return emit(new Instruction.Cast(newValue(null, type.get()), value));
    }

    // ---- calls -----------------------------------------------------------------------------------------

    private Operand invocation(MethodInvocationTree invocation) {
        if (!invocation.getTypeArguments().isEmpty()) {
            throw new Unsupported(invocation, "explicit type arguments on a call are not supported");
        }
        ExpressionTree select = invocation.getMethodSelect();
        String name;
        List<ExecutableElement> candidates;
        if (select instanceof IdentifierTree id) {
            name = id.getName().toString();
            candidates = resolver.methods(name);
        } else if (select instanceof MemberSelectTree member) {
            name = member.getIdentifier().toString();
            ExpressionTree qualifier = member.getExpression();
            if (qualifier instanceof IdentifierTree q && lookup(q.getName().toString()) != null) {
                throw new Unsupported(invocation, "calling a method on the local variable '" + q.getName() + "' is not supported");
            }
            Optional<TypeElement> owner = resolver.type(qualifier);
            if (owner.isEmpty()) {
                throw new Unsupported(invocation, "the call '" + select + "(...)' is not supported: SourceGrad "
                        + "differentiates calls to static methods (Math/StrictMath functions and other @Differentiable methods)");
            }
            candidates = resolver.methodsOf(owner.get(), name);
        } else {
            throw new Unsupported(invocation, "this kind of call is not supported");
        }
        if (candidates.isEmpty()) {
            throw new Unsupported(invocation, "cannot resolve the method '" + select + "'");
        }

        List<Operand> args = new ArrayList<>();
        for (ExpressionTree argument : invocation.getArguments()) {
            Operand arg = expression(argument);
            args.add(arg);
        }

        TypeElement owner = (TypeElement) candidates.get(0).getEnclosingElement();
        String ownerName = owner.getQualifiedName().toString();
        boolean strict = ownerName.equals("java.lang.StrictMath");
        if (strict || ownerName.equals("java.lang.Math")) {
            return mathCall(invocation, ownerName, name, strict, args);
        }

        ExecutableElement target = overload(invocation, candidates, args);
        if (!isDifferentiable(target)) {
            throw new Unsupported(invocation, "SourceGrad has no derivative for " + owner.getSimpleName() + "." + name
                    + "(...): it differentiates calls to Math/StrictMath functions and to methods annotated "
                    + "@Differentiable; annotate " + owner.getSimpleName() + "." + name + " with @Differentiable");
        }
        if (!target.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(invocation, "the @Differentiable method " + name + " is not static");
        }
        List<Type> parameterTypes = new ArrayList<>();
        for (VariableElement p : target.getParameters()) {
            parameterTypes.add(primitive(p.asType()).orElseThrow(() -> new Unsupported(invocation,
                    "the @Differentiable method " + name + " has a parameter of type " + p.asType()
                            + "; SourceGrad supports double, int, long and boolean parameters")));
        }
        Callee callee = new Callee(NameResolver.typeRef((TypeElement) target.getEnclosingElement()), name, parameterTypes);
        Value out = newValue(null, Type.DOUBLE);
        callSites.put(out.id(), invocation);
        return emit(new Instruction.Call(out, callee, args));
    }

    private Operand mathCall(MethodInvocationTree invocation, String owner, String name, boolean strict, List<Operand> args) {
        String simpleOwner = strict ? "StrictMath" : "Math";
        MathFunction function = MathFunction.named(name, args.size()).orElseThrow(() -> new Unsupported(invocation,
                "SourceGrad has no derivative for " + simpleOwner + "." + name + " with " + args.size()
                        + " argument(s); supported: " + MathFunction.supportedNames()));
        Type[] types = new Type[args.size()];
        for (int i = 0; i < args.size(); i++) {
            requireNumeric(args.get(i), invocation.getArguments().get(i), owner + "." + name);
            types[i] = args.get(i).type();
        }
        if (function.computesInFloat(types)) {
            throw new Unsupported(invocation, simpleOwner + "." + name + " of an int or long value computes in float, "
                    + "which SourceGrad does not support; write " + simpleOwner + "." + name + "((double) ...)");
        }
        Type result = function.resultType(types);
        return emit(new Instruction.MathCall(newValue(null, result), function, strict, args));
    }

    /** Overload resolution by arity, then by exact primitive types, then by widening (enough for primitive parameters). */
    private ExecutableElement overload(MethodInvocationTree invocation, List<ExecutableElement> candidates, List<Operand> args) {
        List<ExecutableElement> applicable = new ArrayList<>();
        List<ExecutableElement> exact = new ArrayList<>();
        for (ExecutableElement candidate : candidates) {
            if (candidate.getParameters().size() != args.size() || candidate.isVarArgs()) {
                continue;
            }
            boolean all = true;
            boolean same = true;
            for (int i = 0; i < args.size(); i++) {
                Optional<Type> p = primitive(candidate.getParameters().get(i).asType());
                if (p.isEmpty() || !assignable(args.get(i).type(), p.get())) {
                    all = false;
                    break;
                }
                same &= p.get() == args.get(i).type();
            }
            if (all) {
                applicable.add(candidate);
                if (same) {
                    exact.add(candidate);
                }
            }
        }
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (applicable.size() == 1) {
            return applicable.get(0);
        }
        if (applicable.isEmpty()) {
            ExecutableElement any = candidates.get(0);
            if (isDifferentiable(any) || candidates.size() == 1) {
                throw new Unsupported(invocation, "no overload of " + any.getSimpleName()
                        + " takes these arguments; SourceGrad passes double, int, long and boolean arguments");
            }
            throw new Unsupported(invocation, "SourceGrad has no derivative for " + any.getEnclosingElement().getSimpleName()
                    + "." + any.getSimpleName() + "(...)");
        }
        throw new Unsupported(invocation, "the call to " + candidates.get(0).getSimpleName()
                + " is ambiguous between overloads; give the overloads different names");
    }

    public static boolean isDifferentiable(Element element) {
        return element.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Value newValue(String hint, Type type) {
        return new Value(nextId++, hint, type);
    }

    private Operand emit(Instruction instruction) {
        body.add(instruction);
        return instruction.out();
    }

    private Variable lookup(String name) {
        for (Map<String, Variable> scope : scopes) {
            Variable variable = scope.get(name);
            if (variable != null) {
                return variable;
            }
        }
        return null;
    }

    private static void requireNumeric(Operand value, Tree where, String context) {
        if (!value.type().isNumeric()) {
            throw new Unsupported(where, "a boolean value cannot be used in " + context
                    + "; booleans can only be passed to other @Differentiable methods");
        }
    }

    private String sourceText(Tree tree) {
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

    public static Optional<Type> primitive(TypeMirror type) {
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

    /** How error messages name a construct: "an 'if' statement", "a lambda expression". */
    static String describe(Tree tree) {
        return switch (tree.getKind()) {
            case IF -> "an 'if' statement";
            case FOR_LOOP -> "a 'for' loop";
            case ENHANCED_FOR_LOOP -> "an enhanced 'for' loop";
            case WHILE_LOOP -> "a 'while' loop";
            case DO_WHILE_LOOP -> "a 'do'-'while' loop";
            case SWITCH -> "a 'switch' statement";
            case SWITCH_EXPRESSION -> "a 'switch' expression";
            case TRY -> "a 'try' statement";
            case THROW -> "a 'throw' statement";
            case SYNCHRONIZED -> "a 'synchronized' block";
            case LABELED_STATEMENT -> "a labeled statement";
            case BREAK -> "a 'break' statement";
            case CONTINUE -> "a 'continue' statement";
            case ASSERT -> "an 'assert' statement";
            case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> "a local class";
            case YIELD -> "a 'yield' statement";
            case LAMBDA_EXPRESSION -> "a lambda expression";
            case MEMBER_REFERENCE -> "a method reference";
            case NEW_CLASS -> "object creation with 'new'";
            case NEW_ARRAY -> "array creation";
            case ARRAY_ACCESS -> "array access";
            case ASSIGNMENT -> "an assignment inside an expression";
            case INSTANCE_OF -> "'instanceof'";
            case STRING_LITERAL -> "a string literal";
            case CHAR_LITERAL -> "a char literal";
            case NULL_LITERAL -> "'null'";
            case CONDITIONAL_EXPRESSION -> "the conditional operator ?:";
            case EQUAL_TO, NOT_EQUAL_TO, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> "a comparison";
            case CONDITIONAL_AND, CONDITIONAL_OR, LOGICAL_COMPLEMENT, AND, OR, XOR -> "a boolean or bitwise operator";
            case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, BITWISE_COMPLEMENT -> "a bitwise operator";
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT,
                    AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
                    UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> "a compound assignment inside an expression";
            case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> "++ or -- inside an expression";
            case MEMBER_SELECT -> "the member access '" + tree + "'";
            case IDENTIFIER -> "'" + tree + "'";
            default -> "'" + tree.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + "'";
        };
    }
}
