package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward mode ({@code @Differentiable(forward = true)}): {@code jvp<name>(args..., tangents...)} gives the value and
 * the directional derivative. With a unit tangent it equals the reverse mode's partial derivative; along a random
 * direction, the gradient dotted with the direction; through branches, loops, calls written inline and wrt subsets.
 */
class ForwardModeTest {

    private static final String SOURCE = """
            package p;

            import io.github.sourcegrad.Differentiable;

            class Fw {
                @Differentiable(forward = true)
                static double f(double x, double y) {
                    return 1 / (y + Math.exp(-x));
                }

                @Differentiable(forward = true)
                static double branches(double x, double y) {
                    double r;
                    if (x > 1) {
                        r = Math.sin(x) * y;
                    } else if (x > -1) {
                        r = x * x * y + Math.log1p(y * y);
                    } else {
                        r = Math.max(x, y) / (1 + y * y);
                    }
                    double s = x < y ? r * r : Math.sqrt(r * r + 1);
                    return s + Math.pow(Math.abs(y) + 1, x);
                }

                @Differentiable(forward = true, wrt = "a")
                static double newtonSqrt(double a, int steps) {
                    double x = a;
                    for (int i = 0; i < steps; i++) {
                        x = 0.5 * (x + a / x);
                    }
                    return x;
                }

                @Differentiable(forward = true)
                static double recurrence(double w, double h0, int n) {
                    double h = h0;
                    double sum = 0;
                    int k = 0;
                    while (k < n) {
                        h = Math.tanh(h * w + 0.1 * k);
                        sum += h * h;
                        k++;
                        if (sum > 50) {
                            break;
                        }
                    }
                    double t = sum;
                    do {
                        t = t * 0.5 + w;
                    } while (Math.abs(t) > 10 * Math.abs(w) + 1);
                    return sum + t;
                }

                @Differentiable
                static double helper(double u, double v) {
                    double q = u * v;
                    if (q > 0) {
                        return Math.exp(-q) + u;
                    }
                    return q * q - v;
                }

                @Differentiable(forward = true)
                static double caller(double x, double y) {
                    double s = 0;
                    for (int i = 0; i < 3; i++) {
                        s += helper(x + i, y) * helper(y, x - i);
                    }
                    return s;
                }

                @Differentiable(forward = true, wrt = {"x", "z"})
                static double subset(double x, double y, double z) {
                    return x * y * z + Math.cos(y * z) + x / z;
                }

                @Differentiable(forward = true)
                static double collide(double x, double tx) {
                    double ttx = x * tx;
                    return ttx + Math.atan2(x, tx);
                }

                @Differentiable(forward = true, wrt = "y")
                static double constantResult(double x, double y) {
                    return x * 2;
                }

                @Differentiable(forward = true)
                static double stopped(double x, double y) {
                    double s = 0;
                    for (int i = 0; i < 3; i++) {
                        s = io.github.sourcegrad.SourceGrad.noGradient(s) + x * s + x;
                    }
                    return io.github.sourcegrad.SourceGrad.noGradient(x) * x + s * y;
                }
            }
            """;

    private static final GeneratedCode CODE = GeneratedCode.compile(GeneratedCode.source("p.Fw", SOURCE));

