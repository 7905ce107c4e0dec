package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Loops that only add terms to a sum ({@code acc += g(...)}), single loops and loop nests: each iteration takes its
 * derivatives right after its forward computation, straight into the adjoints when the method returns the sum, or
 * per unit of the sum's adjoint into partial derivatives that the backward pass scales. Where a condition fails (the
 * body reads the sum otherwise, writes an array, an inner loop's term reaches a value of the enclosing iteration, a
 * statement after the loop writes a differentiated variable, an array derivative of a sum that is not the result) the
 * loop is reversed as before. Every gradient is checked in both forms against central differences
 * ({@link ArraysTest#check}), some against exact values; the shape of the generated code where it is the point.
 */
class SumAsItGoesTest {

    private static final String CLS = "sums.Sums";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sums;

            import io.github.sourcegrad.Differentiable;

            class Sums {
                @Differentiable
                static double lennardJones(double[] pos) {
                    int n = pos.length / 3;
                    double energy = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = i + 1; j < n; j++) {
                            double dx = pos[3 * i] - pos[3 * j];
                            double dy = pos[3 * i + 1] - pos[3 * j + 1];
                            double dz = pos[3 * i + 2] - pos[3 * j + 2];
                            double r2 = dx * dx + dy * dy + dz * dz;
                            double s6 = 1 / (r2 * r2 * r2);
                            energy += 4 * (s6 * s6 - s6);
                        }
                    }
                    return energy;
                }

                /** The sum squared after the loop: its adjoint is known only then. */
                @Differentiable
                static double squaredPairs(double[] x, double a) {
                    double e = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int j = i + 1; j < x.length; j++) {
                            double d = x[i] - x[j];
                            e += a * d * d;
                        }
                    }
                    return e * e;
                }

                /** Squared after a nest whose terms read only scalars: partial derivatives, scaled after the loop. */
                @Differentiable
                static double squaredScalars(double a, double b, int n) {
                    double e = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < i; j++) {
                            e += Math.sin(a * i + b * j);
                        }
                    }
                    return e * e;
                }

                @Differentiable
                static double single(double[] x, double a) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += Math.sin(a * x[i]);
                    }
                    return s;
                }

                /** The body reads the sum: reversed as before. */
                @Differentiable
                static double readsSum(double[] x, double a) {
                    double s = 0.5;
                    for (int i = 0; i < x.length; i++) {
                        s += a * x[i] * s;
                    }
                    return s;
                }

                /** The body writes an array: reversed as before. */
                @Differentiable
                static double writesArray(double[] x, double a) {
                    double[] t = new double[x.length];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        t[i] = a * x[i];
                        s += t[i] * t[i];
                    }
                    return s;
                }

                /** The inner loop's term reads a value the outer iteration computed: reversed as before. */
                @Differentiable
                static double hoisted(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double xi = Math.exp(x[i]);
                        for (int j = 0; j < x.length; j++) {
                            s += xi * x[j] * x[j];
                        }
                    }
                    return s;
                }

                /** A cut-off: the term is added in a branch, and the outer iteration adds a term of its own. */
                @Differentiable
                static double cutoff(double[] pos, double cut) {
                    double energy = 0;
                    for (int i = 0; i < pos.length; i++) {
                        energy += 0.1 * pos[i] * pos[i];
                        for (int j = i + 1; j < pos.length; j++) {
                            double d = pos[i] - pos[j];
                            double r2 = d * d;
                            if (r2 < cut) {
                                energy -= cut * Math.log(r2 + 1);
                            }
                        }
                    }
                    return energy;
                }

                /** The sum starts from a differentiated value: the result's adjoint still reaches it. */
                @Differentiable
                static double startsActive(double[] x, double a) {
                    double s = a * a;
                    for (int i = 0; i < x.length; i++) {
                        s += a * x[i];
                    }
                    return s;
                }

                /**
                 * A variable the loop reads is written after it, which clears its adjoint: not straight into the
                 * adjoints; and a single loop's partial derivative with respect to an array would cost a pass over it.
                 */
                @Differentiable
                static double writtenAfter(double[] x, double a) {
                    double c = a * 2;
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += c * x[i] * x[i];
                    }
                    c = c * c;
                    return s + 0 * c;
                }

                /**
                 * x[i] is at an index the inner loop keeps: summed in a local, added after the loop; in the last outer
                 * iteration the inner loop runs no time and x[i] would lie outside x.
                 */
                @Differentiable
                static double upperTriangle(double[] x) {
                    double s = 0;
                    for (int i = 0; i <= x.length; i++) {
                        for (int j = i; j < x.length; j++) {
                            s += x[i] * Math.sin(x[j]);
                        }
                    }
                    return s;
                }

                /** The same, squared: the local sums a partial derivative's element. */
                @Differentiable
                static double upperTriangleSquared(double[] x) {
                    double s = 0;
                    for (int i = 0; i <= x.length; i++) {
                        for (int j = i; j < x.length; j++) {
                            s += x[i] * Math.sin(x[j]);
                        }
                    }
                    return s * s;
                }

                /** Three deep. */
                @Differentiable
                static double deep(double[] x, double a) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int j = 0; j < i; j++) {
                            for (int k = 0; k < j; k++) {
                                s += Math.cos(a * x[i] * x[j] + x[k]);
                            }
                        }
                    }
                    return s;
                }

                /** The innermost loop counts in its body: its terms read the counter it overwrites, so reversed as before. */
                @Differentiable
                static double counterInBody(double[] x, double a) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int j = 0; j < i; j++) {
                            int k = 0;
                            while (k < j) {
                                s += Math.cos(a * x[i] * x[j] + x[k]);
                                k++;
                            }
                        }
                    }
                    return s;
                }
            }
            """));

    private static final Random RND = new Random(29);

    private static double[] vector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RND.nextDouble() * 2 - 1;
        }
        return v;
    }

    /** The text of the buffer form {@code d<method>(...)} of the generated companion. */
    private static String method(String name) {
        String source = CODE.get().generatedSource(CLS + "Grad");
        int javadoc = source.lastIndexOf("/**", source.indexOf("public static double d" + name + "("));
        int end = source.indexOf("\n    }\n", javadoc);
        return source.substring(javadoc, end);
    }

    /** The Javadoc of the record form {@code d<method>(...)}. */
    private static String recordJavadoc(String name) {
        String source = CODE.get().generatedSource(CLS + "Grad");
        int at = source.indexOf("Gradient d" + name + "(");
        return source.substring(source.lastIndexOf("/**", at), at);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static double[] lattice(int n) {
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            pos[3 * i] = 1.1 * (i % 3) + 0.1 * RND.nextDouble();
            pos[3 * i + 1] = 1.1 * (i / 3 % 3) + 0.1 * RND.nextDouble();
            pos[3 * i + 2] = 1.1 * (i / 9) + 0.1 * RND.nextDouble();
        }
        return pos;
    }

    @Test
    void lennardJonesTakesEachPairsDerivativesOnceInTheForwardPass() {
        for (int n : new int[] {0, 1, 2, 7}) {
            double[] pos = lattice(n);
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "lennardJones", new int[] {0}, (Object) pos);
            double[] force = new double[3 * n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double[] d = new double[3];
                    double r2 = 0;
                    for (int c = 0; c < 3; c++) {
                        d[c] = pos[3 * i + c] - pos[3 * j + c];
                        r2 += d[c] * d[c];
                    }
                    double s6 = 1 / (r2 * r2 * r2);
                    double dr2 = -24 * s6 * (2 * s6 - 1) / r2;
                    for (int c = 0; c < 3; c++) {
                        force[3 * i + c] += dr2 * d[c];
                        force[3 * j + c] -= dr2 * d[c];
                    }
                }
            }
            for (int k = 0; k < 3 * n; k++) {
                assertEquals(force[k], g.vector("dpos")[k], 1e-10 * (1 + Math.abs(force[k])), "dpos[" + k + "] at n = " + n);
            }
        }
        String code = method("lennardJones");
        assertEquals(1, count(code, "double s6 = "), "the pair's values are computed once:\n" + code);
        assertEquals(1, count(code, "for (int j = i + 1; j < n; j++)"), "the pair loop runs once:\n" + code);
        String body = code.substring(code.indexOf("public static double"));
        assertFalse(body.contains("tape") || body.contains("trips") || body.contains(">= 0;"), "nothing reversed, nothing taped:\n" + code);
        assertTrue(code.indexOf("dpos[") < code.indexOf("double lennardJones = energy;"), "the forces in the forward pass:\n" + code);
        String javadoc = recordJavadoc("lennardJones");
        assertTrue(javadoc.contains("The loop over {@code i} only adds terms to {@code energy}, which is the result")
                && javadoc.contains("nor the loops nested in it"), "the Javadoc says what the schedule does:\n" + javadoc);
        assertFalse(javadoc.contains("reversed without a tape"), "no loop is reversed:\n" + javadoc);
    }

    @Test
    void elementsAtAnIndexTheInnerLoopKeepsAreSummedInLocals() {
        for (int n : new int[] {0, 1, 2, 6}) {
            double[] x = vector(n);
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "upperTriangle", new int[] {0}, (Object) x);
            double s = 0;
            for (int k = 0; k < n; k++) {
                double expected = 0;
                for (int j = k; j < n; j++) {
                    expected += Math.sin(x[j]);
                }
                for (int i = 0; i <= k; i++) {
                    expected += x[i] * Math.cos(x[k]);
                    s += x[i] * Math.sin(x[k]);
                }
                assertEquals(expected, g.vector("dx")[k], 1e-13, "dx[" + k + "] at n = " + n);
            }
            ArraysTest.Result squared = ArraysTest.check(CODE, CLS, "upperTriangleSquared", new int[] {0}, (Object) x);
            for (int k = 0; k < n; k++) {
                assertEquals(2 * s * g.vector("dx")[k], squared.vector("dx")[k], 1e-12 * (1 + Math.abs(s)), "squared, dx[" + k + "]");
            }
        }
        String code = method("upperTriangle");
        assertTrue(code.contains("double dxAtI = 0;") && code.contains("dxAtI += ")
                && code.contains("if (dxAtI != 0) {") && code.contains("dx[i] += dxAtI;"), code);
        assertTrue(method("upperTriangleSquared").contains("ds_dx[i] += ds_dxAtI;"), method("upperTriangleSquared"));
        // the pair loop: particle i's three elements in locals, their indices computed once per i
        String lj = method("lennardJones");
        assertEquals(3, Pattern.compile("if \\(dposAt\\w+ != 0\\)").matcher(lj).results().count(), lj);
        int inner = lj.indexOf("for (int j = i + 1; j < n; j++)");
        assertEquals(3, count(lj.substring(lj.indexOf("for (int i = 0;"), inner), " = 3 * i;"), lj);
        assertEquals(0, count(lj.substring(inner), " = 3 * i;"), lj);
    }

    @Test
    void aSumSquaredAfterItsLoopIsStillRight() {
        for (int n : new int[] {0, 1, 2, 5}) {
            double[] x = vector(n);
            double a = 0.7;
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "squaredPairs", new int[] {0, 1}, x, a);
            double e = 0;
            double de = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    e += a * (x[i] - x[j]) * (x[i] - x[j]);
                    de += (x[i] - x[j]) * (x[i] - x[j]);
                }
            }
            assertEquals(2 * e * de, g.scalar("da"), 1e-12 * (1 + Math.abs(2 * e * de)), "da at n = " + n);
        }
        // its derivative with respect to x is an array per unit of e's adjoint, from the workspace, scaled after the loop
        String code = method("squaredPairs");
        assertEquals(1, count(code, "for (int j = i + 1; j < x.length; j++)"), "the nest runs once:\n" + code);
        assertTrue(code.contains("double[] de_dx = ws.like(x);") && code.contains("de_dx[j] += ")
                && code.contains("addTo(dx, scaleInto(de, de_dx, de_dx));"), "an array partial, scaled:\n" + code);
        assertFalse(code.substring(code.indexOf("public static double")).contains("tape"), code);
        String source = CODE.get().generatedSource(CLS + "Grad");
        assertEquals(2, count(source, "double[] de_dx = ws.like(x);"), "both forms take it from the workspace:\n" + source);
    }

    @Test
    void aScalarNestSquaredAfterItSumsPartialDerivatives() {
        for (int n : new int[] {0, 1, 4}) {
            double a = 0.3;
            double b = -0.8;
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "squaredScalars", new int[] {0, 1}, a, b, n);
            double e = 0;
            double ea = 0;
            double eb = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    e += Math.sin(a * i + b * j);
                    ea += Math.cos(a * i + b * j) * i;
                    eb += Math.cos(a * i + b * j) * j;
                }
            }
            assertEquals(2 * e * ea, g.scalar("da"), 1e-12 * (1 + Math.abs(2 * e * ea)), "da at n = " + n);
            assertEquals(2 * e * eb, g.scalar("db"), 1e-12 * (1 + Math.abs(2 * e * eb)), "db at n = " + n);
        }
        String code = method("squaredScalars");
        assertEquals(1, count(code, "for (int j = 0; j < i; j++)"), "the nest runs once:\n" + code);
        assertTrue(code.contains("double de_da = 0;") && code.contains("double da = de * de_da;"), "scaled partials:\n" + code);
        assertFalse(code.contains("tape"), code);
        assertTrue(recordJavadoc("squaredScalars").contains("per unit of the adjoint of {@code e}"), recordJavadoc("squaredScalars"));
    }

    @Test
    void aSingleLoopWritesItsDerivativesStraightIntoTheGradient() {
        for (int n : new int[] {0, 1, 6}) {
            double[] x = vector(n);
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "single", new int[] {0, 1}, x, 0.9);
            for (int i = 0; i < n; i++) {
                assertEquals(0.9 * Math.cos(0.9 * x[i]), g.vector("dx")[i], 1e-14, "dx[" + i + "]");
            }
        }
        String code = method("single");
        assertEquals(1, count(code, "for (int i = 0; i < x.length; i++)"), code);
        assertTrue(code.contains("dx[i] += ") && code.contains("da += "), code);
        assertFalse(code.contains("double ds = 1;"), "no seed that nothing reads:\n" + code);
    }

    @Test
    void loopsThatDoMoreThanSumAreReversedAsBefore() {
        for (int n : new int[] {0, 1, 5}) {
            double[] x = vector(n);
            ArraysTest.check(CODE, CLS, "readsSum", new int[] {0, 1}, x, 0.4);
            ArraysTest.check(CODE, CLS, "writesArray", new int[] {0, 1}, x, 0.4);
            ArraysTest.check(CODE, CLS, "hoisted", new int[] {0}, (Object) x);
            ArraysTest.check(CODE, CLS, "counterInBody", new int[] {0, 1}, x, 0.4);
            ArraysTest.check(CODE, CLS, "writtenAfter", new int[] {0, 1}, x, 0.4);
        }
        for (String m : new String[] {"readsSum", "writesArray", "hoisted", "counterInBody", "writtenAfter"}) {
            String code = method(m);
            assertTrue(code.contains(">= 0; i--)"), m + " keeps its reversed loop:\n" + code);
            assertFalse(recordJavadoc(m).contains("only adds terms"), recordJavadoc(m));
        }
    }

    @Test
    void branchesOuterTermsActiveStartsAndDeepNestsSumToo() {
        for (int n : new int[] {0, 1, 2, 6}) {
            double[] x = vector(n);
            for (double cut : new double[] {0.05, 0.5, 5}) {
                ArraysTest.check(CODE, CLS, "cutoff", new int[] {0, 1}, x, cut);
            }
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "startsActive", new int[] {0, 1}, x, 0.6);
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            assertEquals(1.2 + sum, g.scalar("da"), 1e-12, "da at n = " + n);
            ArraysTest.check(CODE, CLS, "deep", new int[] {0, 1}, x, 0.8);
        }
        for (String m : new String[] {"cutoff", "startsActive", "deep"}) {
            String code = method(m);
            String body = code.substring(code.indexOf("public static double"));
            assertFalse(body.contains(">= 0;") || body.contains("tape"), m + " is not reversed:\n" + code);
            assertTrue(code.contains("dx[") || code.contains("dpos["), code);
        }
        assertTrue(method("startsActive").contains("double ds = 1;"), "the start's adjoint:\n" + method("startsActive"));
    }
}
