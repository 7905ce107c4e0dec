package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;

/**
 * The right-hand side of one backward (or, in forward mode, tangent) statement: a small expression over forward values, the adjoint
 * being propagated, and numbers. Build them with the factory methods, which fold {@code 1 * a},
 * {@code 0 + a}, {@code -(-a)} and arithmetic on numbers, so that no generated line reads {@code 3 * 1}.
 */
public sealed interface Expr {

    /** A forward value, or a static field such as {@code Math.PI}. Literals become {@link Num}. */
    record Forward(Operand operand) implements Expr {}

    /** The adjoint {@code dv} of a forward value. */
    record Adjoint(Value of) implements Expr {}

    /** The tangent {@code tv} of a forward value: what forward mode puts where a rule reads {@code dz}. */
    record Tangent(Value of) implements Expr {}

    /** A number, printed as {@code text}. */
    record Num(double value, String text) implements Expr {}

    record Negate(Expr operand) implements Expr {}

    record Binary(Operator op, Expr left, Expr right) implements Expr {}

    /** {@code Math.function(args)}. */
    record Call(MathFunction function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code left cmp right ? then : otherwise}. */
    record Conditional(Expr left, Comparison cmp, Expr right, Expr then, Expr otherwise) implements Expr {}

    /**
     * The partial derivative of a called {@code @Differentiable} method with respect to its argument {@code index};
     * for a call that returns an array, what the callee's pullback gives that argument for the result's adjoint.
     */
    record Partial(Instruction.Call call, int index) implements Expr {}

    /** {@code ArrayMath.method(args)}: a vectorized operation or backward helper; its value is a fresh array or a double. */
    record ArrayOp(String method, List<Expr> args) implements Expr {
        public ArrayOp {
            args = List.copyOf(args);
        }
    }

    /**
     * What an element read {@code z = a[i]} gives back: {@code value} goes into the element {@code da[i]} of the
     * array's adjoint, not into the whole adjoint.
     */
    record Scatter(List<Expr> indices, Expr value) implements Expr {
        public Scatter {
            indices = List.copyOf(indices);
        }
    }

    /** An element of an array's adjoint, {@code dh[i]}: what a store or an array literal passes to the value it wrote. */
    record Element(Value array, List<Expr> indices) implements Expr {
        public Element {
            indices = List.copyOf(indices);
        }
    }

    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum Comparison {
        GREATER(">"), LESS("<"), EQUAL("==");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    // ---- factories that fold constants -------------------------------------------------------------

    static Expr num(double value) {
        return new Num(value, Literal.format(value));
    }

    static Expr of(Operand operand) {
        return operand instanceof Literal literal ? new Num(literal.value(), literal.text()) : new Forward(operand);
    }

    static boolean isZero(Expr e) {
        return e instanceof Num n && n.value() == 0;
    }

    static boolean isOne(Expr e) {
        return e instanceof Num n && n.value() == 1;
    }

    static Expr neg(Expr e) {
        if (e instanceof Num n) {
            return n.value() == 0 ? n : new Num(-n.value(), n.text().startsWith("-") ? n.text().substring(1) : "-" + n.text());
        }
        if (e instanceof Negate n) {
            return n.operand();
        }
        // -(a * b) == (-a) * b exactly in IEEE arithmetic; the second form reads like the slides.
        if (e instanceof Binary b && b.op() == Operator.MULTIPLY) {
            return mul(neg(b.left()), b.right());
        }
        if (e instanceof Binary b && b.op() == Operator.DIVIDE) {
            return div(neg(b.left()), b.right());
        }
        return new Negate(e);
    }

    static Expr add(Expr a, Expr b) {
        if (isZero(a)) {
            return b;
        }
        if (isZero(b)) {
            return a;
        }
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() + y.value());
        }
        if (b instanceof Negate n) {
            return sub(a, n.operand());
        }
        if (a.equals(b)) {
            return twice(a);
        }
        return new Binary(Operator.ADD, a, b);
    }

    /** {@code e + e} as {@code 2 * e}, with the 2 leading a product: doubling is exact, so this regrouping is too. */
    private static Expr twice(Expr e) {
        if (e instanceof Binary b && b.op() == Operator.MULTIPLY) {
            return new Binary(Operator.MULTIPLY, twice(b.left()), b.right());
        }
        return mul(num(2), e);
    }

    static Expr sub(Expr a, Expr b) {
        if (isZero(b)) {
            return a;
        }
        if (isZero(a)) {
            return neg(b);
        }
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() - y.value());
        }
        if (b instanceof Negate n) {
            return add(a, n.operand());
        }
        return new Binary(Operator.SUBTRACT, a, b);
    }

    static Expr mul(Expr a, Expr b) {
        if (isZero(a) || isZero(b)) {
            return num(0);
        }
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() * y.value());
        }
        if (a instanceof Num x && x.value() == -1) {
            return neg(b);
        }
        if (b instanceof Num y && y.value() == -1) {
            return neg(a);
        }
        return new Binary(Operator.MULTIPLY, a, b);
    }

    static Expr div(Expr a, Expr b) {
        if (isOne(b)) {
            return a;
        }
        if (isZero(a)) {
            return num(0);
        }
        if (a instanceof Num x && b instanceof Num y && y.value() != 0) {
            return num(x.value() / y.value());
        }
        return new Binary(Operator.DIVIDE, a, b);
    }

    static Expr call(MathFunction function, Expr... args) {
        return new Call(function, List.of(args));
    }

    /** How two contributions to one adjoint of this type add up: {@code +} for doubles, {@code ArrayMath.add} for arrays. */
    static java.util.function.BinaryOperator<Expr> sum(io.github.sourcegrad.processor.ir.Type type) {
        return type.isArray() ? Expr::addArrays : Expr::add;
    }

    /** {@code a + a} as {@code scale(2 * c, v)} when {@code a} is {@code scale(c, v)}: dot(g, g) gives g twice. */
    private static Expr addArrays(Expr a, Expr b) {
        if (a.equals(b)) {
            if (a instanceof ArrayOp scale && scale.method().equals("scale")) {
                return op("scale", mul(num(2), scale.args().get(0)), scale.args().get(1));
            }
            return op("scale", num(2), a);
        }
        return op("add", a, b);
    }

    static Expr op(String method, Expr... args) {
        return new ArrayOp(method, List.of(args));
    }

    static Expr when(Expr left, Comparison cmp, Expr right, Expr then, Expr otherwise) {
        if (isZero(then) && isZero(otherwise)) {
            return num(0);
        }
        return new Conditional(left, cmp, right, then, otherwise);
    }
}
