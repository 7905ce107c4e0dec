package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the zero-allocation form writes callees with branches, early returns, loops and switches inline,
 * their returns lowered to a result variable and their names prefixed with theirs, in callers with and without
 * control flow, so that no callee record is allocated; the record form keeps the calls. Both forms agree with
 * central differences on every path.
 */
class ControlFlowCalleesTest {

    private static final String SOURCE = """
            package p;
            import io.github.sourcegrad.Differentiable;
            class Callees {
                @Differentiable static double ramp(double x) {
                    double y;
                    if (x < 0) {
                        y = 0.1 * x * x;
                    } else {
                        y = Math.sin(x) + x;
                    }
                    return y;
                }
                @Differentiable static double early(double x) {
                    if (x > 1) {
                        return Math.log(x);
                    }
                    double z = x - 1;
                    return z - 0.5 * z * z;
                }
                @Differentiable static double series(double x, int n) {
                    double s = 0;
                    for (int i = 1; i <= n; i++) {
                        s += Math.sin(i * x) / i;
                    }
                    return s;
                }
                @Differentiable static double root(double a) {
                    double r = a;
                    outer:
                    while (true) {
                        double next = 0.5 * (r + a / r);
                        if (Math.abs(next - r) <= 1e-15 * next) {
                            r = next;
                            break outer;
                        }
                        r = next;
                    }
                    return r;
                }
                @Differentiable static double pick(double x, int k) {
                    double y;
                    switch (k) {
                        case 0 -> y = x * x;
                        case 1 -> y = Math.exp(x);
                        default -> y = Math.cos(x);
                    }
                    return y;
                }
                @Differentiable static double middle(double x) {
                    double a = early(x) * ramp(x - 1);
                    if (a > 0) {
                        return a + series(x, 3);
                    }
                    return a * root(x * x + 1);
                }
                @Differentiable static double top(double x, double y) {
                    return middle(x) * y + middle(y);
                }
                @Differentiable static double straight(double x, double y, int k) {
                    double u = ramp(x) + ramp(y) * early(x * y);
                    return u * pick(x, k) + series(y, 4) + root(x * x + y * y);
                }
                @Differentiable static double looped(double x, double y, int n) {
                    double s = 0;
                    outer:
                    for (int i = 0; i < n; i++) {
                        s += ramp(x - i) * early(y + 0.25 * i);
                        if (s > 1e6) {
                            break outer;
                        }
                    }
                    return s + root(y * y + 1);
                }
            }
            """;

    private static final GeneratedCode CODE = GeneratedCode.compile(GeneratedCode.source("p.Callees", SOURCE));

    @Test
    void calleesWithBranchesAndEarlyReturns() {
        for (double x : new double[] {-1.3, -0.2, 0.4, 0.9, 1.7, 3.2}) {
            CODE.assertGradientMatchesDifferences("p.Callees", "ramp", new int[] {0}, x);
            CODE.assertGradientMatchesDifferences("p.Callees", "early", new int[] {0}, x);
            CODE.assertGradientMatchesDifferences("p.Callees", "middle", new int[] {0}, x);
        }
    }

    @Test
    void calleesWithLoopsSwitchesAndJumps() {
        for (int k = 0; k < 3; k++) {
            for (double x : new double[] {-0.7, 0.3, 1.4}) {
                CODE.assertGradientMatchesDifferences("p.Callees", "straight", new int[] {0, 1}, x, 0.6, k);
                CODE.assertGradientMatchesDifferences("p.Callees", "straight", new int[] {0, 1}, 0.6, x, k);
            }
        }
        // d/da sqrt(a) = 1 / (2 sqrt(a)), exactly at convergence
        double[] grad = new double[1];
        assertEquals(2.0, CODE.gradientInto("p.Callees", "root", grad, 4.0), 1e-15);
        assertEquals(0.25, grad[0], 1e-14);
    }

    @Test
    void nestedTwoDeepAndCalledInALoop() {
        for (double x : new double[] {-0.8, 0.5, 1.2, 2.5}) {
            CODE.assertGradientMatchesDifferences("p.Callees", "top", new int[] {0, 1}, x, 1.3 - x);
            for (int n : new int[] {0, 1, 5}) {
                CODE.assertGradientMatchesDifferences("p.Callees", "looped", new int[] {0, 1}, x, 0.7, n);
            }
        }
    }

    @Test
    void theZeroAllocationFormWritesEveryCalleeInline() {
        String source = CODE.generatedSource("p.CalleesGrad");
        for (String form : new String[] {"public static double dtop(double x, double y, double[] grad)",
                "public static double dstraight(double x, double y, int k, double[] grad)",
                "public static double dlooped(double x, double y, int n, double[] grad)"}) {
            String body = source.substring(source.indexOf(form));
            body = body.substring(0, body.indexOf("\n    }\n"));
            assertFalse(body.contains("Local") || body.contains("Gradient "), "no callee record in:\n" + body);
            assertTrue(body.contains("early_z"), "the callee's names carry its prefix:\n" + body);
        }
        String top = source.substring(source.indexOf("public static double dtop(double x, double y, double[] grad)"));
        assertTrue(top.contains("root_outer:"), "an inlined callee's label carries its prefix:\n" + top);
        // the record form runs the buffer form, so that the two agree where a callee's partial alone would underflow
        String record = source.substring(source.indexOf("dtop(double x, double y) {"));
        record = record.substring(0, record.indexOf("\n    }\n"));
        assertFalse(record.contains("Local") || record.contains("CalleesGrad.d"), "no callee record in:\n" + record);
        assertTrue(record.contains("double value = dtop(x, y, grad);"), "the record form runs the buffer form:\n" + record);
        String doc = source.substring(source.lastIndexOf("/**", source.indexOf("public static double dtop(double x, double y, double[] grad)")));
        assertTrue(doc.contains("allocates nothing") && doc.contains("are written out inline here"), doc);
        assertFalse(source.contains("too large to write out inline"), source);
    }

