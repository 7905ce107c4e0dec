package io.github.sourcegrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code written by SourceGrad's annotation processor: every companion class ({@code CGrad}) and every
 * type nested in it, such as the gradient records.
 *
 * <p>The annotation is kept in the class file (unlike {@code javax.annotation.processing.Generated}, whose
 * retention is {@code SOURCE}), so that tools that read class files can tell generated code from the user's.
 * Coverage tools such as JaCoCo leave out of their reports every class and method annotated with an
 * annotation whose simple name contains {@code Generated} and whose retention is {@code CLASS} or
 * {@code RUNTIME}: the companions then do not count as untested code. It is not visible at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Generated {

    /**
     * The code generator that wrote the annotated code.
     *
     * @return the fully qualified name of the generator, or an empty string where the enclosing class names it
     */
    String value() default "";
}
