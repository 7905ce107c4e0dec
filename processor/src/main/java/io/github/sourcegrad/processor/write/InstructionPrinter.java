package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ad.Schedule;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints forward instructions as Java expressions, with only the parentheses Java needs, writing the
 * temporaries that conditions and loop headers use inline ({@code if (x * x < a)}).
 */
final class InstructionPrinter {
    private static final ClassName MATH = ClassName.get(Math.class);
    private static final ClassName STRICT_MATH = ClassName.get(StrictMath.class);

    // Java precedence levels, lowest first.
    static final int OR = 2;
    static final int AND = 3;
    static final int BIT_OR = 4;
    static final int BIT_XOR = 5;
    static final int BIT_AND = 6;
    static final int EQUALITY = 7;
    static final int RELATIONAL = 8;
    static final int SHIFT = 9;
    static final int ADDITIVE = 10;
    static final int MULTIPLICATIVE = 11;
    static final int UNARY = 12;
    static final int PRIMARY = 13;

    /** The name of each value in the scope being printed. */
    interface Scope extends java.util.function.Function<Value, String> {}

    private final Schedule schedule;

    /** {@code schedule} says which temporaries print inline; null for straight-line code, which names every value. */
    InstructionPrinter(Schedule schedule) {
        this.schedule = schedule;
    }

    /**
     * The comment after a forward statement that computes {@code SourceGrad.noGradient(a)}, printed as the plain copy
     * {@code double t1 = a;}: it says why no adjoint statement flows back through it. Null for other instructions.
     */
    static String comment(Instruction instruction) {
        return instruction instanceof Instruction.Copy c && c.noGradient() ? "noGradient: no derivative flows back" : null;
    }

    CodeBlock arguments(List<Operand> args, Scope names) {
        List<Printed> parts = new ArrayList<>();
        boolean text = true;
        for (Operand a : args) {
            Printed p = printedOperand(a, names);
            parts.add(p);
            text &= p.text() != null;
        }
        if (text) {
            StringBuilder joined = new StringBuilder();
            parts.forEach(p -> joined.append(joined.isEmpty() ? "" : ", ").append(p.text()));
            return CodeBlock.of("$L", joined.toString());
        }
        return CodeBlock.join(parts.stream().map(Printed::code).toList(), ", ");
    }

    // ---- expressions -----------------------------------------------------------------------------------

    /**
     * A printed expression. {@code text} is its source when it names no type (names, literals, operators), else
     * null and {@code block} holds it: JavaPoet renders such text as one piece rather than one per token, which
     * keeps writing the companion cheap.
     */
    record Printed(CodeBlock block, int precedence, String text) {
        Printed(CodeBlock block, int precedence) {
            this(block, precedence, null);
        }

        static Printed plain(String text, int precedence) {
            return new Printed(null, precedence, text);
        }

        CodeBlock code() {
            return text != null ? CodeBlock.of("$L", text) : block;
        }

        /** What a {@code $L} argument takes: the text itself, or the code block. */
        Object arg() {
            return text != null ? text : block;
        }
    }

    CodeBlock operand(Operand operand, Scope names) {
        return printedOperand(operand, names).code();
    }

    /** {@code !condition}; the negation of a printed {@code !c} is {@code c}, not {@code !!c}. */
    CodeBlock negated(Operand operand, Scope names) {
        if (operand instanceof Value v && schedule != null && schedule.isInlined(v)
                && schedule.definition(v) instanceof Instruction.Not n) {
            return operand(n.a(), names);
        }
        return CodeBlock.of("!$L", wrapped(operand, UNARY, names).arg());
    }

    /** A condition ready to follow {@code !}. */
    CodeBlock parenthesize(Operand operand, Scope names) {
        return wrap(operand, UNARY, names);
    }

    private Printed printedOperand(Operand operand, Scope names) {
        if (operand instanceof Value v) {
            if (schedule != null && schedule.isInlined(v)) {
                return expression(schedule.definition(v), names);
            }
            return Printed.plain(names.apply(v), PRIMARY);
        }
        if (operand instanceof Literal literal) {
            return Printed.plain(literal.text(), literal.text().startsWith("-") ? UNARY : PRIMARY);
        }
        StaticField field = (StaticField) operand;
        return new Printed(CodeBlock.of("$T.$N", ExprPrinter.className(field.owner()), field.name()), PRIMARY);
    }

