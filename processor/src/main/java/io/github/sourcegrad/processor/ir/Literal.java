package io.github.sourcegrad.processor.ir;

/** A numeric or boolean literal, kept as the user wrote it ({@code text}) and as a number ({@code value}). */
public record Literal(String text, double value, Type type) implements Operand {
    public static Literal ofDouble(double value) {
        return new Literal(format(value), value, Type.DOUBLE);
    }

    /** Shortest faithful Java text: integral values without a fraction ({@code 2}), others as Java prints them. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    public Literal negated() {
        String negatedText = text.startsWith("-") ? text.substring(1) : "-" + text;
        return new Literal(negatedText, -value, type);
    }
}
