package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The uses of a {@code String} or enum parameter: data that a method passes through and compares, never computes
 * with. It may be a {@code switch} selector (see {@link SwitchLowering}), compared with {@code ==} and {@code !=}
 * to a constant of its enum or to {@code null}, and a String may be compared to a string literal with
 * {@code equals}, either way round. Each comparison is an {@link Instruction.Compare} the writer prints as written:
 * {@code kind == Kind.TANH}, {@code mode.equals("fast")}. Every other use is an error that says so.
 */
final class DataUse {
    /** A String or enum parameter, or a static final field ({@code isField}): its name, its value and its class. */
    record Data(String name, Operand value, TypeElement type, boolean isField) {
        boolean isString() {
            return type.getQualifiedName().contentEquals("java.lang.String");
        }
    }

    private final MethodParser parser;

    DataUse(MethodParser parser) {
        this.parser = parser;
    }

    /** What a String or enum parameter may be used for: the error for any other use. */
    static String only(String name, TypeElement type) {
        return only(name, type, "parameter");
    }

    static String only(Data data) {
        return only(data.name(), data.type(), data.isField() ? "field" : "parameter");
    }

    private static String only(String name, TypeElement type, String what) {
        if (type.getQualifiedName().contentEquals("java.lang.String")) {
            return "the String " + what + " '" + name + "' can only be a switch selector, compared to a string literal with "
                    + name + ".equals(\"...\") or \"...\".equals(" + name + "), or compared to null with == or !=";
        }
        String simple = type.getSimpleName().toString();
        return "the enum " + what + " '" + name + "' (" + simple + ") can only be a switch selector, or compared with == "
                + "or != to a constant of " + simple + " (" + name + " == " + simple + "." + firstConstant(type) + ") or to null";
    }

    private static String firstConstant(TypeElement type) {
        return type.getEnclosedElements().stream().filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                .map(e -> e.getSimpleName().toString()).findFirst().orElse("A");
    }

    /** {@code kind == Kind.TANH}, {@code mode != null}: a comparison with a String or enum parameter on one side. */
    Operand comparison(BinaryTree tree) {
        Data left = parser.expressions.data(tree.getLeftOperand());
        Data data = left != null ? left : parser.expressions.data(tree.getRightOperand());
        ExpressionTree other = left != null ? tree.getRightOperand() : tree.getLeftOperand();
        Instruction.Comparison cmp = switch (tree.getKind()) {
            case EQUAL_TO -> Instruction.Comparison.EQUAL;
            case NOT_EQUAL_TO -> Instruction.Comparison.NOT_EQUAL;
            default -> throw new Unsupported(tree, only(data));
        };
        Operand constant;
        Data both = parser.expressions.data(other);
        if (strip(other).getKind() == Tree.Kind.NULL_LITERAL) {
            constant = new Literal("null", 0, Type.OBJECT);
        } else if (data.isString()) {
            throw new Unsupported(tree, "== and != compare String references, not their text; write " + data.name()
                    + ".equals(\"...\") with a string literal");
        } else if (both != null && both.type().equals(data.type())) {
            constant = both.value(); // kind == DEFAULT_KIND, a static final field of the enum
        } else {
            constant = enumConstant(other, data.type(), true);
            if (constant == null) {
                throw new Unsupported(other, only(data));
            }
        }
        Operand a = left != null ? data.value() : constant;
        Operand b = left != null ? constant : data.value();
        return parser.emit(new Instruction.Compare(parser.newValue(null, Type.BOOLEAN), cmp, a, b));
    }

    /**
     * {@code mode.equals("fast")} or {@code "fast".equals(mode)}; either side may also be a String parameter or a
     * static final String field.
     */
    Operand equalsCall(MethodInvocationTree invocation) {
        ExpressionTree qualifier = ((MemberSelectTree) invocation.getMethodSelect()).getExpression();
        List<? extends ExpressionTree> args = invocation.getArguments();
        Data receiver = parser.expressions.data(qualifier);
        Data argument = args.size() == 1 ? parser.expressions.data(args.get(0)) : null;
        Data data = receiver != null ? receiver
                : args.stream().map(parser.expressions::data).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        Operand a = receiver != null ? (receiver.isString() ? receiver.value() : null) : stringLiteral(qualifier);
        Operand b = args.size() != 1 ? null : argument != null ? (argument.isString() ? argument.value() : null)
                : stringLiteral(args.get(0));
        if (a == null || b == null) {
            throw new Unsupported(invocation, only(data));
        }
        return equals(a, b);
    }

    private Operand equals(Operand a, Operand b) {
        return parser.emit(new Instruction.Compare(parser.newValue(null, Type.BOOLEAN), Instruction.Comparison.EQUALS, a, b));
    }

    /** A string literal as written ({@code "fast"}, escapes kept), or null. */
    Literal stringLiteral(ExpressionTree tree) {
        ExpressionTree inner = strip(tree);
        return inner.getKind() == Tree.Kind.STRING_LITERAL ? new Literal(parser.sourceText(inner), 0, Type.OBJECT) : null;
    }

    /**
     * The constant of {@code type} that {@code tree} names, or null: {@code TANH} or {@code Kind.TANH}. A case label
     * names a constant of the selector's enum by its simple name; elsewhere ({@code resolve}) a simple name must
     * resolve to that constant (a static import, or code inside the enum), not to some field of the same name.
     */
    StaticField enumConstant(ExpressionTree tree, TypeElement type, boolean resolve) {
        ExpressionTree inner = strip(tree);
        String name;
        if (inner instanceof IdentifierTree id) {
            name = id.getName().toString();
            if (resolve && !parser.resolver().field(name).map(f -> isConstantOf(f, type)).orElse(false)) {
                return null;
            }
        } else if (inner instanceof MemberSelectTree select) {
            name = select.getIdentifier().toString();
            if (!parser.resolver().type(select.getExpression()).map(type::equals).orElse(false)) {
                return null;
            }
        } else {
            return null;
        }
        boolean exists = type.getEnclosedElements().stream()
                .anyMatch(e -> e.getKind() == ElementKind.ENUM_CONSTANT && e.getSimpleName().contentEquals(name));
        return exists ? new StaticField(NameResolver.typeRef(type), name, Type.OBJECT, isPublic(type)) : null;
    }

    private static boolean isConstantOf(VariableElement field, TypeElement type) {
        return field.getKind() == ElementKind.ENUM_CONSTANT && field.getEnclosingElement().equals(type);
    }

    private static boolean isPublic(Element element) {
        for (Element e = element; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static ExpressionTree strip(ExpressionTree tree) {
        ExpressionTree inner = tree;
        while (inner instanceof ParenthesizedTree p) {
            inner = p.getExpression();
        }
        return inner;
    }
}
