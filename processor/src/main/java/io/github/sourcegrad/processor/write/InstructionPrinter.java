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

    CodeBlock arguments(List<Operand> args, Scope names) {
        List<CodeBlock> parts = new ArrayList<>();
        for (Operand a : args) {
            parts.add(operand(a, names));
        }
        return CodeBlock.join(parts, ", ");
    }

    // ---- expressions -----------------------------------------------------------------------------------

    record Printed(CodeBlock code, int precedence) {}

    CodeBlock operand(Operand operand, Scope names) {
        return printedOperand(operand, names).code();
    }

    /** {@code !condition}; the negation of a printed {@code !c} is {@code c}, not {@code !!c}. */
    CodeBlock negated(Operand operand, Scope names) {
        if (operand instanceof Value v && schedule != null && schedule.isInlined(v)
                && schedule.definition(v) instanceof Instruction.Not n) {
            return operand(n.a(), names);
        }
        return CodeBlock.of("!$L", parenthesize(operand, names));
    }

    /** A condition ready to follow {@code !}. */
    CodeBlock parenthesize(Operand operand, Scope names) {
        Printed p = printedOperand(operand, names);
        return p.precedence() >= UNARY ? p.code() : CodeBlock.of("($L)", p.code());
    }

    private Printed printedOperand(Operand operand, Scope names) {
        if (operand instanceof Value v) {
            if (schedule != null && schedule.isInlined(v)) {
                return expression(schedule.definition(v), names);
            }
            return new Printed(CodeBlock.of("$N", names.apply(v)), PRIMARY);
        }
        if (operand instanceof Literal literal) {
            return new Printed(CodeBlock.of("$L", literal.text()), literal.text().startsWith("-") ? UNARY : PRIMARY);
        }
        StaticField field = (StaticField) operand;
        return new Printed(CodeBlock.of("$T.$N", ExprPrinter.className(field.owner()), field.name()), PRIMARY);
    }

    CodeBlock wrap(Operand operand, int required, Scope names) {
        Printed p = printedOperand(operand, names);
        return p.precedence() >= required ? p.code() : CodeBlock.of("($L)", p.code());
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
                CodeBlock a = left.precedence() == level ? left.code() : wrap(b.a(), SHIFT, names);
                return new Printed(CodeBlock.of("$L $L $L", a, b.op().symbol(), wrap(b.b(), SHIFT, names)), level);
            }
            return new Printed(CodeBlock.of("$L $L $L", wrap(b.a(), level, names), b.op().symbol(), wrap(b.b(), level + 1, names)), level);
        }
        if (instruction instanceof Instruction.Negate n) {
            CodeBlock inner = wrap(n.a(), UNARY, names);
            if (inner.toString().startsWith("-")) {
                inner = CodeBlock.of("($L)", inner);
            }
            return new Printed(CodeBlock.of("-$L", inner), UNARY);
        }
        if (instruction instanceof Instruction.Complement c) {
            return new Printed(CodeBlock.of("~$L", wrap(c.a(), UNARY, names)), UNARY);
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
            return new Printed(CodeBlock.of("($L) $L", c.out().type().keyword(), wrap(c.a(), UNARY, names)), UNARY);
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
            return new Printed(CodeBlock.of("$L $L $L", wrap(c.a(), level, names), c.cmp().symbol(), wrap(c.b(), level + 1, names)), level);
        }
        if (instruction instanceof Instruction.Not n) {
            return new Printed(CodeBlock.of("!$L", wrap(n.a(), UNARY, names)), UNARY);
        }
        if (instruction instanceof Instruction.Logic l) {
            int level = l.and() ? AND : OR;
            return new Printed(CodeBlock.of("$L $L $L", wrap(l.a(), level, names), l.and() ? "&&" : "||", wrap(l.b(), level + 1, names)), level);
        }
        if (instruction instanceof Instruction.ArrayCall a) {
            return new Printed(CodeBlock.of("$T." + a.function().javaName() + "($L)", ExprPrinter.ARRAY_MATH, arguments(a.args(), names)), PRIMARY);
        }
        if (instruction instanceof Instruction.Load load) {
            CodeBlock.Builder code = CodeBlock.builder().add("$L", wrap(load.array(), PRIMARY, names));
            load.indices().forEach(i -> code.add("[$L]", operand(i, names)));
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
            return new Printed(CodeBlock.of("$L.length", wrap(length.array(), PRIMARY, names)), PRIMARY);
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
