package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The zero-allocation form writes the methods it calls inline, so that no callee record is allocated, but
 * only while the method stays small: a chain of calls must not grow it past what javac and HotSpot accept.
 */
class InliningTest {

    @Test
    void smallCalleesAreWrittenInlineInTheZeroAllocationForm() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Small", """
                package p;
                import io.github.sourcegrad.Differentiable;
                class Small {
                    @Differentiable static double square(double v) { return v * v; }
                    @Differentiable static double f(double x, double y) {
                        double s = square(x) + square(y);
                        return Math.sqrt(s);
                    }
                }
                """));
        code.assertGradientMatchesDifferences("p.Small", "f", new int[] {0, 1}, 0.3, 0.4);
        String source = code.generatedSource("p.SmallGrad");
        String arrayForm = source.substring(source.indexOf("public static double df(double x, double y, double[] grad)"));
        arrayForm = arrayForm.substring(0, arrayForm.indexOf("\n    }\n"));
        assertFalse(arrayForm.contains("Local"), "no callee record in the zero-allocation form:\n" + arrayForm);
        assertFalse(source.contains("SmallGrad.dsquare("), "the record form writes the callee inline too:\n" + source);
    }

    @Test
    void aLongChainOfCallsStaysCompilableAndExact() {
        StringBuilder body = new StringBuilder("""
                package p;
                import io.github.sourcegrad.Differentiable;
                class Chain {
                    @Differentiable static double f0(double x) { return Math.sin(x) * x; }
                """);
        for (int i = 1; i <= 14; i++) {
            body.append("    @Differentiable static double f").append(i).append("(double x) { return f").append(i - 1)
                    .append("(x) + 0.5 * f").append(i - 1).append("(0.5 * x); }\n");
        }
        body.append("}\n");
        // fully inlined, f14 would hold 2^14 copies of f0: far beyond the 64 KB javac allows in one method
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Chain", body.toString()));
        code.assertGradientMatchesDifferences("p.Chain", "f14", new int[] {0}, 0.7);
        code.assertGradientMatchesDifferences("p.Chain", "f3", new int[] {0}, -1.1);
        String source = code.generatedSource("p.ChainGrad");
        String f14 = source.substring(source.indexOf("public static double df14(double x, double[] grad)"));
        assertTrue(f14.substring(0, f14.indexOf("\n    }\n")).contains("Local"), "beyond the budget, calls stay calls");
    }
    @Test
    void theRecordFormRunsTheBufferFormWithNamesThatAvoidTheParameters() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Named", """
                package p;
                import io.github.sourcegrad.Differentiable;
                class Named {
                    @Differentiable static double square(double v) { return v * v; }
                    @Differentiable(wrt = {"grad", "value"})
                    static double f(double grad, double value, double grad2) {
                        return square(grad) * value + grad2;
                    }
                }
                """));
        GeneratedCode.Gradient g = code.assertGradientMatchesDifferences("p.Named", "f", new int[] {0, 1}, 0.3, -1.7, 2.0);
        assertEquals(0.3 * 0.3 * -1.7 + 2.0, g.value(), 1e-15);
        assertEquals(2 * 0.3 * -1.7, g.d("grad"), 1e-15);
        assertEquals(0.3 * 0.3, g.d("value"), 1e-15);
        double[] buffer = new double[2];
        assertEquals(g.value(), code.gradientInto("p.Named", "f", buffer, 0.3, -1.7, 2.0), 0.0);
        assertEquals(g.d("grad"), buffer[0], 0.0);
        assertEquals(g.d("value"), buffer[1], 0.0);
        String source = code.generatedSource("p.NamedGrad");
        assertTrue(source.contains("double[] grad3 = new double[2];")
                && source.contains("double value2 = df(grad, value, grad2, grad3);"), source);
    }
}
