package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Bodies are read before javac attributes them, so SourceGrad resolves names itself. These tests pin the
 * JLS order: locals, members of the enclosing classes, single static imports, on-demand static imports.
 */
class NameResolutionTest {

    @Test
    void aDifferentiableMethodNamedExpHidesTheStaticImportOfMathExp() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Own", """
                package p;
                import static java.lang.Math.exp;
                import io.github.sourcegrad.Differentiable;
                class Own {
                    @Differentiable static double exp(double v) { return 3 * v; }
                    @Differentiable static double f(double x) { return exp(x * x); }
                }
                """));
        GeneratedCode.Gradient g = code.gradient("p.Own", "f", 2.0);
        assertEquals(12.0, g.value(), 0.0, "exp is the user's 3 * v, not Math.exp");
        assertEquals(12.0, g.d("x"), 0.0);
        assertFalse(code.generatedSource("p.OwnGrad").contains("Math.exp("), code.generatedSource("p.OwnGrad"));
    }

    @Test
    void aUserMethodNamedSoftplusHidesTheStaticImportOfSmoothMath() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.OwnSoftplus", """
                package p;
                import static io.github.sourcegrad.SmoothMath.*;
                import io.github.sourcegrad.Differentiable;
                class OwnSoftplus {
                    @Differentiable static double softplus(double v) { return 3 * v; }
                    @Differentiable static double f(double x) { return softplus(x * x) + logSigmoid(x); }
                }
                """));
        GeneratedCode.Gradient g = code.gradient("p.OwnSoftplus", "f", 2.0);
        assertEquals(12.0 - Math.log1p(Math.exp(-2.0)), g.value(), 1e-15, "softplus is the user's 3 * v");
        assertEquals(12.0 + 1 / (1 + Math.exp(2.0)), g.d("x"), 1e-15);
        String source = code.generatedSource("p.OwnSoftplusGrad");
        assertTrue(!source.contains("SmoothMath.softplus(") && source.contains("SmoothMath.logSigmoid(x)"), source);
    }

    @Test
    void smoothMathQualifiedSingleImportedAndOnDemandBesideArrayMath() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.SmoothNames", """
                package p;
                import static io.github.sourcegrad.ArrayMath.*;
                import static io.github.sourcegrad.SmoothMath.*;
                import static io.github.sourcegrad.SmoothMath.softplus;
                import io.github.sourcegrad.Differentiable;
                class SmoothNames {
                    @Differentiable static double f(double x) {
                        double[] v = {x, 2 * x};
                        // on demand from both classes, the arguments choose (as javac does)
                        return sigmoid(x) + sum(sigmoid(v)) + softplus(x)
                                + io.github.sourcegrad.SmoothMath.logAddExp(x, 1);
                    }
                }
                """));
        double x = 0.3;
        double s = 1 / (1 + Math.exp(-x));
        double s2 = 1 / (1 + Math.exp(-2 * x));
        GeneratedCode.Gradient g = code.gradient("p.SmoothNames", "f", x);
        double expected = 2 * s * (1 - s) + 2 * s2 * (1 - s2) + s + 1 / (1 + Math.exp(1 - x));
        assertEquals(expected, g.d("x"), 1e-15);
        String source = code.generatedSource("p.SmoothNamesGrad");
        assertTrue(source.contains("SmoothMath.sigmoid(x)") && source.contains("sigmoidInto(v, ")
                && source.contains("SmoothMath.softplus(x)"), source);
    }

    @Test
    void staticImportsSingleAndOnDemandAndFullyQualifiedNames() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Imports", """
                package p;
                import static java.lang.Math.*;
                import static java.lang.StrictMath.sin;
                import io.github.sourcegrad.Differentiable;
                class Imports {
                    @Differentiable static double f(double x) {
                        return sin(x) + cos(x) * PI + java.lang.Math.exp(x) + StrictMath.sqrt(x);
                    }
                }
                """));
        double x = 0.7;
        GeneratedCode.Gradient g = code.gradient("p.Imports", "f", x);
        assertEquals(Math.cos(x) - Math.sin(x) * Math.PI + Math.exp(x) + 0.5 / Math.sqrt(x), g.d("x"), 1e-12);
        String source = code.generatedSource("p.ImportsGrad");
        assertTrue(source.contains("StrictMath.sin(x)"), "the single import of StrictMath.sin wins over Math.*: " + source);
        assertTrue(source.contains("Math.PI"), "static imports are written out in the companion: " + source);
    }

    @Test
    void constantsOfTheUserAndOtherClassesIncludingPrivateOnes() {
        GeneratedCode code = GeneratedCode.compile(
                GeneratedCode.source("p.Units", """
                        package p;
                        public class Units {
                            public static final double SCALE = 2.5;
                            public static class Nested { public static final int FACTOR = 3; }
                        }
                        """),
                GeneratedCode.source("p.Model", """
                        package p;
                        import io.github.sourcegrad.Differentiable;
                        class Model {
                            private static final double RATE = 0.5;
                            static double offset = 1.0;
                            @Differentiable static double f(double x) {
                                return RATE * x * Units.SCALE * Units.Nested.FACTOR + offset;
                            }
                        }
                        """));
        GeneratedCode.Gradient g = code.gradient("p.Model", "f", 2.0);
        assertEquals(0.5 * 2.0 * 2.5 * 3 + 1.0, g.value(), 1e-12);
        assertEquals(0.5 * 2.5 * 3, g.d("x"), 1e-12);
        String source = code.generatedSource("p.ModelGrad");
        assertTrue(source.contains("0.5 * x"), "a private constant is inlined: " + source);
        assertTrue(source.contains("Units.Nested.FACTOR"), "an accessible constant is referenced: " + source);
        assertTrue(source.contains("Model.offset"), "a non-constant field is read at run time: " + source);
    }

    @Test
    void localsShadowFieldsOfTheSameName() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Shadowing", """
                package p;
                import io.github.sourcegrad.Differentiable;
                class Shadowing {
                    static final double x = 100;
                    @Differentiable static double f(double y) {
                        double x = y * y;
                        return x;
                    }
                }
                """));
        GeneratedCode.Gradient g = code.gradient("p.Shadowing", "f", 3.0);
        assertEquals(9.0, g.value(), 0.0);
        assertEquals(6.0, g.d("y"), 0.0);
    }
}
