package io.github.sourcegrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose reverse-mode gradient SourceGrad writes at compile time.
 *
 * <p>For a method {@code f} of a top-level class {@code p.C}, the annotation processor generates the
 * class {@code p.CGrad} (for a nested class {@code p.Outer.Inner}: {@code p.Outer_InnerGrad}) with
 * <ul>
 *   <li>{@code public static FGradient df(...)}, taking the same parameters as {@code f}, whose record
 *       holds {@code value()} and {@code d<param>()} for each differentiated parameter, in declaration
 *       order;</li>
 *   <li>{@code public static double df(..., double[] grad)}, which writes the same partial derivatives
 *       into {@code grad} in the same order, returns the value and allocates nothing.</li>
 * </ul>
 *
 * <p>The method must be static, return {@code double} and take {@code double}, {@code int},
 * {@code long} or {@code boolean} parameters. Only {@code double} parameters are differentiated; the
 * others are constants. Anything in the body that SourceGrad cannot differentiate is a compile error at
 * that line.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

    /**
     * Names of the parameters to differentiate with respect to, each a {@code double} parameter of the
     * method. Empty (the default) means every {@code double} parameter.
     *
     * @return the parameter names, or an empty array for all {@code double} parameters
     */
    String[] wrt() default {};
}