    /**
     * A {@code throw}'s message as the user wrote it: its pieces joined by +, in Java's string conversion, each value
     * printed by {@code value} (wrapped for a place right of a {@code +}).
     */
    static CodeBlock throwMessage(io.github.sourcegrad.processor.ir.Node.Throw thrown, java.util.function.Function<Operand, CodeBlock> value) {
        List<io.github.sourcegrad.processor.ir.Node.Throw.Piece> pieces = thrown.message();
        List<CodeBlock> parts = new java.util.ArrayList<>();
        if (!pieces.isEmpty() && pieces.get(0).text() == null && (pieces.size() == 1 || pieces.get(1).text() == null)) {
            parts.add(CodeBlock.of("$S", "")); // two numbers first would add, not join
        }
        for (io.github.sourcegrad.processor.ir.Node.Throw.Piece piece : pieces) {
            parts.add(piece.text() != null ? CodeBlock.of("$S", piece.text()) : value.apply(piece.value()));
        }
        return CodeBlock.join(parts, " + ");
    }

    CodeBlock wrap(Operand operand, int required, Scope names) {
        return wrapped(operand, required, names).code();
    }

    private Printed wrapped(Operand operand, int required, Scope names) {
        Printed p = printedOperand(operand, names);
        if (p.precedence() >= required) {
            return p;
        }
        return p.text() != null ? Printed.plain("(" + p.text() + ")", PRIMARY) : new Printed(CodeBlock.of("($L)", p.block()), PRIMARY);
    }

    /** {@code left op right} at precedence {@code level}, as text when both sides are. */
    private static Printed infix(Printed left, String op, Printed right, int level) {
        if (left.text() != null && right.text() != null) {
            return Printed.plain(left.text() + " " + op + " " + right.text(), level);
        }
        return new Printed(CodeBlock.of("$L $L $L", left.arg(), op, right.arg()), level);
    }

    /** {@code prefix} before {@code operand}, as text when the operand is. */
    private static Printed prefixed(String prefix, Printed operand, int level) {
        return operand.text() != null ? Printed.plain(prefix + operand.text(), level)
                : new Printed(CodeBlock.of("$L$L", prefix, operand.block()), level);
    }

