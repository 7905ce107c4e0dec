package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.Tree;
import java.util.Locale;

/**
 * Thrown by the parser to abandon one method: {@code tree} is where the error belongs and
 * {@code getMessage()} says what the construct is and what is supported instead.
 */
public final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Tree tree;

    public Unsupported(Tree tree, String message) {
        super(message, null, false, false);
        this.tree = tree;
    }

    public Tree tree() {
        return tree;
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