    @Test
    void theZeroAllocationFormAllocatesNothingOnceWarm() throws Exception {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Callees", SOURCE), GeneratedCode.source("p.Loop", """
                package p;
                class Loop {
                    static double run(int calls, double[] grad) {
                        double sum = 0;
                        for (int i = 0; i < calls; i++) {
                            double x = 0.3 + (i % 7) * 0.4 - 1.2;
                            sum += CalleesGrad.dtop(x, 0.9 - x, grad) + CalleesGrad.dlooped(x, 0.7, 3, grad);
                        }
                        return sum;
                    }
                }
                """));
        Method run = code.load("p.Loop").getDeclaredMethod("run", int.class, double[].class);
        run.setAccessible(true);
        double[] grad = new double[2];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        run.invoke(null, 20_000, grad); // warm-up: the tape grows once, the JIT compiles
        long before = threads.getCurrentThreadAllocatedBytes();
        run.invoke(null, 20_000, grad);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // a callee record is 24 to 32 bytes and each iteration makes eleven calls of methods with branches:
        // a record per call would be over 250 bytes per iteration
        assertTrue(allocated < 20_000, "allocated " + allocated + " bytes in 20,000 iterations");
    }

    @Test
    void aCallBeyondTheBudgetSaysSoInTheJavadoc() {
        StringBuilder body = new StringBuilder("""
                package p;
                import io.github.sourcegrad.Differentiable;
                class Big {
                    @Differentiable static double g(double x) {
                        double s = x;
                        if (x > 0) {
                """);
        for (int i = 0; i < 60; i++) {
            body.append("            s = Math.sin(s) * x + ").append(i).append(";\n");
        }
        body.append("""
                        }
                        return s;
                    }
                    @Differentiable static double f(double x) {
                        double s = g(x);
                        if (s > 0) {
                            s += g(2 * x);
                        }
                        return s + g(3 * x);
                    }
                }
                """);
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Big", body.toString()));
        code.assertGradientMatchesDifferences("p.Big", "f", new int[] {0}, 0.01);
        code.assertGradientMatchesDifferences("p.Big", "f", new int[] {0}, -0.01);
        String source = code.generatedSource("p.BigGrad");
        String doc = source.substring(source.lastIndexOf("/**", source.indexOf("public static double df(double x, double[] grad)")),
                source.indexOf("public static double df(double x, double[] grad)"));
        assertTrue(doc.contains("{@code g} would make this method larger than the inlining budget of 160 operations"), doc);
    }

    @Test
    void aFormThatInlineCodeWouldLeaveInterpretedKeepsItsCalls() {
        StringBuilder body = new StringBuilder("""
                package p;
                import io.github.sourcegrad.Differentiable;
                class Huge {
                    @Differentiable static double h(double x, int n) {
                        double s = x;
                        for (int i = 0; i < n; i++) {
                            if (s > 1) {
                """);
        for (int i = 0; i < 8; i++) {
            body.append("                s = Math.sin(s * x) + Math.cos(s + ").append(i).append(");\n");
        }
        // within the budget of operations, but four loops deep: each level of the backward pass runs the loops
        // inside it forward again, and the method would exceed the 8,000 bytes HotSpot compiles
        body.append("""
                            } else {
                                s = s * s + x;
                            }
                        }
                        return s;
                    }
                    @Differentiable static double f(double x, double y, int n) {
                        double t = 0;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                for (int l = 0; l < n; l++) {
                                    for (int m = 0; m < n; m++) {
                                        t += h(x + t, 2) * h(y - t, 3) + h(t, 1);
                                    }
                                }
                            }
                        }
                        return t;
                    }
                }
                """);
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Huge", body.toString()));
        for (double x : new double[] {0.05, 0.3}) {
            code.assertGradientMatchesDifferences("p.Huge", "f", new int[] {0, 1}, x, 0.2, 1);
        }
        String source = code.generatedSource("p.HugeGrad");
        int at = source.indexOf("public static double df(double x, double y, int n, double[] grad)");
        String form = source.substring(at, source.indexOf("\n    }\n", at));
        assertTrue(form.contains("HugeGrad.dh(") && !form.contains("h_s"), "the calls stay calls:\n" + form);
        String doc = source.substring(source.lastIndexOf("/**", at), at);
        assertTrue(doc.contains("{@code h} would make this method, written inline with its branches and loops, larger than the")
                && doc.contains("8,000 bytes of bytecode that HotSpot compiles"), doc);
        // the record form runs the same code, and says why
        at = source.indexOf("df(double x, double y, int n) {");
        String record = source.substring(at, source.indexOf("\n    }\n", at));
        assertTrue(record.contains("HugeGrad.dh(") && !record.contains("h_s"), "the calls stay calls:\n" + record);
        String recordDoc = source.substring(source.lastIndexOf("/**", at), at);
        assertTrue(recordDoc.contains("8,000 bytes of bytecode that HotSpot compiles"), recordDoc);
    }
}
