package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Programs of the supported subset on which {@link FuzzTest} found the processor wrong, shrunk to a few
 * lines. Each test states the Java semantics the generated code must follow.
 */
class FuzzRegressionTest {

    private static final double EXACT = 0.0;
    private static final int[] X = {0};

    // ------------------------------------------------------------------ Math.round of an int
    // Java picks Math.round(float) for an int (or long) argument, and that returns int, not long
    // (JLS 15.12.2.5: round(float) is more specific than round(double)). The processor types every
    // Math.round as long, so it rejects these programs, which javac accepts.
    // Found as: fuzz seed 20240611, programs 51 and 179.

    /** {@code int k = Math.round(n);} is legal Java: the processor reported "cannot assign a long value to the int variable 'k'". */
    @Test
    void roundOfAnIntAssignedToAnInt() {
        String cls = "fr.RoundToInt";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class RoundToInt {
                    @Differentiable
                    static double f(double x, int n) {
                        int k = Math.round(n);
                        return x * k;
                    }
                }
                """));
        Gradient g = code.assertGradientMatchesDifferences(cls, "f", X, 1.5, 3);
        assertEquals(4.5, g.value(), EXACT);
        assertEquals(3.0, g.d("x"), EXACT);
    }

    /** {@code g(Math.round(2), x)} with {@code g(int, double)}: the processor reported "no overload of g takes these arguments". */
    @Test
    void roundOfAnIntPassedAsAnIntArgument() {
        String cls = "fr.RoundArgument";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class RoundArgument {
                    @Differentiable(wrt = "w")
                    static double g(int n, double w) {
                        return n * w;
                    }

                    @Differentiable
                    static double f(double x) {
                        return g(Math.round(2), x);
                    }
                }
                """));
        Gradient g = code.assertGradientMatchesDifferences(cls, "f", X, 1.5);
        assertEquals(3.0, g.value(), EXACT);
        assertEquals(2.0, g.d("x"), EXACT);
    }

    // ------------------------------------------------------------------ Math.signum of an int is a float
    // Java picks Math.signum(float) for an int argument, so Math.signum(n) / 3 is a float division:
    // (double) (1f / 3) = 0.3333333432674408. The processor used to declare the result a double
    // (double t1 = Math.signum(n); double t2 = t1 / 3;) and divide doubles (0.3333333333333333), so value()
    // and the gradient differed from the method in the 8th digit. Float arithmetic is outside the subset:
    // the processor must reject it (as it now does) or compute in float, never answer silently in double.
    // Found as: fuzz seed 20240611, programs 32, 61, 72, 77, 84 (shrunk: return Math.signum(1) / 7;).

    @Test
    void signumOfAnIntIsRejectedOrDividesAsFloat() {
        String cls = "fr.FloatSignum";
        JavaFileObject source = source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class FloatSignum {
                    @Differentiable
                    static double f(double x, int n) {
                        return x * (Math.signum(n) / 3);
                    }
                }
                """);
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all").compile(source);
        if (compilation.status() == Compilation.Status.FAILURE) {
            assertThat(compilation).hadErrorContaining("[SourceGrad]");
            assertThat(compilation).hadErrorContaining("float");
            return;
        }
        GeneratedCode code = GeneratedCode.compile(source);
        double third = 1f / 3; // 0.3333333432674408
        assertEquals(third, code.primal(cls, "f", 1.0, 1), EXACT);
        Gradient g = code.gradient(cls, "f", 1.0, 1);
        assertEquals(third, g.value(), EXACT, "value()");
        assertEquals(third, g.d("x"), EXACT, "dx");
    }

    // ------------------------------------------------------------------ branches and loops
    // Found by the control-flow generator (fuzz seed 20240611) while branches and loops were being written;
    // each was an error in the generated code or a wrong gradient, shrunk by the fuzzer.

    /** An unused boolean local made a straight-line method print a comparison as a call: an internal error. */
    @Test
    void unusedComparisonInStraightLineCode() {
        String cls = "fr.UnusedComparison";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class UnusedComparison {
                    @Differentiable
                    static double f(double s) {
                        final boolean ok = 1.5 >= s;
                        boolean both = ok && s < 3;
                        return s * 2;
                    }
                }
                """));
        Gradient g = code.assertGradientMatchesDifferences(cls, "f", X, 1.25);
        assertEquals(2.0, g.d("s"), EXACT);
    }

    /** A for loop's own counter, declared in its header, is popped in the reversed loop, which must declare it. */
    @Test
    void countDownFromAVariable() {
        String cls = "fr.CountDown";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class CountDown {
                    static double S = 1.25;

                    @Differentiable
                    static double f(double s) {
                        int j = 2;
                        for (int iter = j; iter > 0; iter--) {
                            s = Math.cos(Math.pow(S, iter) - s);
                        }
                        return s;
                    }
                }
                """));
        code.assertGradientMatchesDifferences(cls, "f", X, 0.3);
    }

    /** Nested conditional expressions: the inner one's value reads the outer one's adjoint. */
    @Test
    void nestedConditionalExpressions() {
        String cls = "fr.NestedConditional";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class NestedConditional {
                    @Differentiable(wrt = "v")
                    static double f(double v, double c) {
                        return c > 1 ? 0.75 : c > 0 ? 0.5 * v : v;
                    }
                }
                """));
        assertEquals(0.0, code.assertGradientMatchesDifferences(cls, "f", X, 1.5, 2.0).d("v"), EXACT);
        assertEquals(0.5, code.assertGradientMatchesDifferences(cls, "f", X, 1.5, 0.5).d("v"), EXACT);
        assertEquals(1.0, code.assertGradientMatchesDifferences(cls, "f", X, 1.5, -0.5).d("v"), EXACT);
    }

    /** A branch's variable is written from a conditional expression: its adjoint is cleared only after it is read. */
    @Test
    void conditionalExpressionInsideABranch() {
        String cls = "fr.ConditionalInBranch";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class ConditionalInBranch {
                    @Differentiable
                    static double f(double p) {
                        double v1 = p;
                        if (true) {
                            p = true ? v1 : v1;
                        } else {
                        }
                        return p;
                    }
                }
                """));
        assertEquals(1.0, code.assertGradientMatchesDifferences(cls, "f", X, -1.9).d("p"), EXACT);
    }

    /** An adjoint to which every contribution folded to zero ({@code t * 0.0}) is never declared: its rule is skipped. */
    @Test
    void adjointThatFoldedToZero() {
        String cls = "fr.FoldedToZero";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class FoldedToZero {
                    @Differentiable
                    static double f(double x) {
                        x = Math.max(x, x) * 0.0;
                        final var tmp = x;
                        double a;
                        if (true) a = tmp;
                        else a = 1.5;
                        return a;
                    }
                }
                """));
        assertEquals(0.0, code.assertGradientMatchesDifferences(cls, "f", X, 0.7).d("x"), EXACT);
    }

    // Found by a 2,000-program run (fuzz seed 7, programs 104, 407, 424, 1867).

    /** A branch that writes a parameter and another that declares a local the processor names alike: two names. */
    @Test
    void branchVariableAndLocalOfTheSameName() {
        String cls = "fr.SameName";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class SameName {
                    @Differentiable
                    static double f(double v, boolean c) {
                        double v2 = v;
                        if (c) {
                            final double v3 = c ? 0.5 : 0.1;
                            v = v3 * v2;
                        } else v /= 3;
                        return v;
                    }
                }
                """));
        assertEquals(0.5, code.assertGradientMatchesDifferences(cls, "f", X, 1.3, true).d("v"), EXACT);
        assertEquals(1.0 / 3, code.assertGradientMatchesDifferences(cls, "f", X, 1.3, false).d("v"), 1e-15);
    }

    /** A callee inlined with a negative literal for a parameter it negates: {@code -(-1)}, not {@code --1}. */
    @Test
    void negatedNegativeLiteralArgument() {
        String cls = "fr.NegateLiteral";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class NegateLiteral {
                    @Differentiable(wrt = "w")
                    static double g(int n, double w) {
                        int j = -n;
                        return j * w;
                    }

                    @Differentiable
                    static double f(double t) {
                        return g(-1, t);
                    }
                }
                """));
        assertEquals(1.0, code.assertGradientMatchesDifferences(cls, "f", X, 0.9).d("t"), EXACT);
    }

    /**
     * A condition the backward pass replays reads the value before the branch wrote the variable over it, also
     * in the part of an iteration that runs only when an earlier {@code continue} did not.
     */
    @Test
    void replayedConditionReadsTheValueBeforeTheBranch() {
        String cls = "fr.Replayed";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class Replayed {
                    @Differentiable(wrt = "t")
                    static double f(double t) {
                        double s = 1.0;
                        do {
                            if (t > 100) continue;
                            s *= 0.75;
                            if (s > 0.99) {
                            } else {
                                s = t;
                            }
                            if (s >= 4.0D) {
                                continue;
                            }
                        } while (false);
                        return s;
                    }
                }
                """));
        assertEquals(1.0, code.assertGradientMatchesDifferences(cls, "f", X, 1.55).d("t"), EXACT);
    }

    /** A conditional expression whose adjoint folded to zero ({@code 0.0 / (c ? 2.7 : s)}): nothing to pass on. */
    @Test
    void conditionalWhoseAdjointFoldedToZero() {
        String cls = "fr.ZeroConditional";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class ZeroConditional {
                    @Differentiable(wrt = "s")
                    static double f(double s, double c) {
                        c += 0.0 / (true ? 2.7 : s);
                        return c;
                    }
                }
                """));
        assertEquals(0.0, code.assertGradientMatchesDifferences(cls, "f", X, 0.33, 1.0).d("s"), EXACT);
    }

    /**
     * The right side of {@code &&} in an if's or a loop's condition is printed inside the condition, so it is
     * skipped as Java skips it: {@code k / n} is never computed when {@code n == 0}. Found as: fuzz seed
     * 20240611, program 970 (a do-while condition the processor rejected).
     */
    @Test
    void shortCircuitInConditionsKeepsDivisionsGuarded() {
        String cls = "fr.ShortCircuit";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class ShortCircuit {
                    @Differentiable
                    static double f(double x, int k, int n) {
                        double y = x;
                        if (n != 0 && k / n > 1) {
                            y = x * x;
                        }
                        int ti = 0;
                        do {
                            y = y * 0.5;
                            ti++;
                        } while (n != 0 && ti <= k / n);
                        boolean ok = n != 0 && k / n > 1;
                        return ok ? y : 2 * y;
                    }
                }
                """));
        assertEquals(1.0, code.assertGradientMatchesDifferences(cls, "f", X, 1.5, 3, 0).d("x"), EXACT);
        assertEquals(2 * 1.5 / 16, code.assertGradientMatchesDifferences(cls, "f", X, 1.5, 6, 2).d("x"), EXACT);
    }

    /**
     * A loop that only sums, whose term is a conditional expression: the branch passes the adjoint to the
     * parameter it wrote, which goes into the sum's partial derivative too. Found as: fuzz seed 42, program 1779.
     */
    @Test
    void summingLoopWithAConditionalTerm() {
        String cls = "fr.SumOfConditional";
        GeneratedCode code = GeneratedCode.compile(source(cls, """
                package fr;

                import io.github.sourcegrad.Differentiable;

                class SumOfConditional {
                    @Differentiable(wrt = "h")
                    static double f(double value, double h) {
                        int k = 5;
                        while (k > 0) {
                            value -= false ? Math.PI : h;
                            k = k - 1;
                        }
                        return value;
                    }
                }
                """));
        assertEquals(-5.0, code.assertGradientMatchesDifferences(cls, "f", new int[] {1}, -1.87, -0.48).d("h"), EXACT);
    }
}
