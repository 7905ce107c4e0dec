package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of the instructions right before a branch go into the one block of the branch that adds to their
 * adjoint (issue 13): the Huber loss's {@code dr += Math.signum(r) * dabs} runs for the outliers only, not as
 * {@code Math.signum(r) * 0} at every other point. Each case checks where the rule is printed and the numbers
 * (central differences, exact values where the path passes nothing).
 */
class RuleSinkingTest {

    private static final String CLS = "sink.Sinking";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sink;

            import io.github.sourcegrad.Differentiable;

            class Sinking {
                /** A Huber loss summed over points: |r| is read only on the linear side. */
                @Differentiable(wrt = {"a", "c"})
                static double huberSum(double a, double c, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        double x = 0.1 * i - 1;
                        double r = a * x + c - Math.sin(3 * x);
                        double abs = Math.abs(r);
                        if (abs <= 0.5) {
                            s += 0.5 * r * r;
                        } else {
                            s += 0.5 * (abs - 0.25);
                        }
                    }
                    return s;
                }

                /** Two instructions in a row whose adjoints only the then block adds to. */
                @Differentiable
                static double chain(double x, double y, double c) {
                    double t = x * y;
                    double e = Math.exp(t);
                    double z;
                    if (c > 0) {
                        z = e + c * c;
                    } else {
                        z = c * c * c;
                    }
                    return z;
                }

                /** Only the else block has a backward pass: the rule goes into if (!(c > 0)). */
                @Differentiable(wrt = "x")
                static double elseOnly(double x, double c) {
                    double s = Math.sin(x);
                    double z;
                    if (c > 0) {
                        z = c;
                    } else {
                        z = s * c;
                    }
                    return z;
                }

                /** The write of the branch's variable before it (h = h2) keeps the rule after the branch. */
                @Differentiable
                static double overwrites(double x, double c) {
                    double h = x * 0.5;
                    double a = Math.sin(h);
                    if (c > 0) {
                        h = a * 3;
                    }
                    return h * c;
                }

                /** A switch whose default keeps y = x: the else block is an else if chain, the copy's rule stays. */
                @Differentiable
                static double charLabels(double x, int op) {
                    double y = x;
                    switch (op) {
                        case '+' -> y = x + 2;
                        case '*', 'x' -> y = x * 2;
                        case '^' -> y = Math.pow(x, 2);
                    }
                    return y;
                }

                /** Both blocks add to |x|'s adjoint: the rule stays after the branch. */
                @Differentiable
                static double both(double x, double c) {
                    double a = Math.abs(x);
                    double z;
                    if (c > 0) {
                        z = a * c;
                    } else {
                        z = a - c;
                    }
                    return z;
                }
            }
            """));

    private static String method(String name) {
        String src = CODE.get().generatedSource("sink.SinkingGrad");
        int start = src.indexOf("public static double d" + name + "(");
        assertTrue(start >= 0, "no buffer form of " + name + " in\n" + src);
        return src.substring(start, src.indexOf("\n    }\n", start));
    }

    private static void assertPrinted(String name, String regex) {
        String body = method(name);
        assertTrue(Pattern.compile(regex).matcher(body).find(), name + " should match " + regex + ":\n" + body);
    }

    @Test
    void theAbsoluteValuesRuleRunsOnlyOnTheLinearSide() {
        assertPrinted("huberSum", "dabs \\+= [^;]+;\\s+dr \\+= Math\\.signum\\(r\\) \\* dabs;\\s+\\}");
    }

    @Test
    void consecutiveInstructionsMoveTogether() {
        // their adjoints are declared before the branch, as 0 on the other path
        assertPrinted("chain", "double dt = 0;\\s+double de = 0;\\s+if \\(c > 0\\) \\{");
        assertPrinted("chain", "dt \\+= e \\* de;\\s+dx \\+= y \\* dt;\\s+dy \\+= x \\* dt;\\s+\\}");
    }

    @Test
    void aBlockAloneGetsTheRuleWhenOnlyTheElseBlockHasABackwardPass() {
        assertPrinted("elseOnly", "if \\(!\\(c > 0\\)\\) \\{[^}]*dx \\+= Math\\.cos\\(x\\) \\* ds;\\s+\\}");
    }

    @Test
    void aRuleStaysAfterTheBranchWhereItMustRunOnBothPaths() {
        assertPrinted("both", "\\}\\s+double dx = Math\\.signum\\(x\\) \\* da;");
        assertPrinted("overwrites", "\\}\\s+double dh2 = dh;\\s+dh2 \\+= Math\\.cos\\(h2\\) \\* da;");
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0.2", "-0.7, 0.9", "0.3, -0.4", "2.0, 1.1"})
    void huberSumMatchesDifferences(double a, double c) {
        CODE.get().assertGradientMatchesDifferences(CLS, "huberSum", new int[] {0, 1}, a, c, 21);
    }

    @ParameterizedTest
    @CsvSource({"0.4, -1.3, 0.7", "1.1, 0.5, 2.0", "0.4, -1.3, -0.7", "-0.9, 0.2, -1.5"})
    void chainMatchesDifferences(double x, double y, double c) {
        GeneratedCode.Gradient g = CODE.get().assertGradientMatchesDifferences(CLS, "chain", new int[] {0, 1, 2}, x, y, c);
        if (c <= 0) {
            assertEquals(0.0, g.partials()[0], 0.0, "dx on the path that does not read x");
            assertEquals(0.0, g.partials()[1], 0.0, "dy on the path that does not read y");
        } else {
            assertEquals(y * Math.exp(x * y), g.partials()[0], 1e-12 * Math.exp(x * y) * (1 + Math.abs(y)));
        }
    }

    @ParameterizedTest
    @CsvSource({"0.4, 0.7", "1.1, -2.0", "-2.5, -0.5"})
    void elseOnlyOverwritesAndBothMatchDifferences(double x, double c) {
        CODE.get().assertGradientMatchesDifferences(CLS, "elseOnly", new int[] {0}, x, c);
        CODE.get().assertGradientMatchesDifferences(CLS, "overwrites", new int[] {0, 1}, x, c);
        CODE.get().assertGradientMatchesDifferences(CLS, "both", new int[] {0, 1}, x, c);
    }

    /** The copy y = x reaches the result only on the default path, a block of an else if chain. */
    @ParameterizedTest
    @CsvSource({"43, 1", "42, 2", "120, 2", "94, 1.4", "7, 1"})
    void aCopyBeforeAnElseIfChain(int op, double slope) {
        GeneratedCode.Gradient g = CODE.get().assertGradientMatchesDifferences(CLS, "charLabels", new int[] {0}, 0.7, op);
        assertEquals(slope, g.partials()[0], 1e-12);
    }
}
