package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Type;

/**
 * Java's bitwise and shift operators ({@code & | ^ << >> >>>}, their compound assignments, and {@code &}, {@code |},
 * {@code ^} on booleans, which evaluate both sides): integer arithmetic, piecewise constant, so they carry no
 * derivative and are printed as written. This class knows their tree kinds and their types (JLS 15.19, 15.22).
 */
final class BitwiseOperators {
    private BitwiseOperators() {}

    /** The operator of a binary tree ({@code a & b}) or compound assignment ({@code a &= b}), or null. */
    static BinaryOperator of(Tree.Kind kind) {
        return switch (kind) {
            case AND, AND_ASSIGNMENT -> BinaryOperator.AND;
            case OR, OR_ASSIGNMENT -> BinaryOperator.OR;
            case XOR, XOR_ASSIGNMENT -> BinaryOperator.XOR;
            case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> BinaryOperator.SHIFT_LEFT;
            case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> BinaryOperator.SHIFT_RIGHT;
            case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOperator.UNSIGNED_SHIFT_RIGHT;
            default -> null;
        };
    }

    /**
     * The type of {@code a op b}, or null when Java has no such operator for these types: a shift has the type of
     * its (promoted) left operand, {@code & | ^} promote two ints or longs, or combine two booleans.
     */
    static Type resultType(BinaryOperator op, Type a, Type b) {
        boolean integral = isIntegral(a) && isIntegral(b);
        if (op.isShift()) {
            return integral ? a : null;
        }
        if (a == Type.BOOLEAN && b == Type.BOOLEAN) {
            return Type.BOOLEAN;
        }
        return integral ? Type.promote(a, b) : null;
    }

    /** Why {@code a op b} does not exist, for the error at it. */
    static String problem(BinaryOperator op, Type a, Type b) {
        String takes = op.isShift() ? "int and long values" : "int and long values, or two booleans";
        return "the operator " + op.symbol() + " takes " + takes + ", not " + a.keyword()
                + (a == b ? "" : " and " + b.keyword()) + " (on doubles it does not exist in Java)";
    }

    static boolean isIntegral(Type t) {
        return t == Type.INT || t == Type.LONG;
    }
}
