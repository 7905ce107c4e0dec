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
 * <p>Forward mode ({@code @Differentiable(forward = true)} callers) uses the same record: the tangent of a call
 * {@code g(a, b)} is {@code dg/da * ta + dg/db * tb}, with the partial derivatives from one call of the pullback with
 * {@code dz = 1}, so no tangent has to be written by hand.
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
}
