package io.github.sourcegrad;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts about the SourceGrad runtime on the class path, and {@code noGradient}, the stop-gradient of
 * {@link Differentiable} methods.
 */
public final class SourceGrad {
    private static final String VERSION = readVersion();

    private SourceGrad() {}

    /**
     * The version of this {@code sourcegrad-runtime}, such as {@code 0.1.0}; generated companions compare it with
     * the version of the processor that wrote them when they load.
     *
     * @return the version the runtime was built as, or {@code "unknown"} when its version resource is missing (a
     *         repackaged jar that dropped it)
     */
    public static String version() {
        return VERSION;
    }

    /**
     * Stop-gradient (PyTorch's {@code detach()}, JAX's {@code stop_gradient}): at run time the identity, it returns
     * {@code x}. Inside a {@link Differentiable} method its result is a constant for differentiation: no derivative
     * flows back through it to {@code x}. So for {@code noGradient(x) * x} the gradient is {@code x}, not
     * {@code 2 x}; a target that the model should move towards but not be pulled by ({@code (y - noGradient(t))^2})
     * or a weight computed from the parameters that should count as data are what it is for.
     *
     * <p>The generated code computes the argument as written and uses its value; it does not call this method.
     * Central differences of the original method see the identity and so measure the derivative without the stop:
     * compare such gradients with exact values instead.
     *
     * @param x any value
     * @return {@code x}
     */
    public static double noGradient(double x) {
        return x;
    }

    /**
     * Stop-gradient of a vector: at run time the identity, it returns the array {@code x} itself, not a copy. Inside a
     * {@link Differentiable} method its result is a constant for differentiation: no derivative flows back through it
     * to {@code x} or to what {@code x}'s elements were computed from.
     *
     * <p>Because the result is the same array, writing into it writes into {@code x}. A {@link Differentiable}
     * method therefore may not write into the result (SourceGrad reports an error at the write: its gradient would
     * read elements the write changed); write into a copy, {@code ArrayMath.copy(noGradient(x))}. For the same reason
     * the argument may not be an array that the method writes element by element.
     *
     * @param x any array, or null
     * @return {@code x} itself
     */
    public static double[] noGradient(double[] x) {
        return x;
    }

    /**
     * Stop-gradient of a matrix: at run time the identity, it returns the array {@code x} itself (the same rows, no
     * copy). Inside a {@link Differentiable} method its result is a constant for differentiation, and, as for
     * {@link #noGradient(double[])}, it may not be written into (write into {@code ArrayMath.copy(noGradient(x))}).
     *
     * @param x any matrix, or null
     * @return {@code x} itself
     */
    public static double[][] noGradient(double[][] x) {
        return x;
    }

    private static String readVersion() {
        try (InputStream in = SourceGrad.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the SourceGrad runtime's version.properties", e);
        }
    }
}
