package io.github.sourcegrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks a gradient (the one SourceGrad generated, or any other) against central finite differences of
 * the function it belongs to, for use in your own tests. Like JAX's {@code check_grads} and PyTorch's
 * {@code gradcheck}, but with no dependencies and no reflection. In a test (JUnit's or any other):
 *
 * <pre>{@code
 * GradientCheck.of(p -> Slides.f(p[0], p[1]),                   // the function, over the checked parameters
 *                  (p, grad) -> SlidesGrad.df(p[0], p[1], grad)) // its gradient into grad, returning the value
 *         .names("x", "y")                                      // optional, for the report
 *         .assertAt(0, 1);                                      // throws GradientCheck.Failure with a table
 * }</pre>
 *
 * <p>{@link #at} returns the {@link Report} instead of throwing, {@link #assertAtEach} checks several
 * points at once.
 *
 * <h2>Functions of arrays</h2>
 * A function of up to four {@code double}, {@code double[]} and {@code double[][]} parameters is checked at
 * its arguments, with lambdas that take the same arguments, without packing them into one array:
 *
 * <pre>{@code
 * GradientCheck.arguments(W1, b1, W2, b2)                  // the point: the differentiated arguments
 *         .names("W1", "b1", "W2", "b2")                   // for the report: d/dW1[0][1], d/db2[0]
 *         .assertGradient((W1, b1, W2, b2) -> Mlp.loss(X, T, W1, b1, W2, b2),
 *                 (W1, b1, W2, b2, grad, gW1, gb1, gW2, gb2) -> MlpGrad.dloss(X, T, W1, b1, W2, b2, gW1, gb1, gW2, gb2));
 * }</pre>
 *
 * The buffer form's lambda receives the arguments, {@code grad} (one slot per {@code double} argument, the
 * generated form's {@code grad}: pass it when there is a {@code double} among the differentiated parameters)
 * and one gradient array shaped like each array argument, in the order of the generated buffer form. The
 * record form reads the record through its accessors:
 *
 * <pre>{@code
 * GradientCheck.arguments(w, c)
 *         .names("w", "c")
 *         .assertRecord((w, c) -> Model.loss(X, w, c), (w, c) -> ModelGrad.dloss(X, w, c),
 *                 r -> r.value(), r -> r.dw(), r -> r.dc());
 * }</pre>
 *
 * Every element of every argument is perturbed, one at a time; a failure names the element
 * ({@code d/dw[3]}, {@code d/dX[1][2]}). Arguments that are not differentiated (the data, an {@code int}) are
 * fixed inside both lambdas, as for {@link #of}. The lambdas receive fresh copies of the arguments.
 *
 * <p>The point holds one coordinate per <em>checked</em> parameter, in the order in which the gradient
 * reports them. For a method with {@code @Differentiable(wrt = ...)}, or with {@code int}, {@code long}
 * or {@code boolean} parameters, fix the other arguments inside both lambdas:
 * {@code p -> Neuron.loss(1.5, 1, p[0], p[1])} and
 * {@code (p, grad) -> NeuronGrad.dloss(1.5, 1, p[0], p[1], grad)}. The record form is checked with
 * {@link #ofRecord}.
 *
 * <h2>What is checked</h2>
 * At a point {@code x}, {@link #at} evaluates the function {@code f(x)} and the gradient once, and for each
 * coordinate {@code i} a finite-difference estimate of {@code df/dx_i}. A check passes when
 * <ul>
 *   <li>the value the gradient returns equals {@code f(x)} (within the tolerance below, without the
 *       finite-difference term), and</li>
 *   <li>every partial derivative agrees with its finite difference:
 *       {@code |analytic - numeric| <= allowed}, where
 *       {@code allowed = abs + rel * max(|analytic|, |numeric|) + noise};</li>
 *   <li>and every one of these numbers is finite: a NaN or an infinity never passes, it is reported with
 *       what produced it (the function, the gradient, or the function near the point).</li>
 * </ul>
 *
 * <h2>The finite difference and the defaults</h2>
 * The numeric derivative is the fourth-order central difference (the Richardson extrapolation of the
 * ordinary central differences with steps {@code h} and {@code 2h}):
 * <pre>
 *   df/dx_i ~ [8 (f(x + h e_i) - f(x - h e_i)) - (f(x + 2h e_i) - f(x - 2h e_i))] / (12 h)
 * </pre>
 * Its truncation error is {@code h^4 f'''''/30}; the rounding error of the function's values is amplified
 * by at most {@code 1.5 / h}. The step is {@code h = step * max(1, |x_i|)} with the default
 * {@code step = 2^-13} (about {@code 1.2e-4}), adjusted so that {@code x_i + h} is exactly representable.
 * For a function of unit scale this makes the truncation error about {@code 1e-17} and the rounding
 * error about {@code 1e-12} of {@code |f|}. Smaller steps lose digits to rounding; larger ones (the
 * optimum of {@code h^4/30 + 1.5 eps/h} for unit scale is near {@code 1e-3}) gain little and fail on
 * functions that bend quickly. Measured over 20 functions ({@code exp}, {@code exp(20 x)}, {@code log}
 * down to {@code x = 0.005}, {@code sin(100 x)}, {@code x^10}, {@code tanh}, the sigmoid, {@code sqrt},
 * {@code atan}, {@code 1e8 + x}, {@code 1e8 cos x}, {@code x^2} near {@code 1e9}, ...) at 2000 random
 * points each, the largest {@code |analytic - numeric| / allowed} of an exact gradient is 0.28 at this
 * step (for {@code log} at 0.005, where {@code 2h} is 5% of {@code x}) and below 0.005 for all the
 * others; with a step of {@code 1e-3}, {@code log} near 0.005 and {@code sin(100 x)} fail everywhere.
 * ({@code sin(1000 x)} turns within the default step and needs {@code step(1e-5)}.)
 *
 * <p>The default tolerances are {@code rel = 1e-6} and {@code abs = 1e-10}. Finite differences at this
 * step agree with an exact gradient to about {@code 1e-11} for ordinary functions, so a correct gradient
 * passes with a wide margin, while the errors that a wrong gradient makes (a missing term, a wrong sign, a
 * factor of 2) are orders of magnitude larger and fail. Because the absolute rounding error of a finite
 * difference grows with {@code |f|}, {@code allowed} also contains {@code noise = 1.5 * 64 eps *
 * max|f| / h}, the rounding error of the stencil if each value of {@code f} on it is accurate to 64 units
 * in the last place of the largest of them: a loss of {@code 1e6} with a gradient entry of 0 does not
 * fail on noise. Loosen the tolerance ({@link #tolerance}) for functions that lose many more digits to
 * cancellation inside {@code f}; change the step ({@link #step}) for functions that vary on a scale much
 * smaller than 1, or whose domain ends within {@code 2h} of the point.
 *
 * <p>Finite differences cannot check a gradient at a kink ({@code max}, {@code min}, {@code abs} where
 * their arguments tie), nor where the function jumps because an {@code if} or the trip count of a loop
 * depends on a differentiated value ({@code while (y > 0)} in a projectile): SourceGrad's gradient is the
 * derivative of the path the point takes, with its branches and trip counts fixed, while a finite difference
 * that crosses to another path sees the jump. There the report says that the one-sided differences
 * disagree. Check at points away from kinks and from such switch points.
 *
 * <p>A {@code GradientCheck} is immutable: {@link #names}, {@link #tolerance} and {@link #step} return a
 * changed copy. It is not a substitute for unit tests of the values themselves; it checks that a
 * gradient is the derivative of its function.
 */
public final class GradientCheck {

    /** The default relative tolerance, {@value}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;
    /** The default absolute tolerance, {@value}. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-10;
    /** The default relative step, {@code 2^-13} (about {@code 1.22e-4}). */
    public static final double DEFAULT_STEP = 0x1p-13;

    /**
     * Units in the last place of the largest value of {@code f} on a stencil that each value of {@code f}
     * is assumed to be accurate to, for the {@code noise} term of the allowed error.
     */
    private static final double ULPS_OF_F = 64;
    /** Sum of the absolute weights of the stencil, {@code (1 + 8 + 8 + 1) / 12}. */
    private static final double STENCIL_GAIN = 1.5;
    /** One-sided differences that differ by more than this, relatively, point at a kink. */
    private static final double KINK_THRESHOLD = 1e-3;
    /** Why the one-sided differences may disagree, and what to do: the end of a kink's problem text. */
    static final String KINK_HINT = ": a kink (max, min, abs at a tie), or a jump where an if or the trip count of a"
            + " loop changes with a differentiated value (as in while (y > 0) ...): the gradient is taken with the"
            + " branches and trip counts fixed, so it is the derivative of the path the point takes and misses the"
            + " jump. Finite differences cannot check a gradient there; check at a point away from it";
    /** A report's table lists at most this many partial derivatives (the failed ones first). */
    private static final int TABLE_ROWS = 24;
    /** A failed report's first line names at most this many wrong partial derivatives. */
    private static final int LISTED_FAILURES = 10;
    /** What the gradient's array holds before the gradient is called: a NaN no arithmetic produces. */
    static final long UNWRITTEN = 0x7ffc_5eed_0bad_cafeL;

    /**
     * The function whose gradient is checked, over the checked parameters.
     */
    @FunctionalInterface
    public interface ScalarFunction {

        /**
         * The value of the function.
         *
         * @param point one coordinate per checked parameter (a copy: changing it has no effect)
         * @return the value
         */
        double apply(double[] point);
    }

    /**
     * A gradient in SourceGrad's zero-allocation form: {@code (p, grad) -> CGrad.df(p[0], p[1], grad)}.
     */
    @FunctionalInterface
    public interface GradientInto {

        /**
         * Writes the gradient into {@code grad} and returns the value.
         *
         * @param point one coordinate per checked parameter (a copy)
         * @param grad receives one partial derivative per checked parameter, in the point's order; it has
         *     exactly as many elements as the point
         * @return the value of the function at the point
         */
        double apply(double[] point, double[] grad);
    }

    private final ScalarFunction function;
    private final GradientInto gradient;
    private final int declaredPartials;
    private final String[] names;
    private final double relative;
    private final double absolute;
    private final double step;

    private GradientCheck(ScalarFunction function, GradientInto gradient, int declaredPartials, String[] names,
            double relative, double absolute, double step) {
        this.function = function;
        this.gradient = gradient;
        this.declaredPartials = declaredPartials;
        this.names = names;
        this.relative = relative;
        this.absolute = absolute;
        this.step = step;
    }

    /**
     * A check of a gradient in SourceGrad's zero-allocation form.
     *
     * @param function the function, e.g. {@code p -> Slides.f(p[0], p[1])}
     * @param gradient its gradient, e.g. {@code (p, grad) -> SlidesGrad.df(p[0], p[1], grad)}: fills
     *     {@code grad} (as long as the point) and returns the value
     * @return a check with the default names, step and tolerances
     */
    public static GradientCheck of(ScalarFunction function, GradientInto gradient) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(gradient, "gradient");
        return new GradientCheck(function, gradient, -1, null, DEFAULT_RELATIVE_TOLERANCE,
                DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_STEP);
    }

    /**
     * A check of a gradient in SourceGrad's record form, read through the record's accessors:
     *
     * <pre>{@code
     * GradientCheck.ofRecord(p -> Slides.f(p[0], p[1]),
     *                        p -> SlidesGrad.df(p[0], p[1]),
     *                        SlidesGrad.FGradient::value, SlidesGrad.FGradient::dx, SlidesGrad.FGradient::dy)
     * }</pre>
     *
     * (or with lambdas: {@code r -> r.value(), r -> r.dx(), r -> r.dy()}).
     *
     * @param function the function
     * @param gradient the record form of its gradient
     * @param value reads the value from the record
     * @param partials read the partial derivatives from the record, one per coordinate of the point, in
     *     the point's order
     * @param <R> the record type
     * @return a check with the default names, step and tolerances
     */
    @SafeVarargs
    public static <R> GradientCheck ofRecord(ScalarFunction function, java.util.function.Function<double[], R> gradient,
            ToDoubleFunction<R> value, ToDoubleFunction<R>... partials) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(partials, "partials");
        List<ToDoubleFunction<R>> readers = new ArrayList<>(partials.length);
        for (ToDoubleFunction<R> partial : partials) {
            readers.add(Objects.requireNonNull(partial, "partials"));
        }
        GradientInto into = (point, grad) -> {
            R result = Objects.requireNonNull(gradient.apply(point), "the gradient returned null");
            for (int i = 0; i < readers.size(); i++) {
                grad[i] = readers.get(i).applyAsDouble(result);
            }
            return value.applyAsDouble(result);
        };
        return new GradientCheck(function, into, readers.size(), null, DEFAULT_RELATIVE_TOLERANCE,
                DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_STEP);
    }

    /**
     * Starts a check of a function of one parameter, each a {@code double}, a {@code double[]} or a
     * {@code double[][]}, at the given arguments: every element of every argument is a coordinate of the
     * check, named after its parameter and index ({@code w[3]}, {@code X[1][2]}). The class documentation has an example.
     *
     * @param a the first argument (copied)
     * @param <A> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @return the arguments, to name and to check a function and its gradient at
     * @throws IllegalArgumentException if an argument is of another type
     * @throws NullPointerException if an argument or a row is null
     */
    public static <A> Arguments1<A> arguments(A a) {
        return new Arguments1<>(new ArgumentSetup(new ArgumentLayout(new Object[] {a},
                ArgumentLayout.defaultNames(1))));
    }

    /**
     * Starts a check of a function of two parameters, each a {@code double}, a {@code double[]} or a
     * {@code double[][]}, at the given arguments: every element of every argument is a coordinate of the
     * check, named after its parameter and index ({@code w[3]}, {@code X[1][2]}). The class documentation has an example.
     *
     * @param a the first argument (copied)
     * @param b the second argument (copied)
     * @param <A> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <B> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @return the arguments, to name and to check a function and its gradient at
     * @throws IllegalArgumentException if an argument is of another type
     * @throws NullPointerException if an argument or a row is null
     */
    public static <A, B> Arguments2<A, B> arguments(A a, B b) {
        return new Arguments2<>(new ArgumentSetup(new ArgumentLayout(new Object[] {a, b},
                ArgumentLayout.defaultNames(2))));
    }

    /**
     * Starts a check of a function of three parameters, each a {@code double}, a {@code double[]} or a
     * {@code double[][]}, at the given arguments: every element of every argument is a coordinate of the
     * check, named after its parameter and index ({@code w[3]}, {@code X[1][2]}). The class documentation has an example.
     *
     * @param a the first argument (copied)
     * @param b the second argument (copied)
     * @param c the third argument (copied)
     * @param <A> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <B> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <C> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @return the arguments, to name and to check a function and its gradient at
     * @throws IllegalArgumentException if an argument is of another type
     * @throws NullPointerException if an argument or a row is null
     */
    public static <A, B, C> Arguments3<A, B, C> arguments(A a, B b, C c) {
        return new Arguments3<>(new ArgumentSetup(new ArgumentLayout(new Object[] {a, b, c},
                ArgumentLayout.defaultNames(3))));
    }

    /**
     * Starts a check of a function of four parameters, each a {@code double}, a {@code double[]} or a
     * {@code double[][]}, at the given arguments: every element of every argument is a coordinate of the
     * check, named after its parameter and index ({@code w[3]}, {@code X[1][2]}). The class documentation has an example.
     *
     * @param a the first argument (copied)
     * @param b the second argument (copied)
     * @param c the third argument (copied)
     * @param d the fourth argument (copied)
     * @param <A> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <B> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <C> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @param <D> its type: {@code Double} (a {@code double}), {@code double[]} or {@code double[][]}
     * @return the arguments, to name and to check a function and its gradient at
     * @throws IllegalArgumentException if an argument is of another type
     * @throws NullPointerException if an argument or a row is null
     */
    public static <A, B, C, D> Arguments4<A, B, C, D> arguments(A a, B b, C c, D d) {
        return new Arguments4<>(new ArgumentSetup(new ArgumentLayout(new Object[] {a, b, c, d},
                ArgumentLayout.defaultNames(4))));
    }

    /**
     * A function of one argument, for {@link Arguments1}: {@code a -> Model.loss(a)}.
     *
     * @param <A> the type of the first argument
     */
    @FunctionalInterface
    public interface Function1<A> {

        /**
         * The value of the function.
         *
         * @param a the first argument (a copy)
         * @return the value
         */
        double apply(A a);
    }

    /**
     * A gradient in SourceGrad's buffer form, for {@link Arguments1}: the arguments, then {@code grad} (one
     * slot per {@code double} argument, as the generated form's {@code grad}), then one gradient array shaped
     * like each array argument ({@code null} for a {@code double} argument), in the generated form's order:
     * {@code (a, grad, ga) -> ModelGrad.dloss(a, ga)} when no argument is a
     * {@code double}.
     *
     * @param <A> the type of the first argument
     */
    @FunctionalInterface
    public interface GradientInto1<A> {

        /**
         * Writes the gradient into {@code grad} and the gradient arrays, and returns the value.
         *
         * @param a the first argument (a copy)
         * @param grad one slot per {@code double} argument, in their order; empty if there is none
         * @param gradA receives the gradient with respect to {@code a}, shaped like it; null if {@code a} is a {@code double}
         * @return the value of the function
         */
        double apply(A a, double[] grad, A gradA);
    }

    /**
     * A gradient in SourceGrad's record form, for {@link Arguments1}: {@code a -> ModelGrad.dloss(a)}.
     *
     * @param <A> the type of the first argument
     * @param <R> the record
     */
    @FunctionalInterface
    public interface RecordGradient1<A, R> {

        /**
         * The value and the gradient.
         *
         * @param a the first argument (a copy)
         * @return the record
         */
        R apply(A a);
    }

    /**
     * The arguments of a check of a function of one parameter, made by {@link GradientCheck#arguments}
     * (the class documentation has an example). Immutable: {@link #names}, {@link #tolerance} and {@link #step}
     * return a changed copy.
     *
     * @param <A> the type of the first argument
     */
    public static final class Arguments1<A> {

        private final ArgumentSetup setup;

        Arguments1(ArgumentSetup setup) {
            this.setup = setup;
        }

        /**
         * Names the parameters in the report ({@code d/dw[3]} rather than {@code d/dp0[3]}).
         *
         * @param a the name of the first parameter
         * @return a copy with the names
         */
        public Arguments1<A> names(String a) {
            return new Arguments1<>(setup.named(a));
        }

        /**
         * Sets the tolerances, as {@link GradientCheck#tolerance} does.
         *
         * @param relativeTolerance the relative tolerance
         * @param absoluteTolerance the absolute tolerance
         * @return a copy with the tolerances
         */
        public Arguments1<A> tolerance(double relativeTolerance, double absoluteTolerance) {
            return new Arguments1<>(setup.tolerance(relativeTolerance, absoluteTolerance));
        }

        /**
         * Sets the relative step of the finite differences, as {@link GradientCheck#step} does.
         *
         * @param relativeStep positive
         * @return a copy with the step
         */
        public Arguments1<A> step(double relativeStep) {
            return new Arguments1<>(setup.step(relativeStep));
        }

        /**
         * Checks a gradient in the buffer form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient its gradient, writing into the arrays it is given and returning the value
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public Report assertGradient(Function1<A> function, GradientInto1<A> gradient) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            return setup.assertInto(x -> function.apply((A) x[0]),
                    (x, grad, g) -> gradient.apply((A) x[0], grad, (A) g[0]));
        }

        /**
         * Checks a gradient in the record form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient the record form of its gradient
         * @param value reads the value from the record
         * @param dA reads the gradient with respect to the first argument from the record
         * @param <R> the record type
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public <R> Report assertRecord(Function1<A> function, RecordGradient1<A, R> gradient,
                ToDoubleFunction<R> value, Function<R, A> dA) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(dA, "dA");
            return setup.assertRecord(x -> function.apply((A) x[0]), x -> gradient.apply((A) x[0]),
                    value, r -> new Object[] {dA.apply(r)});
        }
    }

    /**
     * A function of two arguments, for {@link Arguments2}: {@code (a, b) -> Model.loss(a, b)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     */
    @FunctionalInterface
    public interface Function2<A, B> {

        /**
         * The value of the function.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @return the value
         */
        double apply(A a, B b);
    }

    /**
     * A gradient in SourceGrad's buffer form, for {@link Arguments2}: the arguments, then {@code grad} (one
     * slot per {@code double} argument, as the generated form's {@code grad}), then one gradient array shaped
     * like each array argument ({@code null} for a {@code double} argument), in the generated form's order:
     * {@code (a, b, grad, ga, gb) -> ModelGrad.dloss(a, b, ga, gb)} when no argument is a
     * {@code double}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     */
    @FunctionalInterface
    public interface GradientInto2<A, B> {

        /**
         * Writes the gradient into {@code grad} and the gradient arrays, and returns the value.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param grad one slot per {@code double} argument, in their order; empty if there is none
         * @param gradA receives the gradient with respect to {@code a}, shaped like it; null if {@code a} is a {@code double}
         * @param gradB receives the gradient with respect to {@code b}, shaped like it; null if {@code b} is a {@code double}
         * @return the value of the function
         */
        double apply(A a, B b, double[] grad, A gradA, B gradB);
    }

    /**
     * A gradient in SourceGrad's record form, for {@link Arguments2}: {@code (a, b) -> ModelGrad.dloss(a, b)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <R> the record
     */
    @FunctionalInterface
    public interface RecordGradient2<A, B, R> {

        /**
         * The value and the gradient.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @return the record
         */
        R apply(A a, B b);
    }

    /**
     * The arguments of a check of a function of two parameters, made by {@link GradientCheck#arguments}
     * (the class documentation has an example). Immutable: {@link #names}, {@link #tolerance} and {@link #step}
     * return a changed copy.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     */
    public static final class Arguments2<A, B> {

        private final ArgumentSetup setup;

        Arguments2(ArgumentSetup setup) {
            this.setup = setup;
        }

        /**
         * Names the parameters in the report ({@code d/dw[3]} rather than {@code d/dp0[3]}).
         *
         * @param a the name of the first parameter
         * @param b the name of the second parameter
         * @return a copy with the names
         */
        public Arguments2<A, B> names(String a, String b) {
            return new Arguments2<>(setup.named(a, b));
        }

        /**
         * Sets the tolerances, as {@link GradientCheck#tolerance} does.
         *
         * @param relativeTolerance the relative tolerance
         * @param absoluteTolerance the absolute tolerance
         * @return a copy with the tolerances
         */
        public Arguments2<A, B> tolerance(double relativeTolerance, double absoluteTolerance) {
            return new Arguments2<>(setup.tolerance(relativeTolerance, absoluteTolerance));
        }

        /**
         * Sets the relative step of the finite differences, as {@link GradientCheck#step} does.
         *
         * @param relativeStep positive
         * @return a copy with the step
         */
        public Arguments2<A, B> step(double relativeStep) {
            return new Arguments2<>(setup.step(relativeStep));
        }

        /**
         * Checks a gradient in the buffer form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient its gradient, writing into the arrays it is given and returning the value
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public Report assertGradient(Function2<A, B> function, GradientInto2<A, B> gradient) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            return setup.assertInto(x -> function.apply((A) x[0], (B) x[1]),
                    (x, grad, g) -> gradient.apply((A) x[0], (B) x[1], grad, (A) g[0], (B) g[1]));
        }

        /**
         * Checks a gradient in the record form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient the record form of its gradient
         * @param value reads the value from the record
         * @param dA reads the gradient with respect to the first argument from the record
         * @param dB reads the gradient with respect to the second argument from the record
         * @param <R> the record type
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public <R> Report assertRecord(Function2<A, B> function, RecordGradient2<A, B, R> gradient,
                ToDoubleFunction<R> value, Function<R, A> dA, Function<R, B> dB) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(dA, "dA");
            Objects.requireNonNull(dB, "dB");
            return setup.assertRecord(x -> function.apply((A) x[0], (B) x[1]), x -> gradient.apply((A) x[0], (B) x[1]),
                    value, r -> new Object[] {dA.apply(r), dB.apply(r)});
        }
    }

    /**
     * A function of three arguments, for {@link Arguments3}: {@code (a, b, c) -> Model.loss(a, b, c)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     */
    @FunctionalInterface
    public interface Function3<A, B, C> {

        /**
         * The value of the function.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @return the value
         */
        double apply(A a, B b, C c);
    }

    /**
     * A gradient in SourceGrad's buffer form, for {@link Arguments3}: the arguments, then {@code grad} (one
     * slot per {@code double} argument, as the generated form's {@code grad}), then one gradient array shaped
     * like each array argument ({@code null} for a {@code double} argument), in the generated form's order:
     * {@code (a, b, c, grad, ga, gb, gc) -> ModelGrad.dloss(a, b, c, ga, gb, gc)} when no argument is a
     * {@code double}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     */
    @FunctionalInterface
    public interface GradientInto3<A, B, C> {

        /**
         * Writes the gradient into {@code grad} and the gradient arrays, and returns the value.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @param grad one slot per {@code double} argument, in their order; empty if there is none
         * @param gradA receives the gradient with respect to {@code a}, shaped like it; null if {@code a} is a {@code double}
         * @param gradB receives the gradient with respect to {@code b}, shaped like it; null if {@code b} is a {@code double}
         * @param gradC receives the gradient with respect to {@code c}, shaped like it; null if {@code c} is a {@code double}
         * @return the value of the function
         */
        double apply(A a, B b, C c, double[] grad, A gradA, B gradB, C gradC);
    }

    /**
     * A gradient in SourceGrad's record form, for {@link Arguments3}: {@code (a, b, c) -> ModelGrad.dloss(a, b, c)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the record
     */
    @FunctionalInterface
    public interface RecordGradient3<A, B, C, R> {

        /**
         * The value and the gradient.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @return the record
         */
        R apply(A a, B b, C c);
    }

    /**
     * The arguments of a check of a function of three parameters, made by {@link GradientCheck#arguments}
     * (the class documentation has an example). Immutable: {@link #names}, {@link #tolerance} and {@link #step}
     * return a changed copy.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     */
    public static final class Arguments3<A, B, C> {

        private final ArgumentSetup setup;

        Arguments3(ArgumentSetup setup) {
            this.setup = setup;
        }

        /**
         * Names the parameters in the report ({@code d/dw[3]} rather than {@code d/dp0[3]}).
         *
         * @param a the name of the first parameter
         * @param b the name of the second parameter
         * @param c the name of the third parameter
         * @return a copy with the names
         */
        public Arguments3<A, B, C> names(String a, String b, String c) {
            return new Arguments3<>(setup.named(a, b, c));
        }

        /**
         * Sets the tolerances, as {@link GradientCheck#tolerance} does.
         *
         * @param relativeTolerance the relative tolerance
         * @param absoluteTolerance the absolute tolerance
         * @return a copy with the tolerances
         */
        public Arguments3<A, B, C> tolerance(double relativeTolerance, double absoluteTolerance) {
            return new Arguments3<>(setup.tolerance(relativeTolerance, absoluteTolerance));
        }

        /**
         * Sets the relative step of the finite differences, as {@link GradientCheck#step} does.
         *
         * @param relativeStep positive
         * @return a copy with the step
         */
        public Arguments3<A, B, C> step(double relativeStep) {
            return new Arguments3<>(setup.step(relativeStep));
        }

        /**
         * Checks a gradient in the buffer form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient its gradient, writing into the arrays it is given and returning the value
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public Report assertGradient(Function3<A, B, C> function, GradientInto3<A, B, C> gradient) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            return setup.assertInto(x -> function.apply((A) x[0], (B) x[1], (C) x[2]),
                    (x, grad, g) -> gradient.apply((A) x[0], (B) x[1], (C) x[2], grad, (A) g[0], (B) g[1], (C) g[2]));
        }

        /**
         * Checks a gradient in the record form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient the record form of its gradient
         * @param value reads the value from the record
         * @param dA reads the gradient with respect to the first argument from the record
         * @param dB reads the gradient with respect to the second argument from the record
         * @param dC reads the gradient with respect to the third argument from the record
         * @param <R> the record type
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public <R> Report assertRecord(Function3<A, B, C> function, RecordGradient3<A, B, C, R> gradient,
                ToDoubleFunction<R> value, Function<R, A> dA, Function<R, B> dB, Function<R, C> dC) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(dA, "dA");
            Objects.requireNonNull(dB, "dB");
            Objects.requireNonNull(dC, "dC");
            return setup.assertRecord(x -> function.apply((A) x[0], (B) x[1], (C) x[2]), x -> gradient.apply((A) x[0], (B) x[1], (C) x[2]),
                    value, r -> new Object[] {dA.apply(r), dB.apply(r), dC.apply(r)});
        }
    }

    /**
     * A function of four arguments, for {@link Arguments4}: {@code (a, b, c, d) -> Model.loss(a, b, c, d)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     */
    @FunctionalInterface
    public interface Function4<A, B, C, D> {

        /**
         * The value of the function.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @param d the fourth argument (a copy)
         * @return the value
         */
        double apply(A a, B b, C c, D d);
    }

    /**
     * A gradient in SourceGrad's buffer form, for {@link Arguments4}: the arguments, then {@code grad} (one
     * slot per {@code double} argument, as the generated form's {@code grad}), then one gradient array shaped
     * like each array argument ({@code null} for a {@code double} argument), in the generated form's order:
     * {@code (a, b, c, d, grad, ga, gb, gc, gd) -> ModelGrad.dloss(a, b, c, d, ga, gb, gc, gd)} when no argument is a
     * {@code double}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     */
    @FunctionalInterface
    public interface GradientInto4<A, B, C, D> {

        /**
         * Writes the gradient into {@code grad} and the gradient arrays, and returns the value.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @param d the fourth argument (a copy)
         * @param grad one slot per {@code double} argument, in their order; empty if there is none
         * @param gradA receives the gradient with respect to {@code a}, shaped like it; null if {@code a} is a {@code double}
         * @param gradB receives the gradient with respect to {@code b}, shaped like it; null if {@code b} is a {@code double}
         * @param gradC receives the gradient with respect to {@code c}, shaped like it; null if {@code c} is a {@code double}
         * @param gradD receives the gradient with respect to {@code d}, shaped like it; null if {@code d} is a {@code double}
         * @return the value of the function
         */
        double apply(A a, B b, C c, D d, double[] grad, A gradA, B gradB, C gradC, D gradD);
    }

    /**
     * A gradient in SourceGrad's record form, for {@link Arguments4}: {@code (a, b, c, d) -> ModelGrad.dloss(a, b, c, d)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the record
     */
    @FunctionalInterface
    public interface RecordGradient4<A, B, C, D, R> {

        /**
         * The value and the gradient.
         *
         * @param a the first argument (a copy)
         * @param b the second argument (a copy)
         * @param c the third argument (a copy)
         * @param d the fourth argument (a copy)
         * @return the record
         */
        R apply(A a, B b, C c, D d);
    }

    /**
     * The arguments of a check of a function of four parameters, made by {@link GradientCheck#arguments}
     * (the class documentation has an example). Immutable: {@link #names}, {@link #tolerance} and {@link #step}
     * return a changed copy.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     */
    public static final class Arguments4<A, B, C, D> {

        private final ArgumentSetup setup;

        Arguments4(ArgumentSetup setup) {
            this.setup = setup;
        }

        /**
         * Names the parameters in the report ({@code d/dw[3]} rather than {@code d/dp0[3]}).
         *
         * @param a the name of the first parameter
         * @param b the name of the second parameter
         * @param c the name of the third parameter
         * @param d the name of the fourth parameter
         * @return a copy with the names
         */
        public Arguments4<A, B, C, D> names(String a, String b, String c, String d) {
            return new Arguments4<>(setup.named(a, b, c, d));
        }

        /**
         * Sets the tolerances, as {@link GradientCheck#tolerance} does.
         *
         * @param relativeTolerance the relative tolerance
         * @param absoluteTolerance the absolute tolerance
         * @return a copy with the tolerances
         */
        public Arguments4<A, B, C, D> tolerance(double relativeTolerance, double absoluteTolerance) {
            return new Arguments4<>(setup.tolerance(relativeTolerance, absoluteTolerance));
        }

        /**
         * Sets the relative step of the finite differences, as {@link GradientCheck#step} does.
         *
         * @param relativeStep positive
         * @return a copy with the step
         */
        public Arguments4<A, B, C, D> step(double relativeStep) {
            return new Arguments4<>(setup.step(relativeStep));
        }

        /**
         * Checks a gradient in the buffer form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient its gradient, writing into the arrays it is given and returning the value
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public Report assertGradient(Function4<A, B, C, D> function, GradientInto4<A, B, C, D> gradient) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            return setup.assertInto(x -> function.apply((A) x[0], (B) x[1], (C) x[2], (D) x[3]),
                    (x, grad, g) -> gradient.apply((A) x[0], (B) x[1], (C) x[2], (D) x[3], grad, (A) g[0], (B) g[1], (C) g[2], (D) g[3]));
        }

        /**
         * Checks a gradient in the record form at these arguments and throws if it is wrong.
         *
         * @param function the function
         * @param gradient the record form of its gradient
         * @param value reads the value from the record
         * @param dA reads the gradient with respect to the first argument from the record
         * @param dB reads the gradient with respect to the second argument from the record
         * @param dC reads the gradient with respect to the third argument from the record
         * @param dD reads the gradient with respect to the fourth argument from the record
         * @param <R> the record type
         * @return the report, which passed
         * @throws Failure if the value or a partial derivative disagrees: the report names the element ({@code d/dw[3]})
         */
        @SuppressWarnings("unchecked")
        public <R> Report assertRecord(Function4<A, B, C, D> function, RecordGradient4<A, B, C, D, R> gradient,
                ToDoubleFunction<R> value, Function<R, A> dA, Function<R, B> dB, Function<R, C> dC, Function<R, D> dD) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(gradient, "gradient");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(dA, "dA");
            Objects.requireNonNull(dB, "dB");
            Objects.requireNonNull(dC, "dC");
            Objects.requireNonNull(dD, "dD");
            return setup.assertRecord(x -> function.apply((A) x[0], (B) x[1], (C) x[2], (D) x[3]), x -> gradient.apply((A) x[0], (B) x[1], (C) x[2], (D) x[3]),
                    value, r -> new Object[] {dA.apply(r), dB.apply(r), dC.apply(r), dD.apply(r)});
        }
    }

    /** A gradient in the buffer form, over the arguments as objects: what each {@code ArgumentsN} adapts its lambda to. */
    @FunctionalInterface
    private interface GradientOfArguments {
        double apply(Object[] arguments, double[] grad, Object[] gradientArrays);
    }

    /** What the checks of a function's arguments share: the arguments' layout, the tolerances and the step. */
    private static final class ArgumentSetup {
        private final ArgumentLayout layout;
        private final double relative;
        private final double absolute;
        private final double step;

        ArgumentSetup(ArgumentLayout layout) {
            this(layout, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_STEP);
        }

        private ArgumentSetup(ArgumentLayout layout, double relative, double absolute, double step) {
            this.layout = layout;
            this.relative = relative;
            this.absolute = absolute;
            this.step = step;
        }

        ArgumentSetup named(String... names) {
            return new ArgumentSetup(layout.named(names), relative, absolute, step);
        }

        ArgumentSetup tolerance(double relativeTolerance, double absoluteTolerance) {
            requireNonNegative("relative tolerance", relativeTolerance);
            requireNonNegative("absolute tolerance", absoluteTolerance);
            return new ArgumentSetup(layout, relativeTolerance, absoluteTolerance, step);
        }

        ArgumentSetup step(double relativeStep) {
            requireStep(relativeStep);
            return new ArgumentSetup(layout, relative, absolute, relativeStep);
        }

        Report assertInto(ToDoubleFunction<Object[]> function, GradientOfArguments gradient) {
            return check(function, (point, grad) -> {
                double[] scalars = layout.scalarGradient();
                Object[] arrays = layout.gradientArrays();
                double value = gradient.apply(layout.arguments(point), scalars, arrays);
                layout.gather(scalars, arrays, grad);
                return value;
            });
        }

        <R> Report assertRecord(ToDoubleFunction<Object[]> function, java.util.function.Function<Object[], R> gradient,
                ToDoubleFunction<R> value, java.util.function.Function<R, Object[]> components) {
            return check(function, (point, grad) -> {
                R result = Objects.requireNonNull(gradient.apply(layout.arguments(point)), "the gradient returned null");
                layout.gatherComponents(components.apply(result), grad, "record's gradient");
                return value.applyAsDouble(result);
            });
        }

        private Report check(ToDoubleFunction<Object[]> function, GradientInto packed) {
            GradientCheck check = new GradientCheck(point -> function.applyAsDouble(layout.arguments(point)), packed,
                    -1, null, relative, absolute, step);
            return check.check(layout.point(), layout.coordinateNames(), layout).assertPassed();
        }
    }

    /**
     * Names the checked parameters in the report ({@code d/dx} rather than {@code d/dp0}).
     *
     * @param parameterNames one per coordinate of the point; the default is {@code p0, p1, ...}
     * @return a copy of this check with the names
     */
    public GradientCheck names(String... parameterNames) {
        Objects.requireNonNull(parameterNames, "parameterNames");
        String[] copy = parameterNames.clone();
        for (String name : copy) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a parameter name is null or blank: " + Arrays.toString(copy));
            }
        }
        return new GradientCheck(function, gradient, declaredPartials, copy, relative, absolute, step);
    }

    /**
     * Sets the tolerances: a partial derivative passes when
     * {@code |analytic - numeric| <= absolute + relative * max(|analytic|, |numeric|) + noise}
     * (see the class documentation), the value when
     * {@code |gradient's value - f(x)| <= absolute + relative * max(|gradient's value|, |f(x)|)}.
     *
     * @param relativeTolerance the relative tolerance, default {@value #DEFAULT_RELATIVE_TOLERANCE}
     * @param absoluteTolerance the absolute tolerance, default {@value #DEFAULT_ABSOLUTE_TOLERANCE}
     * @return a copy of this check with the tolerances
     */
    public GradientCheck tolerance(double relativeTolerance, double absoluteTolerance) {
        requireNonNegative("relative tolerance", relativeTolerance);
        requireNonNegative("absolute tolerance", absoluteTolerance);
        return new GradientCheck(function, gradient, declaredPartials, names, relativeTolerance,
                absoluteTolerance, step);
    }

    /**
     * Sets the relative step of the finite differences: coordinate {@code x_i} moves by
     * {@code h = relativeStep * max(1, |x_i|)} and {@code 2h} to either side.
     *
     * @param relativeStep positive, default {@code 2^-13} (about {@code 1.2e-4})
     * @return a copy of this check with the step
     */
    public GradientCheck step(double relativeStep) {
        requireStep(relativeStep);
        return new GradientCheck(function, gradient, declaredPartials, names, relative, absolute, relativeStep);
    }

    /**
     * Checks the gradient at a point and throws if it is wrong.
     *
     * @param point one coordinate per checked parameter
     * @return the report, which passed
     * @throws Failure if the value or a partial derivative disagrees, or a number is not finite; its
     *     message is the report's table
     * @throws IllegalArgumentException if the point, the names and the gradient do not have the same length
     */
    public Report assertAt(double... point) {
        return at(point).assertPassed();
    }

    /**
     * Checks the gradient at each of several points and throws one failure for all the points where it
     * is wrong.
     *
     * @param points the points, each with one coordinate per checked parameter
     * @return the reports, all of which passed
     * @throws Failure if the check fails at any point, with the report of each point where it failed
     */
    public List<Report> assertAtEach(double[]... points) {
        Objects.requireNonNull(points, "points");
        if (points.length == 0) {
            throw new IllegalArgumentException("no points to check");
        }
        List<Report> reports = new ArrayList<>();
        List<Report> failed = new ArrayList<>();
        for (double[] point : points) {
            Report report = at(point);
            reports.add(report);
            if (!report.passed()) {
                failed.add(report);
            }
        }
        if (!failed.isEmpty()) {
            StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                    "Gradient check failed at %d of %d points.", failed.size(), points.length));
            for (Report report : failed) {
                message.append("\n\n").append(report);
            }
            throw new Failure(message.toString(), failed);
        }
        return List.copyOf(reports);
    }

    /**
     * Checks the gradient at a point and returns the report, passed or not.
     *
     * @param point one coordinate per checked parameter; finite
     * @return the report
     * @throws IllegalArgumentException if the point is empty or not finite, or if the point, the names and
     *     the gradient do not have the same length
     */
    public Report at(double... point) {
        return check(point, null, null);
    }

    /**
     * {@link #at}, for a point packed from a function's arguments by {@link ArgumentLayout}: {@code layout} names
     * the coordinates ({@code w[3]}) and writes the point as the arguments; errors of the gradient pass unchanged
     * (they are about the arguments, not about a packed array). Without a layout, {@link #at}.
     */
    Report check(double[] point, String[] coordinateNames, ArgumentLayout layout) {
        Objects.requireNonNull(point, "point");
        int n = point.length;
        if (n == 0) {
            throw new IllegalArgumentException(layout == null
                    ? "the point is empty: it needs one coordinate per checked parameter"
                    : "the arguments have no elements to check: every array is empty");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(point[i])) {
                throw new IllegalArgumentException("coordinate " + i + " of the point is " + point[i]
                        + ": a gradient check needs a finite point");
            }
        }
        if (names != null && names.length != n) {
            throw new IllegalArgumentException(names.length + " names " + Arrays.toString(names)
                    + " for a point of " + n + " coordinates");
        }
        if (declaredPartials >= 0 && declaredPartials != n) {
            throw new IllegalArgumentException("the record form reads " + declaredPartials
                    + " partial derivatives, but the point has " + n + " coordinates");
        }
        String[] labels = coordinateNames != null ? coordinateNames : names != null ? names : defaultNames(n);
        double[] x = point.clone();

        double value = function.apply(x.clone());

        double[] grad = new double[n];
        Arrays.fill(grad, Double.longBitsToDouble(UNWRITTEN));
        double gradientValue;
        try {
            gradientValue = gradient.apply(x.clone(), grad);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            if (layout != null) {
                throw e;
            }
            throw new IllegalArgumentException("the gradient failed on an array of length " + n
                    + " (one slot per coordinate of the point): does it differentiate more parameters than"
                    + " the point has coordinates? " + e.getMessage(), e);
        }

        List<String> problems = new ArrayList<>();
        String valueProblem = valueProblem(value, gradientValue);
        if (!valueProblem.isEmpty()) {
            problems.add("value: " + valueProblem);
        }
        List<Partial> partials = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Partial partial = partial(x, i, labels[i], value, grad[i], layout != null);
            partials.add(partial);
            if (!partial.passed()) {
                problems.add("d/d" + labels[i] + ": " + partial.problem());
            }
        }
        return new Report(x, List.of(labels), layout == null ? null : layout.pointText(), value, gradientValue,
                partials, problems, relative, absolute, step);
    }

    private String valueProblem(double value, double gradientValue) {
        if (!Double.isFinite(value)) {
            return "f is " + value + " at this point: a gradient check needs a point where f is finite";
        }
        if (!Double.isFinite(gradientValue)) {
            return "the gradient returns the value " + gradientValue + ", but f is " + number(value);
        }
        double error = Math.abs(gradientValue - value);
        double allowed = absolute + relative * Math.max(Math.abs(value), Math.abs(gradientValue));
        if (!(error <= allowed)) {
            return "the gradient returns the value " + number(gradientValue) + ", but f is " + number(value)
                    + " (off by " + small(error) + ", allowed " + small(allowed) + ")";
        }
        return "";
    }

    /** The finite difference for coordinate {@code i}, compared with {@code analytic}. */
    private Partial partial(double[] x, int i, String name, double f0, double analytic, boolean ofArguments) {
        double xi = x[i];
        double h = (xi + step * Math.max(1, Math.abs(xi))) - xi;
        double fm2 = shifted(x, i, xi - 2 * h);
        double fm1 = shifted(x, i, xi - h);
        double fp1 = shifted(x, i, xi + h);
        double fp2 = shifted(x, i, xi + 2 * h);
        double numeric = (8 * (fp1 - fm1) - (fp2 - fm2)) / (12 * h);

        double absoluteError = Math.abs(analytic - numeric);
        double larger = Math.max(Math.abs(analytic), Math.abs(numeric));
        double relativeError = larger == 0 ? 0 : absoluteError / larger;
        double largestF = Math.max(Math.max(Math.abs(fm2), Math.abs(fm1)),
                Math.max(Math.max(Math.abs(fp1), Math.abs(fp2)), Math.abs(f0)));
        double noise = STENCIL_GAIN * ULPS_OF_F * Math.ulp(1.0) * largestF / h;
        double allowed = absolute + relative * larger + noise;

        String problem = "";
        if (Double.doubleToRawLongBits(analytic) == UNWRITTEN) {
            problem = ofArguments
                    ? "the gradient did not write it: are the gradient arrays passed in the order of the arguments,"
                            + " and grad when there is a double argument?"
                    : "the gradient did not write this slot of grad: does it differentiate fewer parameters"
                            + " than the point has coordinates?";
        } else if (!Double.isFinite(analytic)) {
            problem = "the gradient is " + analytic
                    + (Double.isFinite(numeric) ? ", the finite difference " + number(numeric) : "");
        } else if (!Double.isFinite(numeric)) {
            problem = nonFiniteDifference(name, xi, h, f0, fm2, fm1, fp1, fp2);
        } else if (!(absoluteError <= allowed)) {
            problem = "the gradient is " + number(analytic) + ", the finite difference " + number(numeric)
                    + " (off by " + small(absoluteError) + ", relative " + small(relativeError) + ", allowed "
                    + small(allowed) + ")";
            double left = (3 * f0 - 4 * fm1 + fm2) / (2 * h);
            double right = (-3 * f0 + 4 * fp1 - fp2) / (2 * h);
            double jump = Math.abs(left - right);
            if (jump > allowed && jump > KINK_THRESHOLD * Math.max(Math.abs(left), Math.abs(right))) {
                problem += "; the one-sided differences disagree (from the left " + number(left)
                        + ", from the right " + number(right) + "): f is probably not differentiable within "
                        + small(2 * h) + " of " + name + " = " + number(xi) + KINK_HINT;
            }
        }
        return new Partial(name, analytic, numeric, absoluteError, relativeError, allowed, h, problem);
    }

    private static String nonFiniteDifference(String name, double xi, double h, double f0, double fm2,
            double fm1, double fp1, double fp2) {
        if (!Double.isFinite(f0)) {
            return "f is " + f0 + " at the point, so there is no finite difference";
        }
        double[] values = {fm2, fm1, fp1, fp2};
        String[] where = {"- 2h", "- h", "+ h", "+ 2h"};
        double[] offsets = {-2 * h, -h, h, 2 * h};
        StringBuilder bad = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                bad.append(bad.length() == 0 ? "" : ", ").append("f(").append(name).append(' ').append(where[k])
                        .append(" = ").append(number(xi + offsets[k])).append(") = ").append(values[k]);
            }
        }
        if (bad.length() == 0) {
            return "the finite difference overflows (the values of f near the point are too large)";
        }
        return "the finite difference is not finite: " + bad + " (h = " + small(h) + "); f is not finite"
                + " within 2h of the point: move the point away from the edge of f's domain or set a smaller step()";
    }

    private double shifted(double[] x, int i, double xi) {
        double[] copy = x.clone();
        copy[i] = xi;
        return function.apply(copy);
    }

    private static String[] defaultNames(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "p" + i;
        }
        return names;
    }

    private static void requireStep(double relativeStep) {
        if (!(relativeStep > 0) || Double.isInfinite(relativeStep)) {
            throw new IllegalArgumentException("the step must be positive and finite, not " + relativeStep);
        }
    }

    private static void requireNonNegative(String what, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the " + what + " must be finite and non-negative, not " + tolerance);
        }
    }

    /** A number as a reader compares it: up to 12 significant digits, no trailing zeros. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double magnitude = Math.abs(v);
        String text;
        if (magnitude >= 1e-4 && magnitude < 1e12) {
            text = new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros()
                    .toPlainString();
        } else {
            text = String.format(Locale.ROOT, "%.11e", v);
            int e = text.indexOf('e');
            String mantissa = text.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
            text = mantissa + text.substring(e);
        }
        return text;
    }

    /** An error or a tolerance: two significant digits. */
    static String small(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    /**
     * The comparison of one partial derivative with its finite difference.
     *
     * @param name the parameter's name ({@code p0, p1, ...} unless named)
     * @param analytic the gradient's partial derivative
     * @param numeric the fourth-order central finite difference
     * @param absoluteError {@code |analytic - numeric|}
     * @param relativeError {@code |analytic - numeric| / max(|analytic|, |numeric|)}, 0 when both are 0
     * @param allowed the largest absolute error that passes
     * @param step the step {@code h} used for this coordinate
     * @param problem why the partial derivative failed, or empty if it passed
     */
    public record Partial(String name, double analytic, double numeric, double absoluteError,
            double relativeError, double allowed, double step, String problem) {

        /**
         * Whether the partial derivative agrees with its finite difference.
         *
         * @return true if it passed
         */
        public boolean passed() {
            return problem.isEmpty();
        }
    }

    /**
     * The result of a check at one point. {@link #toString()} is a table of the value and of every partial
     * derivative beside its finite difference, with the errors and what was allowed.
     */
    public static final class Report {

        private final double[] point;
        private final List<String> names;
        private final String argumentsText;
        private final double value;
        private final double gradientValue;
        private final List<Partial> partials;
        private final List<String> problems;
        private final double relative;
        private final double absolute;
        private final double step;

        Report(double[] point, List<String> names, String argumentsText, double value, double gradientValue,
                List<Partial> partials, List<String> problems, double relative, double absolute, double step) {
            this.point = point;
            this.names = names;
            this.argumentsText = argumentsText;
            this.value = value;
            this.gradientValue = gradientValue;
            this.partials = List.copyOf(partials);
            this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
            this.relative = relative;
            this.absolute = absolute;
            this.step = step;
        }

        /**
         * Whether the value and every partial derivative passed.
         *
         * @return true if the gradient passed the check at this point
         */
        public boolean passed() {
            return problems.isEmpty();
        }

        /**
         * What failed, one line each ({@code "d/dy: the gradient is -0.5, ..."}), empty if the check passed.
         *
         * @return the problems
         */
        public List<String> problems() {
            return problems;
        }

        /**
         * The point.
         *
         * @return a copy of the point
         */
        public double[] point() {
            return point.clone();
        }

        /**
         * The names of the checked parameters.
         *
         * @return the names, {@code p0, p1, ...} unless set with {@link GradientCheck#names}
         */
        public List<String> names() {
            return names;
        }

        /**
         * The function's value at the point.
         *
         * @return {@code f(point)}
         */
        public double value() {
            return value;
        }

        /**
         * The value that the gradient returned.
         *
         * @return the gradient's value
         */
        public double gradientValue() {
            return gradientValue;
        }

        /**
         * The comparison of each partial derivative, in the point's order.
         *
         * @return one entry per coordinate
         */
        public List<Partial> partials() {
            return partials;
        }

        /**
         * The gradient's partial derivatives.
         *
         * @return a new array, one per coordinate
         */
        public double[] analytic() {
            return partials.stream().mapToDouble(Partial::analytic).toArray();
        }

        /**
         * The finite differences.
         *
         * @return a new array, one per coordinate
         */
        public double[] numeric() {
            return partials.stream().mapToDouble(Partial::numeric).toArray();
        }

        /**
         * Throws if the check failed.
         *
         * @return this report, if it passed
         * @throws Failure with this report as its message, if it failed
         */
        public Report assertPassed() {
            if (!passed()) {
                throw new Failure(toString(), List.of(this));
            }
            return this;
        }

        /**
         * A table of the check, headed by whether it passed.
         *
         * @return the table, several lines
         */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            String at = pointText();
            if (passed()) {
                out.append("Gradient check passed at ").append(at).append('.');
            } else {
                List<String> failed = new ArrayList<>();
                if (!valueProblem().isEmpty()) {
                    failed.add("value");
                }
                for (Partial p : partials) {
                    if (!p.passed()) {
                        failed.add("d/d" + p.name());
                    }
                }
                String listed = failed.size() <= LISTED_FAILURES ? String.join(", ", failed)
                        : String.join(", ", failed.subList(0, LISTED_FAILURES)) + " and "
                                + (failed.size() - LISTED_FAILURES) + " more";
                out.append("Gradient check failed at ").append(at).append(": ").append(listed)
                        .append(failed.size() == 1 ? " is" : " are").append(" wrong.");
            }
            out.append("\n\n");

            int label = "value".length();
            for (String name : names) {
                label = Math.max(label, "d/d".length() + name.length());
            }
            String row = "  %-" + label + "s %18s %18s %10s %10s %10s  %s\n";
            out.append(String.format(Locale.ROOT, row, "", "analytic", "numeric", "abs error", "rel error",
                    "allowed", "").stripTrailing()).append('\n');
            double valueError = Math.abs(gradientValue - value);
            double valueLarger = Math.max(Math.abs(value), Math.abs(gradientValue));
            out.append(String.format(Locale.ROOT, row, "value", number(gradientValue), number(value),
                    small(valueError), small(valueLarger == 0 ? 0 : valueError / valueLarger),
                    small(absolute + relative * valueLarger), valueProblem().isEmpty() ? "ok" : "FAILED"));
            // a table of many partials (an array's elements) shows the failed ones, or the first ones if none failed
            List<Partial> shown = partials;
            if (partials.size() > TABLE_ROWS) {
                List<Partial> wrong = partials.stream().filter(p -> !p.passed()).toList();
                shown = (wrong.isEmpty() ? partials : wrong).subList(0, Math.min(TABLE_ROWS,
                        wrong.isEmpty() ? partials.size() : wrong.size()));
            }
            for (Partial p : shown) {
                out.append(String.format(Locale.ROOT, row, "d/d" + p.name(), number(p.analytic()),
                        number(p.numeric()), small(p.absoluteError()), small(p.relativeError()), small(p.allowed()),
                        p.passed() ? "ok" : "FAILED"));
            }
            if (shown.size() < partials.size()) {
                long wrong = partials.stream().filter(p -> !p.passed()).count() - shown.stream()
                        .filter(p -> !p.passed()).count();
                out.append(String.format(Locale.ROOT, "  (%d more partial derivatives not shown: %s)\n",
                        partials.size() - shown.size(), wrong == 0 ? "all passed" : wrong + " of them failed"));
            }
            if (!passed()) {
                out.append('\n');
                for (String problem : problems.subList(0, Math.min(problems.size(), TABLE_ROWS))) {
                    out.append("  ").append(problem).append('\n');
                }
                if (problems.size() > TABLE_ROWS) {
                    out.append("  (and ").append(problems.size() - TABLE_ROWS).append(" more)\n");
                }
            }
            out.append('\n').append(String.format(Locale.ROOT,
                    "value: analytic = the value the gradient returns, numeric = f at the point.\n"
                            + "d/d...: numeric = 4-point central difference with h = %s * max(1, |x_i|);\n"
                            + "        allowed = %s + %s * max(|analytic|, |numeric|) + rounding noise of f.",
                    small(step), small(absolute), small(relative)));
            return out.toString();
        }

        private String valueProblem() {
            for (String problem : problems) {
                if (problem.startsWith("value: ")) {
                    return problem;
                }
            }
            return "";
        }

        private String pointText() {
            if (argumentsText != null) {
                return argumentsText;
            }
            StringBuilder coordinates = new StringBuilder();
            for (int i = 0; i < point.length; i++) {
                coordinates.append(i == 0 ? "" : ", ").append(number(point[i]));
            }
            if (point.length == 1) {
                return names.get(0) + " = " + coordinates;
            }
            return "(" + String.join(", ", names) + ") = (" + coordinates + ")";
        }
    }

    /**
     * Thrown by {@link #assertAt}, {@link #assertAtEach} and {@link Report#assertPassed} when a gradient
     * fails its check. The message is the report's table.
     */
    public static final class Failure extends AssertionError {

        private static final long serialVersionUID = 1L;

        private final transient List<Report> reports;

        Failure(String message, List<Report> reports) {
            super(message);
            this.reports = List.copyOf(reports);
        }

        /**
         * The reports of the points where the check failed.
         *
         * @return one report per failed point, at least one
         */
        public List<Report> reports() {
            return reports == null ? List.of() : reports;
        }
    }
}
