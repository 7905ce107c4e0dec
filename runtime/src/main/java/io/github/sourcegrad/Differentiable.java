package io.github.sourcegrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose reverse-mode gradient SourceGrad writes, as plain Java source, at compile time.
 *
 * <p>The method must be {@code static}, declared in a top-level or member class, return {@code double},
 * {@code double[]} or {@code double[][]}, and take {@code double}, {@code double[]}, {@code double[][]},
 * {@code int}, {@code long} and {@code boolean} parameters. The {@code double} and array parameters are
 * differentiated (or those named by {@link #wrt()}); the others are constants. The body may use arithmetic,
 * {@code Math}/{@code StrictMath} functions, {@link SmoothMath}, {@link ArrayMath}, branches, loops, array
 * elements, calls to other {@code @Differentiable} methods (not recursion) and calls to methods whose derivative is
 * written by hand, {@link CustomDerivative}. Anything SourceGrad cannot differentiate is a compile error at its line.
 *
 * <p>For a method {@code f} of a class {@code p.C}, the annotation processor generates the class {@code p.CGrad}
 * (for a nested class {@code p.Outer.Inner}: {@code p.Outer_InnerGrad}) with
 * <ul>
 *   <li>the record form {@code public static FGradient df(...)}, taking the same parameters as {@code f}: its
 *       record holds {@code value()} and {@code d<param>()} for each differentiated parameter, in declaration
 *       order (for an array parameter, a fresh array of its shape);</li>
 *   <li>the buffer form {@code public static double df(..., double[] grad, ...)}, which writes the partial
 *       derivatives of the {@code double} parameters into {@code grad} and those of each array parameter into a
 *       caller-owned array of its shape, and returns the value; without arrays it allocates nothing.</li>
 * </ul>
 * A method that returns an array gets a pullback instead: both forms take the upstream adjoint of the result
 * as an extra parameter and give the gradients of {@code sum(result * upstream)}.
 *
 * <p>With {@link #forward() forward = true} the companion also has the forward-mode (tangent) form
 * {@code public static FTangent jvpf(..., double tx, double ty)}: see {@link #forward()}. With
 * {@link #hessian() hessian = true} it has {@code hvpf} and {@code hessianf}, Hessian-vector products and Hessians.
 * A method that returns {@code double[]} also gets {@code jacobianf(..., double[][] jac)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

    /**
     * Names of the parameters to differentiate with respect to, each a {@code double}, {@code double[]} or
     * {@code double[][]} parameter of the method; an array parameter is differentiated element by element.
     * Empty (the default) means every such parameter. A name that is not one is a compile error.
     *
     * @return the parameter names, or an empty array for all {@code double} and array parameters
     */
    String[] wrt() default {};

    /**
     * Also generate {@code objective<name>(arguments...)}, which returns the method as an {@link Objective}: a function
     * of one flat {@code double[]} of the differentiated parameters (in declaration order, an array element by
     * element, a matrix row by row), with its gradient, for optimisers. Only for a method that returns a
     * {@code double}; on any other it is a compile error.
     *
     * @return whether to generate the objective
     */
    boolean objective() default false;

    /**
     * Also writes the forward mode of the method: for {@code static double f(double x, double y)} the companion gets
     * {@code public static FTangent jvpf(double x, double y, double tx, double ty)}, whose record holds
     * {@code value()} and {@code tangent()}, the directional derivative {@code df/dx * tx + df/dy * ty}. Only the
     * differentiated parameters (those of {@link #wrt()}) get a tangent parameter, {@code t} followed by the
     * parameter's name, after all the method's own parameters; the name is {@code jvp} followed by the method's name
     * as written. An array parameter's tangent is an array of its shape ({@code tW} for {@code W}), and a method that
     * returns an array returns a tangent array of the result's shape. What forward mode cannot follow yet (calls kept
     * as calls, in a method with arrays) is a compile error at this annotation.
     *
     * @return true to write the {@code jvp} form as well as the gradients
     */
    boolean forward() default false;

    /**
     * Also writes second derivatives: for {@code static double f(double x, double[] w)} the companion gets
     * <ul>
     *   <li>{@code public static double hvpf(double x, double[] w, double[] v, double[] grad, double[] hv)}, which
     *       returns the value, writes the gradient into {@code grad} and the Hessian times {@code v} into {@code hv};
     *       and</li>
     *   <li>{@code public static double hessianf(double x, double[] w, double[][] h)}, which returns the value and
     *       writes the Hessian into {@code h}.</li>
     * </ul>
     * The differentiated inputs are flattened into one vector of length {@code n}: parameters in declaration order,
     * an array element by element, a matrix row by row; {@code v}, {@code grad} and {@code hv} have {@code n} entries
     * and {@code h} is {@code n} by {@code n}. A Hessian-vector product is the gradient of the directional derivative
     * along {@code v} (forward mode, then reverse mode of that code), exact through branches and loops as the
     * gradient is; the Hessian takes one per input, and is made exactly symmetric. Only for a method that returns a
     * {@code double}; what it cannot follow yet (calls kept as calls) is a compile error at this annotation.
     *
     * @return true to write {@code hvp} and {@code hessian} as well as the gradients
     */
    boolean hessian() default false;
}
