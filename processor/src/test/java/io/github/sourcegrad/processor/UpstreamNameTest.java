package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A pullback's upstream parameter, the adjoint of its array result, is named after the result: {@code dys}
 * for a result variable {@code ys}, {@code dresult} for a returned expression (never a temporary's adjoint
 * such as {@code dt1}), {@code d_result} when the user has a {@code dresult} of her own.
 */
class UpstreamNameTest {

    private static final GeneratedCode.Once CODE = GeneratedCode.once(GeneratedCode.source("p.Pullbacks", """
            package p;
            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;
            class Pullbacks {
                @Differentiable static double[] expOf(double[] x) {
                    return ArrayMath.exp(x);
                }
                @Differentiable static double[] scaledTanh(double[] x, double c) {
                    return ArrayMath.scale(c, ArrayMath.tanh(x));
                }
                @Differentiable static double[] named(double[] x) {
                    double[] ys = ArrayMath.tanh(x);
                    return ys;
                }
                @Differentiable static double[][] taken(double[][] X) {
                    double[][] dresult = ArrayMath.exp(X);
                    return ArrayMath.square(dresult);
                }
            }
            """));

    @Test
    void aReturnedExpressionGivesDresult() {
        String source = CODE.get().generatedSource("p.PullbacksGrad");
        assertTrue(source.contains("public static ExpOfGradient dexpOf(double[] x, double[] dresult) {"), source);
        assertTrue(source.contains("public static double[] dexpOf(double[] x, double[] dresult, double[] gradX)"), source);
        assertTrue(source.contains("dscaledTanh(double[] x, double c, double[] dresult)"), source);
        assertTrue(source.contains("@param dresult the upstream adjoint of the result"), source);
        assertFalse(source.matches("(?s).*, double\\[\\](\\[\\])? dt\\d+[,)].*"), source); // no parameter dt1
    }

    @Test
    void aResultVariableGivesItsOwnAdjointName() {
        String source = CODE.get().generatedSource("p.PullbacksGrad");
        assertTrue(source.contains("public static NamedGradient dnamed(double[] x, double[] dys) {"), source);
    }

    @Test
    void aUserLocalNamedDresultPushesTheUpstreamAside() {
        String source = CODE.get().generatedSource("p.PullbacksGrad");
        assertTrue(source.contains("dtaken(double[][] X, double[][] d_result)"), source);
    }

    @Test
    void theRenamedUpstreamStillGivesTheVectorJacobianProduct() throws Exception {
        Class<?> companion = CODE.get().companion("p.Pullbacks");
        double[] x = {-1.5, 0, 0.25, 2};
        double[] upstream = {1, -2, 0.5, 3};
        Method dexp = companion.getMethod("dexpOf", double[].class, double[].class);
        Object record = dexp.invoke(null, x, upstream);
        double[] dx = (double[]) record.getClass().getMethod("dx").invoke(record);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Math.exp(x[i]) * upstream[i];
        }
        assertArrayEquals(expected, dx, 0.0, Arrays.toString(dx));

        Method dscaled = companion.getMethod("dscaledTanh", double[].class, double.class, double[].class);
        Object scaled = dscaled.invoke(null, x, 3.0, upstream);
        double[] dxs = (double[]) scaled.getClass().getMethod("dx").invoke(scaled);
        double dc = (Double) scaled.getClass().getMethod("dc").invoke(scaled);
        double expectedDc = 0;
        for (int i = 0; i < x.length; i++) {
            double t = Math.tanh(x[i]);   // ArrayMath.tanh is within 3 ulp of it, 1 - t * t within a few 1e-15
            assertEquals(3 * (1 - t * t) * upstream[i], dxs[i], 1e-14, "dx[" + i + "]");
            expectedDc += t * upstream[i];
        }
        assertEquals(expectedDc, dc, 1e-14, "dc");
    }
}