    Printed expression(Instruction instruction, Scope names) {
        if (instruction instanceof Instruction.Binary b) {
            int level = switch (b.op()) {
                case ADD, SUBTRACT -> ADDITIVE;
                case MULTIPLY, DIVIDE, REMAINDER -> MULTIPLICATIVE;
                case SHIFT_LEFT, SHIFT_RIGHT, UNSIGNED_SHIFT_RIGHT -> SHIFT;
                case AND -> BIT_AND;
                case XOR -> BIT_XOR;
                case OR -> BIT_OR;
            };
            if (level < EQUALITY) {
                // & | ^ read best with their operands parenthesized unless they are shifts or tighter, or the same
                // operator on the left: (x > i) & (k >= 0), a | (b & c), a | b | c
                Printed left = printedOperand(b.a(), names);
                Printed a = left.precedence() == level ? left : wrapped(b.a(), SHIFT, names);
                return infix(a, b.op().symbol(), wrapped(b.b(), SHIFT, names), level);
            }
            return infix(wrapped(b.a(), level, names), b.op().symbol(), wrapped(b.b(), level + 1, names), level);
        }
        if (instruction instanceof Instruction.Negate n) {
            Printed inner = wrapped(n.a(), UNARY, names);
            if (inner.text() != null) {
                return Printed.plain(inner.text().startsWith("-") ? "-(" + inner.text() + ")" : "-" + inner.text(), UNARY);
            }
            CodeBlock code = inner.block();
            if (code.toString().startsWith("-")) {
                code = CodeBlock.of("($L)", code);
            }
            return new Printed(CodeBlock.of("-$L", code), UNARY);
        }
        if (instruction instanceof Instruction.Complement c) {
            return prefixed("~", wrapped(c.a(), UNARY, names), UNARY);
        }
        if (instruction instanceof Instruction.PureCall p) {
            return new Printed(CodeBlock.of("$T.$N($L)", ExprPrinter.className(p.owner()), p.name(),
                    arguments(p.args(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.MathCall m) {
            ClassName owner = m.function().isSmooth() ? ExprPrinter.SMOOTH_MATH : m.strict() ? STRICT_MATH : MATH;
            return new Printed(CodeBlock.of("$T.$N($L)", owner, m.function().javaName(),
                    arguments(m.args(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.Cast c) {
            return prefixed("(" + c.out().type().keyword() + ") ", wrapped(c.a(), UNARY, names), UNARY);
        }
        if (instruction instanceof Instruction.Copy c) {
            return printedOperand(c.a(), names);
        }
        if (instruction instanceof Instruction.Compare c && c.cmp() == Instruction.Comparison.EQUALS) {
            return new Printed(CodeBlock.of("$L.equals($L)", wrap(c.a(), PRIMARY, names), operand(c.b(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.NonNull n) {
            return new Printed(CodeBlock.of("$T.requireNonNull($L)", java.util.Objects.class, operand(n.a(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.Compare c) {
            boolean equality = c.cmp() == Instruction.Comparison.EQUAL || c.cmp() == Instruction.Comparison.NOT_EQUAL;
            int level = equality ? EQUALITY : RELATIONAL;
            return infix(wrapped(c.a(), level, names), c.cmp().symbol(), wrapped(c.b(), level + 1, names), level);
        }
        if (instruction instanceof Instruction.Not n) {
            return prefixed("!", wrapped(n.a(), UNARY, names), UNARY);
        }
        if (instruction instanceof Instruction.Logic l) {
            int level = l.and() ? AND : OR;
            return infix(wrapped(l.a(), level, names), l.and() ? "&&" : "||", wrapped(l.b(), level + 1, names), level);
        }
        if (instruction instanceof Instruction.ArrayCall a) {
            return new Printed(CodeBlock.of("$T." + a.function().javaName() + "($L)", ExprPrinter.ARRAY_MATH, arguments(a.args(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.Load load) {
            Printed array = wrapped(load.array(), PRIMARY, names);
            List<Printed> indices = load.indices().stream().map(i -> printedOperand(i, names)).toList();
            if (array.text() != null && indices.stream().allMatch(i -> i.text() != null)) {
                StringBuilder text = new StringBuilder(array.text());
                indices.forEach(i -> text.append('[').append(i.text()).append(']'));
                return Printed.plain(text.toString(), PRIMARY);
            }
            CodeBlock.Builder code = CodeBlock.builder().add("$L", array.arg());
            indices.forEach(i -> code.add("[$L]", i.arg()));
            return new Printed(code.build(), PRIMARY);
        }
        if (instruction instanceof Instruction.NewArray a) {
            CodeBlock.Builder code = CodeBlock.builder().add(a.out().type().isReal() ? "new double" : "new int");
            a.dimensions().forEach(d -> code.add("[$L]", operand(d, names)));
            // not PRIMARY: an index after it needs parentheses, (new double[4][4])[2], or it makes a bigger array
            return new Printed(code.build(), UNARY);
        }
        if (instruction instanceof Instruction.ArrayLiteral literal) {
            return new Printed(arrayLiteral(literal, o -> operand(o, names)), UNARY);
        }
        if (instruction instanceof Instruction.Length length) {
            Printed array = wrapped(length.array(), PRIMARY, names);
            return array.text() != null ? Printed.plain(array.text() + ".length", PRIMARY)
                    : new Printed(CodeBlock.of("$L.length", array.block()), PRIMARY);
        }
        throw new IllegalStateException("no expression form for " + instruction);
    }

    /** {@code new double[] {a, b}} or {@code new double[][] {{a, b}, {c, d}}}. */
    static CodeBlock arrayLiteral(Instruction.ArrayLiteral literal, java.util.function.Function<Operand, CodeBlock> operands) {
        List<CodeBlock> elements = literal.elements().stream().map(operands).toList();
        if (literal.columns() == 0) {
            return CodeBlock.of("new $L {$L}", literal.out().type().keyword(), CodeBlock.join(elements, ", "));
        }
        List<CodeBlock> rows = new ArrayList<>();
        for (int r = 0; r < elements.size() / literal.columns(); r++) {
            rows.add(CodeBlock.of("{$L}", CodeBlock.join(elements.subList(r * literal.columns(), (r + 1) * literal.columns()), ", ")));
        }
        return CodeBlock.of("new $L {$L}", literal.out().type().keyword(), CodeBlock.join(rows, ", "));
    }

    CodeBlock wrapCondition(Operand condition, Scope names) {
        return wrap(condition, OR, names);
    }
}
