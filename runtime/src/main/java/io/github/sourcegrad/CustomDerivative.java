package io.github.sourcegrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a static method a derivative written by hand: its {@link #pullback() pullback}, a static method of the same
 * class. SourceGrad does not read the annotated method's body, which may do anything (sum a series, call a library,
 * use types SourceGrad does not know); every {@code @Differentiable} method that calls it gets the method's value
 * from the method itself and its derivative from the pullback.
 *
 * <p>The annotated method is static, not private, returns {@code double} and takes {@code double}, {@code double[]},
 * {@code double[][]}, {@code int}, {@code long} and {@code boolean} parameters; its {@code double} and array
 * parameters carry derivatives, the others are constants. For
 * <pre>{@code static double f(double a, int k, double[] w)}</pre>
 * the pullback takes the method's parameters, then {@code double dz}, the adjoint of the result, then the arrays
 * that receive the gradients, in the order of the buffer form {@code df(..., double[] grad, double[] gradW)} that
 * SourceGrad writes for its own methods: {@code grad} for the {@code double} parameters (element {@code i} for the
 * {@code i}-th of them; there is no {@code grad} when there are none), then one array of its shape for each array
 * parameter, in declaration order:
 * <pre>{@code static void fPullback(double a, int k, double[] w, double dz, double[] grad, double[] gradW)}</pre>
 * It writes {@code dz} times each partial derivative: {@code grad[0] = dz * df/da} and
 * {@code gradW[j] = dz * df/dw[j]}; the arrays arrive filled with zeros. The parameter names are free, the types,
 * their order and the {@code void} result are checked: any other signature, a pullback that does not exist, is
 * private or is not static, is a compile error at this annotation that shows the expected signature.
 *
 * <p>A logarithm of the Gamma function from a library, with its derivative, the digamma function:
 * <pre>{@code
 * @CustomDerivative(pullback = "logGammaPullback")
 * static double logGamma(double x) {
 *     return org.hipparchus.special.Gamma.logGamma(x);
 * }
 *
 * static void logGammaPullback(double x, double dz, double[] grad) {
 *     grad[0] = dz * org.hipparchus.special.Gamma.digamma(x);
 * }
 * }</pre>
 *
 * <p>For each annotated method the companion class (see {@link Differentiable}) gets {@code d<name>(...)}, a record
 * of the value and the partial derivatives at one point, as for a {@code @Differentiable} method; it is what the
 * gradients of callers call, in this compilation and in others (a library compiled with SourceGrad).
 *
 * <p>{@link #tangent()} names the method's derivative for forward mode ({@code @Differentiable(forward = true)}
 * callers).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomDerivative {

    /**
     * The name of the pullback, a static method of the same class with the signature described above.
     *
     * @return the pullback's name
     */
    String pullback();

    /**
     * The name of the tangent, for the forward mode of callers: a static method of the same class that takes the
     * method's parameters and then one {@code double} tangent for each {@code double} parameter (in declaration
     * order), and returns the directional derivative, {@code df/da * ta + ...}. For {@code static double f(double a,
     * int k, double b)}: {@code static double fTangent(double a, int k, double b, double ta, double tb)}. Empty (the
     * default) means none: a {@code forward = true} method that calls this one is then a compile error. Only methods
     * without array parameters can have one so far.
     *
     * @return the tangent's name, or empty for none
     */
    String tangent() default "";
}
