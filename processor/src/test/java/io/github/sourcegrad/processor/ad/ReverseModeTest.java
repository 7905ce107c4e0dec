package io.github.sourcegrad.processor.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transform on IR built by hand: no javac involved. */
class ReverseModeTest {
    private static final Value X = new Value(0, "x", Type.DOUBLE);
    private static final Value Y = new Value(1, "y", Type.DOUBLE);
    private static final Value N = new Value(2, "n", Type.INT);

    private static Function function(List<Value> parameters, List<Value> wrt, List<Instruction> body) {
        List<Type> types = parameters.stream().map(Value::type).toList();
        Callee signature = new Callee(TypeRef.of("p", "C"), "f", types);
        return new Function(signature, parameters, wrt, List.<io.github.sourcegrad.processor.ir.Node>copyOf(body), body.get(body.size() - 1).out());
    }

    @ParameterizedTest
    @EnumSource(MathFunction.class)
    void everyMathFunctionHasARule(MathFunction f) {
        assertTrue(Rules.covers(f), f + " needs an entry in Rules");
    }

    @Test
    void scalbOfANumberIsWrittenAsADouble() {
        // scalb(1, n) would pick scalb(float, int), which overflows from n = 128 on
        Value r = new Value(3, null, Type.DOUBLE);
        Instruction.MathCall call = new Instruction.MathCall(r, MathFunction.SCALB, false, List.of(X, N));
        Rules.Site site = new Rules.Site(List.of(new Expr.Forward(X), new Expr.Forward(N)), new Expr.Forward(r),
                new Expr.Num(1, "1"), List.of(true, false));
        assertEquals(new Expr.Call(MathFunction.SCALB, List.of(new Expr.Num(1, "1.0"), new Expr.Forward(N))),
                Rules.of(call).get(0).contribution(site));
        assertEquals(null, Rules.of(call).get(1), "the int scale factor gets nothing");
    }

    @Test
    void fanOutDeclaresOnceThenAccumulates() {
        // w = x * x + 3 * x
        Value t1 = new Value(3, null, Type.DOUBLE);
        Value t2 = new Value(4, null, Type.DOUBLE);
        Value w = new Value(5, "w", Type.DOUBLE);
        Function f = function(List.of(X), List.of(X), List.of(
                new Instruction.Binary(t1, BinaryOperator.MULTIPLY, X, X),
                new Instruction.Binary(t2, BinaryOperator.MULTIPLY, new Literal("3", 3, Type.INT), X),
                new Instruction.Binary(w, BinaryOperator.ADD, t1, t2)));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        List<Adjoint.Statement> toX = adjoint.statements().stream().filter(s -> s.target().equals(X)).toList();
        assertEquals(2, toX.size(), "one statement for 3 * x, one for both operands of x * x");
        assertTrue(toX.get(0).declares());
        assertFalse(toX.get(1).declares());
        // the constant 3 is folded into the rule: 3 * dt2, not 3 * 1 * dt2
        assertEquals(new Expr.Binary(Expr.Operator.MULTIPLY, new Expr.Num(3, "3"), new Expr.Adjoint(t2)), toX.get(0).expr());
        // x * x: x * dt1 + x * dt1 is written 2 * x * dt1
        Expr twoX = new Expr.Binary(Expr.Operator.MULTIPLY, new Expr.Num(2, "2"), new Expr.Forward(X));
        assertEquals(new Expr.Binary(Expr.Operator.MULTIPLY, twoX, new Expr.Adjoint(t1)), toX.get(1).expr());
    }

    @Test
    void aNoGradientCopyIsAConstant() {
        // c = noGradient(x) * x: x receives only t1 * dc, and t1 has no adjoint at all
        Value t1 = new Value(3, null, Type.DOUBLE);
        Value c = new Value(4, "c", Type.DOUBLE);
        Instruction.Copy stop = new Instruction.Copy(t1, X, true);
        assertEquals(java.util.Collections.singletonList(null), Rules.of(stop), "the argument gets nothing");
        assertEquals(stop, stop.withOut(new Value(3, "s", Type.DOUBLE)).withOut(t1), "renaming keeps the stop");
        Function f = function(List.of(X), List.of(X), List.of(stop, new Instruction.Binary(c, BinaryOperator.MULTIPLY, t1, X)));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        assertTrue(adjoint.statements().stream().noneMatch(s -> s.target().equals(t1)), adjoint.statements().toString());
        List<Adjoint.Statement> toX = adjoint.statements().stream().filter(s -> s.target().equals(X)).toList();
        assertEquals(1, toX.size());
        assertEquals(new Expr.Binary(Expr.Operator.MULTIPLY, new Expr.Forward(t1), new Expr.Adjoint(c)), toX.get(0).expr());
        // the same copy without the stop passes dz on: 2 * x * dc
        Function plain = function(List.of(X), List.of(X), List.of(new Instruction.Copy(t1, X),
                new Instruction.Binary(c, BinaryOperator.MULTIPLY, t1, X)));
        assertEquals(2, ReverseMode.differentiate(plain, List.of(X)).statements().stream()
                .filter(s -> s.target().equals(X)).count(), "x * dc and dt1");
    }

