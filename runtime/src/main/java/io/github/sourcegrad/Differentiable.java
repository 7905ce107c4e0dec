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
 * elements and calls to other {@code @Differentiable} methods of the same compilation (not recursion). Anything
 * SourceGrad cannot differentiate is a compile error at its line.
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
}
