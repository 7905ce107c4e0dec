package io.github.sourcegrad.processor.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward mode on IR built by hand: the rules' dz replaced by the arguments' tangents, and what carries one. */
class ForwardModeTest {
    private static final Value X = new Value(0, "x", Type.DOUBLE);
    private static final Value Y = new Value(1, "y", Type.DOUBLE);
    private static final Value N = new Value(2, "n", Type.INT);

    private static Function function(List<Value> parameters, List<Value> wrt, List<Node> body, Value result) {
        Callee signature = new Callee(TypeRef.of("p", "C"), "f", parameters.stream().map(Value::type).toList());
        return new Function(signature, parameters, wrt, body, result);
    }

    @Test
    void aProductAndAnExponentialTakeTheSlidesForm() {
        // z = x * y; e = exp(z)
        Value z = new Value(3, "z", Type.DOUBLE);
        Value e = new Value(4, "e", Type.DOUBLE);
        Function f = function(List.of(X, Y), List.of(X, Y), List.of(
                new Instruction.Binary(z, BinaryOperator.MULTIPLY, X, Y),
                new Instruction.MathCall(e, MathFunction.EXP, false, List.of(z))), e);
        ForwardMode.Tangents t = ForwardMode.differentiate(f, f.differentiated());
        assertEquals(Expr.add(Expr.mul(new Expr.Forward(Y), new Expr.Tangent(X)), Expr.mul(new Expr.Forward(X), new Expr.Tangent(Y))),
                t.tangents().get(z), "tz = y * tx + x * ty");
        assertEquals(Expr.mul(new Expr.Forward(e), new Expr.Tangent(z)), t.tangents().get(e), "te = e * tz");
    }

    @Test
    void constantsGetNoTangentAndNegativeTermsAreSubtracted() {
        // q = x / y with respect to y only: tq = -(q / y) * ty, with x constant; c = n * 2 carries nothing
        Value q = new Value(3, "q", Type.DOUBLE);
        Value c = new Value(4, "c", Type.INT);
        Value s = new Value(5, "s", Type.DOUBLE);
        Function f = function(List.of(X, Y, N), List.of(Y), List.of(
                new Instruction.Binary(c, BinaryOperator.MULTIPLY, N, new Literal("2", 2, Type.INT)),
                new Instruction.Binary(q, BinaryOperator.DIVIDE, X, Y),
                new Instruction.Binary(s, BinaryOperator.SUBTRACT, X, q)), s);
        ForwardMode.Tangents t = ForwardMode.differentiate(f, f.differentiated());
        assertFalse(t.varied().contains(c));
        assertFalse(t.varied().contains(X));
        assertFalse(t.tangents().containsKey(c));
        assertEquals(Expr.neg(new Expr.Tangent(q)), t.tangents().get(s), "ts = -tq: x carries no tangent, no 0 is printed");
    }

    @Test
    void aLoopCarriesItsTangent() {
        // h = 1; while (...) { h = h * x }: h's entry value carries a tangent from the second iteration on
        Value h0 = new Value(3, "h", Type.DOUBLE);
        Value h = new Value(4, "h", Type.DOUBLE);
        Value hEntry = new Value(5, "h", Type.DOUBLE);
        Value h1 = new Value(6, "h", Type.DOUBLE);
        Value test = new Value(7, null, Type.BOOLEAN);
        Node.Loop loop = new Node.Loop(0, null, Node.Loop.Kind.WHILE, List.of(new Node.Write(h, h0)),
                List.of(new Instruction.Compare(test, Instruction.Comparison.LESS, h, new Literal("10", 10, Type.INT))), test,
                List.of(new Instruction.Binary(h1, BinaryOperator.MULTIPLY, hEntry, X), new Node.Write(h, h1)), List.of(),
                List.of(new Node.Loop.Carried(h, hEntry)), null);
        Function f = function(List.of(X), List.of(X), List.of(new Instruction.Copy(h0, new Literal("1", 1, Type.INT)), loop), h);
        ForwardMode.Tangents t = ForwardMode.differentiate(f, f.differentiated());
        assertFalse(t.varied().contains(h0), "the constant start has no tangent");
        assertTrue(t.varied().containsAll(List.of(h, hEntry, h1)));
        assertTrue(ForwardMode.unsupported(f, f.differentiated(), true).isEmpty());
    }
}