    @Test
    void valuesThatCannotReachADifferentiatedParameterGetNoAdjoint() {
        // a = y * n (y not differentiated); b = x * a
        Value a = new Value(3, "a", Type.DOUBLE);
        Value b = new Value(4, "b", Type.DOUBLE);
        Function f = function(List.of(X, Y, N), List.of(X), List.of(
                new Instruction.Binary(a, BinaryOperator.MULTIPLY, Y, N),
                new Instruction.Binary(b, BinaryOperator.MULTIPLY, X, a)));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        assertEquals(List.of(b, X), adjoint.statements().stream().map(Adjoint.Statement::target).toList());
        assertEquals(java.util.Set.of(X), adjoint.reached());
    }

    @Test
    void piecewiseConstantFunctionsStopTheGradient() {
        Value r = new Value(3, "r", Type.DOUBLE);
        Value s = new Value(4, "s", Type.DOUBLE);
        Function f = function(List.of(X), List.of(X), List.of(
                new Instruction.MathCall(r, MathFunction.FLOOR, false, List.of(X)),
                new Instruction.Binary(s, BinaryOperator.MULTIPLY, r, r)));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        assertTrue(adjoint.statements().isEmpty(), adjoint.statements().toString());
        assertTrue(adjoint.reached().isEmpty());
    }

    @Test
    void reluPassesTheGradientOnlyWhenPositive() {
        Value q = new Value(3, "q", Type.DOUBLE);
        Function f = function(List.of(X), List.of(X), List.of(
                new Instruction.MathCall(q, MathFunction.MAX, false, List.of(X, new Literal("0", 0, Type.INT)))));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        Expr toX = adjoint.statements().get(1).expr();
        Expr.Conditional relu = assertInstanceOf(Expr.Conditional.class, toX);
        assertEquals(Expr.Comparison.GREATER, relu.cmp());
        assertEquals(new Expr.Num(0, "0"), relu.otherwise(), "a tie with a constant passes nothing: relu'(0) = 0");
    }

    @Test
    void derivativesReadMathCallsTheForwardPassAlreadyMade() {
        // s = sin(x); c = cos(x); p = s * c: sin's rule needs cos(x), which is c; cos's needs sin(x), which is s
        Value sin = new Value(3, "s", Type.DOUBLE);
        Value cos = new Value(4, "c", Type.DOUBLE);
        Value product = new Value(5, "p", Type.DOUBLE);
        Function f = function(List.of(X), List.of(X), List.of(
                new Instruction.MathCall(sin, MathFunction.SIN, false, List.of(X)),
                new Instruction.MathCall(cos, MathFunction.COS, false, List.of(X)),
                new Instruction.Binary(product, BinaryOperator.MULTIPLY, sin, cos)));
        Adjoint adjoint = ReverseMode.differentiate(f, List.of(X));
        List<Expr> toX = adjoint.statements().stream().filter(s -> s.target().equals(X)).map(Adjoint.Statement::expr).toList();
        assertEquals(List.of(
                Expr.mul(Expr.neg(new Expr.Forward(sin)), new Expr.Adjoint(cos)),
                Expr.mul(new Expr.Forward(cos), new Expr.Adjoint(sin))), toX);
    }

    @Test
    void foldingKeepsOnesAndZerosOutOfTheOutput() {
        Expr dz = new Expr.Adjoint(X);
        assertEquals(dz, Expr.mul(Expr.num(1), dz));
        assertEquals(Expr.num(0), Expr.mul(dz, Expr.num(0)));
        assertEquals(dz, Expr.add(Expr.num(0), dz));
        assertEquals(dz, Expr.neg(Expr.neg(dz)));
        assertEquals(new Expr.Negate(dz), Expr.mul(Expr.num(-1), dz));
        assertEquals(Expr.num(6), Expr.mul(Expr.num(2), Expr.num(3)));
        // -(a * b) is written (-a) * b, which is exact in IEEE arithmetic and reads like the slides
        assertEquals(Expr.mul(Expr.num(-2), dz), Expr.neg(Expr.mul(Expr.num(2), dz)));
    }
}
