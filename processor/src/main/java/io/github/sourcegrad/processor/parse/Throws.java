package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * {@code throw new E(message)}: the exception class, resolved as javac would, and the message, split into the
 * pieces of its string concatenation. The values a message reads are parsed as expressions where the throw
 * stands, so the forward pass computes them on that path only.
 */
final class Throws {
    static final String SUPPORTED = "SourceGrad supports 'throw new E()' and 'throw new E(message)' for an unchecked "
            + "exception class E, whose message joins string literals and int, "
            + "long, double or boolean values with +, such as \"sigma must be positive: \" + sigma";

    private final MethodParser parser;
    private final NameResolver resolver;
    private final String packageName;

    Throws(MethodParser parser, NameResolver resolver, String packageName) {
        this.parser = parser;
        this.resolver = resolver;
        this.packageName = packageName;
    }

    Node.Throw parse(ThrowTree statement) {
        if (!(statement.getExpression() instanceof NewClassTree created) || created.getEnclosingExpression() != null
                || created.getClassBody() != null || !created.getTypeArguments().isEmpty()
                || created.getIdentifier().getKind() == Tree.Kind.PARAMETERIZED_TYPE) {
            throw new Unsupported(statement, "this throw statement is not supported; " + SUPPORTED);
        }
        Tree name = created.getIdentifier();
        TypeElement type = (name instanceof ExpressionTree e ? resolver.type(e) : Optional.<TypeElement>empty())
                .orElseThrow(() -> new Unsupported(name, "cannot resolve the exception class '" + name + "'"));
        if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
            throw new Unsupported(name, "'" + name + "' is not a class that can be created; " + SUPPORTED);
        }
        if (!unchecked(type)) {
            throw new Unsupported(name, "the checked exception " + type.getSimpleName() + " is not supported: the "
                    + "generated gradient methods declare no exceptions; " + SUPPORTED);
        }
        if (!accessible(type)) {
            throw new Unsupported(name, "the exception class " + type.getSimpleName() + " is not accessible from the "
                    + "generated class in package '" + packageName + "'; make it package-private or public");
        }
        List<? extends ExpressionTree> args = created.getArguments();
        if (args.size() > 1 || (args.size() == 1 && !isString(args.get(0)))) {
            throw new Unsupported(created, "this exception's arguments are not supported; " + SUPPORTED);
        }
        if (!hasConstructor(type, !args.isEmpty())) {
            throw new Unsupported(created, type.getSimpleName() + " has no accessible constructor that takes "
                    + (args.isEmpty() ? "no arguments" : "one String"));
        }
        List<Node.Throw.Piece> pieces = new ArrayList<>();
        if (!args.isEmpty()) {
            pieces(args.get(0), pieces);
        }
        List<Node.Throw.Piece> message = new ArrayList<>(); // "kind " + k + " of " + 3 is "kind " + k + " of 3"
        for (Node.Throw.Piece piece : pieces) {
            Node.Throw.Piece last = message.isEmpty() ? null : message.get(message.size() - 1);
            if (last != null && last.text() != null && piece.text() != null) {
                message.set(message.size() - 1, new Node.Throw.Piece(last.text() + piece.text(), null));
            } else {
                message.add(piece);
            }
        }
        return new Node.Throw(NameResolver.typeRef(type), message);
    }

    /** True when {@code tree} is a string: a string literal, or a + with a string on one side. */
    private static boolean isString(ExpressionTree tree) {
        if (tree instanceof ParenthesizedTree p) {
            return isString(p.getExpression());
        }
        if (tree.getKind() == Tree.Kind.STRING_LITERAL) {
            return true;
        }
        return tree.getKind() == Tree.Kind.PLUS
                && (isString(((BinaryTree) tree).getLeftOperand()) || isString(((BinaryTree) tree).getRightOperand()));
    }

    /** The pieces of a string concatenation, left to right: a string's + joins, a number's + adds. */
    private void pieces(ExpressionTree tree, List<Node.Throw.Piece> out) {
        if (tree instanceof ParenthesizedTree p && isString(p.getExpression())) {
            pieces(p.getExpression(), out);
            return;
        }
        if (tree.getKind() == Tree.Kind.PLUS && isString(tree)) {
            pieces(((BinaryTree) tree).getLeftOperand(), out);
            pieces(((BinaryTree) tree).getRightOperand(), out);
            return;
        }
        switch (tree.getKind()) {
            case STRING_LITERAL, CHAR_LITERAL -> {
                out.add(new Node.Throw.Piece(String.valueOf(((LiteralTree) tree).getValue()), null));
                return;
            }
            case NULL_LITERAL -> {
                out.add(new Node.Throw.Piece("null", null));
                return;
            }
            default -> { }
        }
        Tree call = firstCall(tree);
        if (call != null) {
            throw new Unsupported(call, "a call in the message of a throw is not supported; " + SUPPORTED
                    + " (compute the value into a local before the throw)");
        }
        Operand value = parser.expression(tree);
        if (value.type().isArray()) {
            throw new Unsupported(tree, "an array in the message of a throw is not supported; " + SUPPORTED);
        }
        String constant = value instanceof Literal literal ? text(literal) : null;
        out.add(constant != null ? new Node.Throw.Piece(constant, null) : new Node.Throw.Piece(null, value));
    }

    /**
     * A constant as Java's string conversion writes it ({@code 2.0 * 3} is "6.0"), or null when a double cannot hold
     * it exactly: a literal's text may be folded or written in another base.
     */
    private static String text(Literal literal) {
        return switch (literal.type()) {
            case DOUBLE -> Double.toString(literal.value());
            case BOOLEAN -> Boolean.toString(literal.value() != 0);
            case INT, LONG -> Math.abs(literal.value()) < 0x1p53 ? Long.toString((long) literal.value()) : null;
            default -> null;
        };
    }

    private static Tree firstCall(Tree tree) {
        Tree[] found = {null};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                if (found[0] == null) {
                    found[0] = node;
                }
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    /** A subclass of {@link RuntimeException} or {@link Error}: Java requires no {@code throws} clause for it. */
    private static boolean unchecked(TypeElement type) {
        for (TypeElement t = type; t != null; t = superclass(t)) {
            String name = t.getQualifiedName().toString();
            if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
                return true;
            }
        }
        return false;
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror s = type.getSuperclass();
        return s instanceof DeclaredType d && d.asElement() instanceof TypeElement t ? t : null;
    }

    /** The companion, a top-level class in the user's package, can name the class. */
    private boolean accessible(Element element) {
        boolean samePackage = NameResolver.typeRef((TypeElement) element).packageName().equals(packageName);
        for (Element e = element; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (!visible(e.getModifiers(), samePackage)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Set<Modifier> modifiers, boolean samePackage) {
        return !modifiers.contains(Modifier.PRIVATE) && (samePackage || modifiers.contains(Modifier.PUBLIC));
    }

    private boolean hasConstructor(TypeElement type, boolean withMessage) {
        boolean samePackage = NameResolver.typeRef(type).packageName().equals(packageName);
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (!visible(c.getModifiers(), samePackage) || c.isVarArgs()) {
                continue;
            }
            if (!withMessage && c.getParameters().isEmpty()) {
                return true;
            }
            if (withMessage && c.getParameters().size() == 1
                    && c.getParameters().get(0).asType() instanceof DeclaredType d
                    && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.lang.String")) {
                return true;
            }
        }
        return false;
    }
}