    /** The jvp's value and tangent at {@code args} along {@code tangents}. */
    private static double[] jvp(String method, Object[] args, double... tangents) {
        Class<?> companion = CODE.companion("p.Fw");
        Method m = null;
        for (Method candidate : companion.getDeclaredMethods()) {
            if (candidate.getName().equals("jvp" + method)) {
                m = candidate;
            }
        }
        assertTrue(m != null, "no jvp" + method);
        assertEquals(args.length + tangents.length, m.getParameterCount(), m.toString());
        Object[] all = new Object[args.length + tangents.length];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int k = 0; k < tangents.length; k++) {
            all[args.length + k] = tangents[k];
        }
        try {
            Object record = m.invoke(null, all);
            RecordComponent[] c = record.getClass().getRecordComponents();
            assertEquals("value", c[0].getName());
            assertEquals("tangent", c[1].getName());
            return new double[] {(Double) c[0].getAccessor().invoke(record), (Double) c[1].getAccessor().invoke(record)};
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The reverse mode's value and partial derivatives, from {@code d<method>}'s record. */
    private static double[] gradient(String method, Object... args) {
        Method m = CODE.gradientMethod("p.Fw", method, args);
        try {
            Object[] converted = args.clone();
            Object record = m.invoke(null, converted);
            List<Double> out = new ArrayList<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                out.add((Double) c.getAccessor().invoke(record));
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Unit tangents give the partials, and a random direction the gradient dotted with it, at {@code args}. */
    private static void assertAgrees(String method, int tangents, Object... args) {
        double[] g = gradient(method, args);
        assertEquals(tangents + 1, g.length);
        for (int k = 0; k < tangents; k++) {
            double[] unit = new double[tangents];
            unit[k] = 1;
            double[] jvp = jvp(method, args, unit);
            assertEquals(g[0], jvp[0], 0, method + " value");
            assertEquals(g[k + 1], jvp[1], 1e-12 * Math.max(1, Math.abs(g[k + 1])), method + " partial " + k + " at " + List.of(args));
        }
        Random random = new Random(method.hashCode() ^ List.of(args).hashCode());
        double[] direction = new double[tangents];
        double dot = 0;
        double scale = 0;
        for (int k = 0; k < tangents; k++) {
            direction[k] = random.nextGaussian();
            dot += g[k + 1] * direction[k];
            scale += Math.abs(g[k + 1] * direction[k]);
        }
        assertEquals(dot, jvp(method, args, direction)[1], 1e-12 * Math.max(1, scale), method + " along a direction");
    }

    @Test
    void theLectureFunction() {
        // f(0, 1) = 0.5, df/dx = 0.25, df/dy = -0.25
        double[] r = jvp("f", new Object[] {0.0, 1.0}, 1.0, 0.0);
        assertEquals(0.5, r[0]);
        assertEquals(0.25, r[1]);
        assertEquals(-0.25, jvp("f", new Object[] {0.0, 1.0}, 0.0, 1.0)[1]);
        for (double x : new double[] {-1.5, 0.3, 2}) {
            assertAgrees("f", 2, x, 0.7 - x);
        }
    }

    @Test
    void branchesAndConditionals() {
        for (double x : new double[] {-2.2, -0.4, 0.6, 1.8}) {
            for (double y : new double[] {-1.1, 0.35, 2.4}) {
                assertAgrees("branches", 2, x, y);
            }
        }
    }

    @Test
    void loopsCarryTheirTangents() {
        for (double a : new double[] {0.5, 2, 9}) {
            double[] r = jvp("newtonSqrt", new Object[] {a, 30}, 1.0);
            assertEquals(Math.sqrt(a), r[0], 1e-15 * a);
            assertEquals(0.5 / Math.sqrt(a), r[1], 1e-12); // d/da sqrt(a), exactly at convergence
            assertAgrees("newtonSqrt", 1, a, 3);
        }
        for (int n : new int[] {0, 1, 4, 40}) {
            assertAgrees("recurrence", 2, 0.8, 0.3, n);
            assertAgrees("recurrence", 2, -1.7, 0.9, n);
        }
    }

    @Test
    void callsRunThroughTheCalleesInline() {
        for (double x : new double[] {-1.2, 0.4, 1.3}) {
            assertAgrees("caller", 2, x, 0.9 - x);
        }
        String source = CODE.generatedSource("p.FwGrad");
        String body = source.substring(source.indexOf("public static CallerTangent jvpcaller("));
        body = body.substring(0, body.indexOf("\n    }\n"));
        assertTrue(!body.contains("dhelper") && !body.contains("Fw.helper"), "the callee is written inline:\n" + body);
    }

    @Test
    void onlyTheWrtParametersGetTangents() {
        assertAgrees("subset", 2, 0.4, -1.3, 2.1);
        String source = CODE.generatedSource("p.FwGrad");
        assertTrue(source.contains("public static SubsetTangent jvpsubset(double x, double y, double z, double tx, double tz)"), source);
        assertEquals(2.0, jvp("constantResult", new Object[] {1.0, 3.0}, 1.0)[0]);
        assertEquals(0.0, jvp("constantResult", new Object[] {1.0, 3.0}, 1.0)[1]);
    }

    @Test
    void noGradientHasAZeroTangent() {
        for (double x : new double[] {-0.7, 0.4, 1.3}) {
            assertAgrees("stopped", 2, x, 0.9);
            // s1 = x, s2 = x + x s1 + x... : with s stopped, ds_{k+1} = x ds_k + (s_k + 1) dx
            double s = 0;
            double ds = 0;
            for (int i = 0; i < 3; i++) {
                double next = s + x * s + x;
                ds = x * ds + s + 1;
                s = next;
            }
            assertEquals(x + ds * 0.9, jvp("stopped", new Object[] {x, 0.9}, 1.0, 0.0)[1], 1e-12, "d/dx at " + x);
        }
    }

    @Test
    void aParameterNamedLikeATangent() {
        String source = CODE.generatedSource("p.FwGrad");
        assertTrue(source.contains("public static CollideTangent jvpcollide(double x, double tx, double t_x, double t_tx)"), source);
        assertAgrees("collide", 2, 0.7, -0.4);
        assertAgrees("collide", 2, -1.1, 2.5);
    }

    @Test
    void theLectureJvpReadsLikeTheSlides() {
        String source = CODE.generatedSource("p.FwGrad");
        String body = source.substring(source.indexOf("public static FTangent jvpf(double x, double y, double tx, double ty)"));
        body = body.substring(0, body.indexOf("\n    }\n"));
        assertTrue(body.contains("double t2 = Math.exp(t1);\n        double tt2 = t2 * tt1;"), body);
    }

    /** Found as: fuzz seed 33046147, program 1407. */
    @Test
    void overloadsWhoseJvpsWouldHaveOneSignatureAreAnErrorAtTheLaterMethod() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(
                GeneratedCode.source("p.Twice", """
                        package p;

                        import io.github.sourcegrad.Differentiable;

                        class Twice {
                            @Differentiable(forward = true, wrt = "u")
                            static double f0(double a, double u, double b) {
                                return a * u + b;
                            }

                            @Differentiable(forward = true)
                            static double f0(double x, double y) {
                                return x * y;
                            }
                        }
                        """));
        assertThat(compilation).hadErrorContaining("the generated method jvpf0(double, double, double, double) of "
                + "f0(double, double) would also be one of the overload f0(double, double, double)")
                .inFile(compilation.sourceFiles().get(0)).onLine(12);
    }

    @Test
    void callsThatStayCallsAndDoWhileContinuesAreRefused() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(
                GeneratedCode.source("p.Kept", """
                        package p;

                        import io.github.sourcegrad.Differentiable;

                        class Kept {
                            @Differentiable
                            static double limit(double x) {
                                return x * x;
                            }

                            @Differentiable(forward = true)
                            static double header(double x) {
                                double s = 0;
                                while (s < limit(x)) {
                                    s += 1 + x;
                                }
                                return s;
                            }

                            @Differentiable(forward = true)
                            static double skip(double x, int n) {
                                double s = x;
                                int i = 0;
                                do {
                                    i++;
                                    if (i == 2) {
                                        continue;
                                    }
                                    s = s * x;
                                } while (Math.abs(s) < 10 && i < n);
                                return s;
                            }
                        }
                        """));
        assertThat(compilation).hadErrorContaining("forward = true cannot follow the call of limit yet")
                .inFile(compilation.sourceFiles().get(0)).onLine(11);
        assertThat(compilation).hadErrorContaining("forward = true cannot write a do-while loop with continue")
                .inFile(compilation.sourceFiles().get(0)).onLine(20);
    }
}
