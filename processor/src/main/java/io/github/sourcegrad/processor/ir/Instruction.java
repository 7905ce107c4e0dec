package io.github.sourcegrad.processor.ir;

import java.util.List;

/** One SSA instruction {@code out = op(operands)}: the forward pass is a list of these. */
public sealed interface Instruction extends Node {
    Value out();

    List<Operand> operands();

    /** The same instruction writing {@code newOut} instead: how a temporary takes the user's name. */
    default Instruction withOut(Value newOut) {
        return with(newOut, operands());
    }

    /** The same operation on other operands, writing {@code newOut}: how a callee is inlined. */
    Instruction with(Value newOut, List<Operand> newOperands);

    /** {@code out = -a}. */
    record Negate(Value out, Operand a) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Negate(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = ~a} on an int or long. */
    record Complement(Value out, Operand a) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Complement(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = a op b}. */
    record Binary(Value out, BinaryOperator op, Operand a, Operand b) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Binary(newOut, op, newOperands.get(0), newOperands.get(1));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a, b);
        }
    }

    /** {@code out = Math.fn(args)} (or {@code StrictMath.fn} when {@code strict}). */
    record MathCall(Value out, MathFunction function, boolean strict, List<Operand> args) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new MathCall(newOut, function, strict, newOperands);
        }


        public MathCall {
            args = List.copyOf(args);
        }

        @Override
        public List<Operand> operands() {
            return args;
        }
    }

    /** {@code out = callee(args)}, a call to another {@code @Differentiable} method. */
    record Call(Value out, Callee callee, List<Operand> args) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Call(newOut, callee, newOperands);
        }


        public Call {
            args = List.copyOf(args);
        }

        @Override
        public List<Operand> operands() {
            return args;
        }
    }

    /**
     * {@code out = Owner.name(args)}: a static method that is not differentiated, because its result is an int, long
     * or boolean (piecewise constant, derivative 0): an allow-listed JDK method ({@code Double.isNaN}, {@code
     * Integer.max}) or a pure helper of the user's ({@code parse.PureHelpers}). It is computed as written, in the
     * forward pass and wherever the backward pass recomputes a value. {@code isPublic}: the method and every class
     * around it are public, so code in any package can call it; otherwise only code in the owner's package can.
     * {@code cannotFail}: it never throws (the JDK's predicates), so it may be computed where Java would skip it.
     */
    record PureCall(Value out, TypeRef owner, String name, List<Operand> args, boolean isPublic, boolean cannotFail)
            implements Instruction {
        public PureCall {
            args = List.copyOf(args);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new PureCall(newOut, owner, name, newOperands, isPublic, cannotFail);
        }

        @Override
        public List<Operand> operands() {
            return args;
        }

        /** True when code in {@code packageName} (a companion class written there) can call the method. */
        public boolean callableFrom(String packageName) {
            return isPublic || owner.packageName().equals(packageName);
        }
    }

    /**
     * {@code out = a}: a declaration or assignment of a plain variable or literal, or a widening. With
     * {@code noGradient}, {@code out = SourceGrad.noGradient(a)}: the same value (for an array, the same array), but a
     * constant for differentiation, through which no derivative flows back to {@code a}.
     */
    record Copy(Value out, Operand a, boolean noGradient) implements Instruction {
        /** A plain copy, through which derivatives flow. */
        public Copy(Value out, Operand a) {
            this(out, a, false);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Copy(newOut, newOperands.get(0), noGradient);
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = (type) a}: an explicit cast. */
    record Cast(Value out, Operand a) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Cast(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = a cmp b}, a boolean. */
    record Compare(Value out, Comparison cmp, Operand a, Operand b) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Compare(newOut, cmp, newOperands.get(0), newOperands.get(1));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a, b);
        }
    }

    /** {@code out = Objects.requireNonNull(a)}: a switch on a String or enum throws on null, as Java's does. */
    record NonNull(Value out, Operand a) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new NonNull(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = !a}. */
    record Not(Value out, Operand a) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Not(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a);
        }
    }

    /** {@code out = a && b} or {@code out = a || b} where {@code b} needs no evaluation (an operand). */
    record Logic(Value out, boolean and, Operand a, Operand b) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Logic(newOut, and, newOperands.get(0), newOperands.get(1));
        }

        @Override
        public List<Operand> operands() {
            return List.of(a, b);
        }
    }

    /** {@code out = ArrayMath.function(args)}, a vectorized operation. */
    record ArrayCall(Value out, ArrayFunction function, List<Operand> args) implements Instruction {
        public ArrayCall {
            args = List.copyOf(args);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new ArrayCall(newOut, function, newOperands);
        }

        @Override
        public List<Operand> operands() {
            return args;
        }
    }

    /** {@code out = array[i]} or {@code out = array[i][j]}: an element, or a matrix's row when one index is given. */
    record Load(Value out, Operand array, List<Operand> indices) implements Instruction {
        public Load {
            indices = List.copyOf(indices);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Load(newOut, newOperands.get(0), newOperands.subList(1, newOperands.size()));
        }

        @Override
        public List<Operand> operands() {
            List<Operand> all = new java.util.ArrayList<>();
            all.add(array);
            all.addAll(indices);
            return List.copyOf(all);
        }
    }

    /** {@code out = new double[n]} or {@code new double[n][m]}: zeros. */
    record NewArray(Value out, List<Operand> dimensions) implements Instruction {
        public NewArray {
            dimensions = List.copyOf(dimensions);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new NewArray(newOut, newOperands);
        }

        @Override
        public List<Operand> operands() {
            return dimensions;
        }
    }

    /**
     * {@code out = {a, b, c}}, or a matrix {@code {{a, b}, {c, d}}} with its elements row by row and {@code columns}
     * per row ({@code columns} is 0 for a vector).
     */
    record ArrayLiteral(Value out, List<Operand> elements, int columns) implements Instruction {
        public ArrayLiteral {
            elements = List.copyOf(elements);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new ArrayLiteral(newOut, newOperands, columns);
        }

        @Override
        public List<Operand> operands() {
            return elements;
        }

        /** The indices of element {@code k}: {@code [k]}, or {@code [row, column]}. */
        public List<Integer> indices(int k) {
            return columns == 0 ? List.of(k) : List.of(k / columns, k % columns);
        }
    }

    /**
     * {@code array[i] = value}, or {@code array[i] += value} / {@code -= value} when {@code compound} is ADD or
     * SUBTRACT. It computes no value: {@code out} only names the store, and nothing reads it.
     */
    record Store(Value out, Operand array, List<Operand> indices, Operand value, BinaryOperator compound) implements Instruction {
        public Store {
            indices = List.copyOf(indices);
        }

        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            int n = newOperands.size();
            return new Store(newOut, newOperands.get(0), newOperands.subList(1, n - 1), newOperands.get(n - 1), compound);
        }

        @Override
        public List<Operand> operands() {
            List<Operand> all = new java.util.ArrayList<>();
            all.add(array);
            all.addAll(indices);
            all.add(value);
            return List.copyOf(all);
        }
    }

    /** {@code out = array.length}. */
    record Length(Value out, Operand array) implements Instruction {
        @Override
        public Instruction with(Value newOut, List<Operand> newOperands) {
            return new Length(newOut, newOperands.get(0));
        }

        @Override
        public List<Operand> operands() {
            return List.of(array);
        }
    }

    enum Comparison {
        LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!="),
        /** {@code a.equals(b)}, of a String parameter and a string literal (either way round). */
        EQUALS("equals");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum BinaryOperator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), REMAINDER("%"),
        // integer (and, for & | ^, boolean) operators: piecewise constant, they never produce a double
        AND("&"), OR("|"), XOR("^"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"), UNSIGNED_SHIFT_RIGHT(">>>");

        private final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** True for {@code & | ^ << >> >>>}, which take int and long values (and booleans for {@code & | ^}). */
        public boolean isBitwise() {
            return compareTo(AND) >= 0;
        }

        /** True for {@code << >> >>>}, whose result has the type of their left operand. */
        public boolean isShift() {
            return compareTo(SHIFT_LEFT) >= 0;
        }
    }
}
