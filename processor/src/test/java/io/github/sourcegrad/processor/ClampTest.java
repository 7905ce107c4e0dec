package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code Math.clamp} (JDK 21 and later): {@code min(max(v, lo), hi)} with the kink conventions of {@code max} and
 * {@code min}; on the int and long overloads a constant. On an older JDK the call does not resolve.
 */
class ClampTest {

    private static final String CLS = "c.Clamp";

    private static JavaFileObject clamp() {
        return source(CLS, """
                package c;

                import io.github.sourcegrad.Differentiable;

                class Clamp {
                    @Differentiable static double scaled(double v) { return Math.clamp(v, -1.0, 2.0) * v; }
                    @Differentiable static double all(double v, double lo, double hi) { return Math.clamp(v, lo, hi); }
                    @Differentiable static double ints(double x, int n) {
                        int k = Math.clamp(n, 0, 10);
                        long m = StrictMath.clamp(3L * n, 0L, 5L);
                        return x * x * (k + m);
                    }
                }
                """);
    }

    @Test
    void clampFollowsMaxAndMinConventions() {
        assumeTrue(Runtime.version().feature() >= 21, "Math.clamp needs JDK 21");
        GeneratedCode code = GeneratedCode.compile(clamp());
        for (double v : new double[] {-3, -0.5, 0.7, 1.9, 4}) {
            code.assertGradientMatchesDifferences(CLS, "scaled", new int[] {0}, v);
        }
        // a tie with a constant bound passes nothing (relu'(0) = 0): d/dv [clamp(v) v] = 0 * v + clamp(v)
        assertEquals(-1.0, code.gradient(CLS, "scaled", -1.0).d("v"), 0.0);
        assertEquals(2.0, code.gradient(CLS, "scaled", 2.0).d("v"), 0.0);
        double[][] points = {{0.5, 0, 1}, {-2, 0, 1}, {3, 0, 1}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}};
        double[][] expected = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (int i = 0; i < points.length; i++) {
            Object[] args = {points[i][0], points[i][1], points[i][2]};
            if (i < 3) {
                code.assertGradientMatchesDifferences(CLS, "all", new int[] {0, 1, 2}, args);
            }
            assertArrayEquals(expected[i], code.gradient(CLS, "all", args).partials(), 0.0, "clamp at " + i);
        }
        for (int n : new int[] {-4, 1, 7, 20}) {
            code.assertGradientMatchesDifferences(CLS, "ints", new int[] {0}, 1.5, n);
        }
        assertThrows(IllegalArgumentException.class, () -> code.gradient(CLS, "all", 0.0, 2.0, 1.0));
    }

    @Test
    void beforeJdk21ClampDoesNotResolve() {
        assumeTrue(Runtime.version().feature() < 21);
        JavaFileObject source = clamp();
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source);
        assertThat(compilation).hadErrorContaining("cannot resolve the method 'Math.clamp'").inFile(source).onLine(6);
    }
}
