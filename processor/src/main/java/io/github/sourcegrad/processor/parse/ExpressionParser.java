package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.lower.SideEffects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The expressions of a method body, for {@link MethodParser}: operators, comparisons and short-circuit logic,
 * conditional expressions, literals, locals, fields and constants, and casts, each becoming instructions in
 * evaluation order. This is where the numeric subset is enforced (what may be compared, cast or read from a
 * field), so its error messages live here; calls and array accesses are handed to {@link CallParser} and
 * {@link ArrayParser}.
 */
final class ExpressionParser {
    private final MethodParser parser;

    ExpressionParser(MethodParser parser) {
        this.parser = parser;
    }

    Operand expressionOf(ExpressionTree expression) {
        switch (expression.getKind()) {
            case PARENTHESIZED:
                return parser.expression(((ParenthesizedTree) expression).getExpression());
            case INT_LITERAL:
            case LONG_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
                return literal((LiteralTree) expression);
            case FLOAT_LITERAL:
                throw new Unsupported(expression, "float literals are not supported; write a double literal such as "
                        + parser.sourceText(expression).replaceAll("[fF]$", ""));
            case IDENTIFIER:
                return identifier((IdentifierTree) expression);
            case MEMBER_SELECT:
                return memberSelect((MemberSelectTree) expression);
            case UNARY_MINUS: {
                ExpressionTree operand = ((UnaryTree) expression).getExpression();
                Operand value = parser.expression(operand);
                MethodParser.requireNumeric(value, operand, "unary -");
                if (value instanceof Literal literal) {
                    return literal.negated();
                }
                return parser.emit(new Instruction.Negate(parser.newValue(null, value.type()), value));
            }
            case UNARY_PLUS: {
                ExpressionTree operand = ((UnaryTree) expression).getExpression();
                Operand value = parser.expression(operand);
                MethodParser.requireNumeric(value, operand, "unary +");
                return value;
            }
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case REMAINDER: {
                BinaryTree binary = (BinaryTree) expression;
                Operand left = parser.expression(binary.getLeftOperand());
                Operand right = parser.expression(binary.getRightOperand());
                BinaryOperator op = switch (expression.getKind()) {
                    case PLUS -> BinaryOperator.ADD;
                    case MINUS -> BinaryOperator.SUBTRACT;
                    case MULTIPLY -> BinaryOperator.MULTIPLY;
                    case DIVIDE -> BinaryOperator.DIVIDE;
                    default -> BinaryOperator.REMAINDER;
                };
                return binary(op, left, right, expression);
            }
            case AND:
            case OR:
            case XOR:
            case LEFT_SHIFT:
            case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT: {
                BinaryTree binary = (BinaryTree) expression;
                Operand left = parser.expression(binary.getLeftOperand());
                Operand right = parser.expression(binary.getRightOperand()); // both sides, also for booleans: no short-circuit
                return binary(BitwiseOperators.of(expression.getKind()), left, right, expression);
            }
            case BITWISE_COMPLEMENT: {
                ExpressionTree operand = ((UnaryTree) expression).getExpression();
                Operand value = parser.expression(operand);
                if (!BitwiseOperators.isIntegral(value.type())) {
                    throw new Unsupported(expression, "the operator ~ takes an int or a long, not a " + value.type().keyword());
                }
                return parser.emit(new Instruction.Complement(parser.newValue(null, value.type()), value));
            }
            case METHOD_INVOCATION:
                return parser.calls.invocation((MethodInvocationTree) expression);
            case ASSIGNMENT:
            case PLUS_ASSIGNMENT:
            case MINUS_ASSIGNMENT:
            case MULTIPLY_ASSIGNMENT:
            case DIVIDE_ASSIGNMENT:
            case REMAINDER_ASSIGNMENT:
            case AND_ASSIGNMENT:
            case OR_ASSIGNMENT:
            case XOR_ASSIGNMENT:
            case LEFT_SHIFT_ASSIGNMENT:
            case RIGHT_SHIFT_ASSIGNMENT:
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
            case PREFIX_INCREMENT:
            case POSTFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_DECREMENT:
                return parser.assignment(expression, true);
            case ARRAY_ACCESS:
                return parser.arrays.arrayAccess((ArrayAccessTree) expression);
            case NEW_ARRAY:
                return parser.arrays.newArray((NewArrayTree) expression);
            case TYPE_CAST:
                return cast((TypeCastTree) expression);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) expression);
            case SWITCH_EXPRESSION:
                return new SwitchLowering(parser).expression((com.sun.source.tree.SwitchExpressionTree) expression);
            case EQUAL_TO:
            case NOT_EQUAL_TO:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
                return comparison((BinaryTree) expression);
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                return logic((BinaryTree) expression);
            case LOGICAL_COMPLEMENT: {
                Operand operand = condition(((UnaryTree) expression).getExpression());
                if (operand instanceof Literal literal) {
                    return literal.value() != 0 ? new Literal("false", 0, Type.BOOLEAN) : new Literal("true", 1, Type.BOOLEAN);
                }
                return parser.emit(new Instruction.Not(parser.newValue(null, Type.BOOLEAN), operand));
            }
            default:
                throw new Unsupported(expression, Unsupported.describe(expression)
                        + " is not supported in a @Differentiable method; supported expressions are double, int "
                        + "and long arithmetic (+ - * /), literals, parameters and locals, static constants, "
                        + "Math, StrictMath, SmoothMath and ArrayMath functions and calls to other @Differentiable methods");
        }
    }

    /** A boolean expression, such as an if's condition. */
    Operand condition(ExpressionTree expression) {
        Operand value = parser.expression(expression);
        if (value.type() != Type.BOOLEAN) {
            throw new Unsupported(expression, "a condition must be a boolean expression");
        }
        return value;
    }

    private Operand comparison(BinaryTree tree) {
        if (parser.expressions.data(tree.getLeftOperand()) != null || parser.expressions.data(tree.getRightOperand()) != null) {
            return new DataUse(parser).comparison(tree);
        }
        Operand left = parser.expression(tree.getLeftOperand());
        Operand right = parser.expression(tree.getRightOperand());
        Instruction.Comparison cmp = switch (tree.getKind()) {
            case EQUAL_TO -> Instruction.Comparison.EQUAL;
            case NOT_EQUAL_TO -> Instruction.Comparison.NOT_EQUAL;
            case LESS_THAN -> Instruction.Comparison.LESS;
            case LESS_THAN_EQUAL -> Instruction.Comparison.LESS_EQUAL;
            case GREATER_THAN -> Instruction.Comparison.GREATER;
            default -> Instruction.Comparison.GREATER_EQUAL;
        };
        boolean equality = cmp == Instruction.Comparison.EQUAL || cmp == Instruction.Comparison.NOT_EQUAL;
        boolean booleans = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
        if (!(equality && booleans)) {
            MethodParser.requireNumeric(left, tree.getLeftOperand(), "a comparison");
            MethodParser.requireNumeric(right, tree.getRightOperand(), "a comparison");
        }
        return parser.emit(new Instruction.Compare(parser.newValue(null, Type.BOOLEAN), cmp, left, right));
    }

    /**
     * {@code a && b} and {@code a || b}. When {@code b} is cheap and cannot fail (arithmetic on doubles, Math
     * functions, comparisons), both sides are computed and combined; otherwise {@code b} is computed only when Java
     * would, in a branch.
     */
    private Operand logic(BinaryTree tree) {
        boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
        Tree effect = SideEffects.first(tree.getRightOperand());
        if (effect != null) {
            throw new Unsupported(effect, SideEffects.conditionalMessage(and ? "&&" : "||"));
        }
        Operand left = condition(tree.getLeftOperand());
        List<Node> outer = parser.body;
        List<Node> right = new ArrayList<>();
        parser.body = right;
        Operand rightValue = condition(tree.getRightOperand());
        parser.body = outer;
        // An element read or an int division stays in a branch even in a condition, where it might have been printed
        // inside the && itself: the writer declares a temporary that the backward pass reads, or tapes, before the
        // condition, which would read a[j] when j < a.length is false (ShortCircuitTest).
        if (right.stream().allMatch(ExpressionParser::cannotFail)) {
            parser.body.addAll(right);
            return parser.emit(new Instruction.Logic(parser.newValue(null, Type.BOOLEAN), and, left, rightValue));
        }
        Value result = parser.newValue(null, Type.BOOLEAN);
        parser.emit(new Node.Write(result, left));
        right.add(new Node.Write(result, rightValue));
        parser.emit(new Node.If(left, and ? right : List.of(), and ? List.of() : right, List.of(result)));
        return result;
    }

    /**
     * Pure and total: safe to compute although Java's short-circuit would skip it. Not an element read (its index may
     * be out of bounds), an int division (by zero), an integer Math function ({@code floorMod}, the {@code *Exact}
     * ones throw), {@code clamp} (throws when its bounds are the wrong way round) or a call.
     */
    private static boolean cannotFail(Node node) {
        if (node instanceof Instruction.Binary b) {
            return b.out().type() == Type.DOUBLE || (b.op() != BinaryOperator.DIVIDE && b.op() != BinaryOperator.REMAINDER);
        }
        if (node instanceof Instruction.MathCall m) {
            return !m.function().isInteger() && m.function() != MathFunction.CLAMP; // clamp throws when lo > hi
        }
        if (node instanceof Instruction.Compare c) {
            return c.cmp() != Instruction.Comparison.EQUALS; // s.equals("a") throws on a null s
        }
        if (node instanceof Instruction.PureCall p) {
            return p.cannotFail();
        }
        return node instanceof Instruction.Length || node instanceof Instruction.Not || node instanceof Instruction.Complement
                || node instanceof Instruction.Logic || node instanceof Instruction.Negate || node instanceof Instruction.Cast
                || node instanceof Instruction.Copy;
    }

    /** {@code c ? a : b}: a branch that writes one temporary, which the user's local takes over when assigned. */
    private Operand conditional(ConditionalExpressionTree tree) {
        Tree effect = SideEffects.first(tree.getTrueExpression());
        effect = effect != null ? effect : SideEffects.first(tree.getFalseExpression());
        if (effect != null) {
            throw new Unsupported(effect, SideEffects.conditionalMessage("?:"));
        }
        Operand condition = condition(tree.getCondition());
        List<Node> outer = parser.body;
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        parser.body = then;
        Operand a = parser.expression(tree.getTrueExpression());
        parser.body = otherwise;
        Operand b = parser.expression(tree.getFalseExpression());
        parser.body = outer;
        Type type;
        if (a.type() == Type.BOOLEAN && b.type() == Type.BOOLEAN) {
            type = Type.BOOLEAN;
        } else if (a.type().isNumeric() && b.type().isNumeric()) {
            type = Type.promote(a.type(), b.type());
        } else {
            throw new Unsupported(tree, "the two sides of ?: must both be numbers or both be booleans");
        }
        Value result = parser.newValue(null, type);
        then.add(new Node.Write(result, a));
        otherwise.add(new Node.Write(result, b));
        parser.emit(new Node.If(condition, then, otherwise, List.of(result)));
        return result;
    }

    Operand binary(BinaryOperator op, Operand left, Operand right, Tree where) {
        if (op.isBitwise()) {
            Type type = BitwiseOperators.resultType(op, left.type(), right.type());
            if (type == null) {
                throw new Unsupported(where, BitwiseOperators.problem(op, left.type(), right.type()));
            }
            return parser.emit(new Instruction.Binary(parser.newValue(null, type), op, left, right));
        }
        MethodParser.requireNumeric(left, where, op.symbol());
        MethodParser.requireNumeric(right, where, op.symbol());
        Type type = Type.promote(left.type(), right.type());
        return parser.emit(new Instruction.Binary(parser.newValue(null, type), op, left, right));
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
        return new Literal(parser.sourceText(literal), ((Number) value).doubleValue(), type);
    }

    private Operand identifier(IdentifierTree identifier) {
        String name = identifier.getName().toString();
        MethodParser.Variable variable = parser.lookup(name);
        if (variable != null) {
            if (variable.type == Type.OBJECT) {
                throw new Unsupported(identifier, DataUse.only(name, parser.dataClasses.get(name)));
            }
            return read(variable, identifier);
        }
        VariableElement field = parser.resolver.field(name).orElseThrow(() -> new Unsupported(identifier,
                "cannot resolve '" + name + "': SourceGrad reads parameters, local variables and static fields"));
        return field(field, identifier);
    }

    Operand read(MethodParser.Variable variable, Tree where) {
        if (variable.current == null) {
            throw new Unsupported(where, "variable '" + variable.name + "' might not have been initialized");
        }
        return variable.current;
    }

    private Operand memberSelect(MemberSelectTree select) {
        ExpressionTree qualifier = select.getExpression();
        if (select.getIdentifier().contentEquals("length") && isArrayExpression(qualifier)) {
            Operand array = parser.expression(qualifier);
            if (!array.type().isArray()) {
                throw new Unsupported(select, "'" + qualifier + "' is not an array");
            }
            return parser.emit(new Instruction.Length(parser.newValue(null, Type.INT), array));
        }
        if (qualifier.getKind() != Tree.Kind.IDENTIFIER && qualifier.getKind() != Tree.Kind.MEMBER_SELECT) {
            throw new Unsupported(qualifier, Unsupported.describe(qualifier) + " is not supported in a @Differentiable method");
        }
        if (qualifier instanceof IdentifierTree id && parser.lookup(id.getName().toString()) != null) {
            throw new Unsupported(select, "member access on the local variable '" + id.getName() + "' is not supported");
        }
        Optional<VariableElement> qualifierField = qualifier instanceof IdentifierTree id
                ? parser.resolver.field(id.getName().toString())
                : qualifier instanceof MemberSelectTree s ? parser.resolver.type(s.getExpression())
                        .flatMap(t -> parser.resolver.fieldOf(t, s.getIdentifier().toString())) : Optional.empty();
        if (qualifierField.isPresent()) {
            field(qualifierField.get(), qualifier); // an array field is reported there
            throw new Unsupported(select, "'" + select + "' is not supported: the field '" + qualifierField.get().getSimpleName()
                    + "' has no members SourceGrad can read");
        }
        TypeElement owner = parser.resolver.type(qualifier).orElseThrow(() -> new Unsupported(select,
                "cannot resolve '" + qualifier + "' as a class: SourceGrad reads static fields such as Math.PI"));
        String name = select.getIdentifier().toString();
        VariableElement field = parser.resolver.fieldOf(owner, name).orElseThrow(() -> new Unsupported(select,
                "'" + select + "' is not a field SourceGrad can read; it reads static fields such as Math.PI"));
        return field(field, select);
    }

    /** An array-valued local, parameter, element or parenthesized one: what {@code .length} may follow. */
    private boolean isArrayExpression(ExpressionTree tree) {
        if (tree instanceof ParenthesizedTree p) {
            return isArrayExpression(p.getExpression());
        }
        if (tree instanceof IdentifierTree id) {
            MethodParser.Variable variable = parser.lookup(id.getName().toString());
            return variable != null ? variable.type.isArray() : parser.resolver.field(id.getName().toString())
                    .map(f -> f.asType().getKind() == TypeKind.ARRAY).orElse(false);
        }
        if (tree instanceof MemberSelectTree s) {                // Owner.DATA
            return parser.resolver.type(s.getExpression()).flatMap(t -> parser.resolver.fieldOf(t, s.getIdentifier().toString()))
                    .map(f -> f.asType().getKind() == TypeKind.ARRAY).orElse(false);
        }
        if (tree instanceof ArrayAccessTree access) {
            return isArrayExpression(access.getExpression());
        }
        return tree instanceof MethodInvocationTree;
    }

    private Operand field(VariableElement field, Tree where) {
        String name = field.getSimpleName().toString();
        if (!field.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(where, "reading the instance field '" + name
                    + "' is not supported: @Differentiable methods are static and read only static fields");
        }
        TypeElement owner = (TypeElement) field.getEnclosingElement();
        if (field.asType().getKind() == TypeKind.ARRAY) {
            Type array = ArrayFields.type(field, MethodParser.typeOf(field.asType()), accessibleFromPackage(field), where);
            return new StaticField(NameResolver.typeRef(owner), name, array, isPublic(field));
        }
        if (isDataConstant(field)) {
            DataUse.Data data = parser.expressions.dataField(field, where);
            throw new Unsupported(where, DataUse.only(data));
        }
        Type type = MethodParser.primitive(field.asType().getKind()).orElseThrow(() -> new Unsupported(where, "the field '" + name
                + "' has type " + field.asType() + "; SourceGrad reads double, int, long and boolean fields"));
        Object constant = field.getConstantValue();
        if (accessibleFromPackage(field)) {
            return new StaticField(NameResolver.typeRef(owner), name, type, isPublic(field));
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

    /** True when the member and every class around it are public: code in any package can read it. */
    static boolean isPublic(Element element) {
        for (Element e = element; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The companion is a top-level class in the user's package: it can read a member when nothing along the
     * nesting is private and, for another package, everything along it is public.
     */
    boolean accessibleFromPackage(Element element) {
        TypeElement owner = (TypeElement) element.getEnclosingElement();
        String mine = parser.unit.getPackageName() == null ? "" : parser.unit.getPackageName().toString();
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
        Optional<Type> type = target instanceof PrimitiveTypeTree p ? MethodParser.primitive(p.getPrimitiveTypeKind()) : Optional.empty();
        if (type.isEmpty() || type.get() == Type.BOOLEAN) {
            throw new Unsupported(cast, "casts to '" + target + "' are not supported; SourceGrad supports (double), (int) and (long)");
        }
        Operand value = parser.expression(cast.getExpression());
        MethodParser.requireNumeric(value, cast.getExpression(), "a cast");
        if (value.type() == type.get()) {
            return value; // a cast to the type it already has changes nothing (and -Xlint would flag it)
        }
        return parser.emit(new Instruction.Cast(parser.newValue(null, type.get()), value));
    }

    /**
     * A String or enum parameter named by {@code expression} (in parentheses or not): its value and class; null
     * for anything else.
     */
    DataUse.Data data(ExpressionTree expression) {
        ExpressionTree inner = expression;
        while (inner instanceof ParenthesizedTree p) {
            inner = p.getExpression();
        }
        Optional<VariableElement> field = Optional.empty();
        if (inner instanceof IdentifierTree id) {
            MethodParser.Variable variable = parser.lookup(id.getName().toString());
            if (variable != null && variable.type == Type.OBJECT) {
                return new DataUse.Data(variable.name, variable.current, parser.dataClasses.get(variable.name), false);
            }
            field = variable == null ? parser.resolver.field(id.getName().toString()) : Optional.empty();
        } else if (inner instanceof MemberSelectTree select) {
            field = parser.resolver.type(select.getExpression()).flatMap(t -> parser.resolver.fieldOf(t, select.getIdentifier().toString()));
        }
        return field.filter(ExpressionParser::isDataConstant).map(f -> dataField(f, expression)).orElse(null);
    }

    /** A static final String or enum field (not an enum constant, which is compared with, not switched on). */
    static boolean isDataConstant(VariableElement field) {
        return field.getKind() == javax.lang.model.element.ElementKind.FIELD && MethodParser.dataClass(field.asType()).isPresent()
                && field.getModifiers().contains(Modifier.STATIC) && field.getModifiers().contains(Modifier.FINAL);
    }

    DataUse.Data dataField(VariableElement field, Tree where) {
        String name = field.getSimpleName().toString();
        if (!parser.expressions.accessibleFromPackage(field)) {
            throw new Unsupported(where, "the generated class cannot read the private field '" + name
                    + "'; make it package-private");
        }
        StaticField operand = new StaticField(NameResolver.typeRef((TypeElement) field.getEnclosingElement()), name,
                Type.OBJECT, ExpressionParser.isPublic(field));
        return new DataUse.Data(name, operand, MethodParser.dataClass(field.asType()).orElseThrow(), true);
    }
}
