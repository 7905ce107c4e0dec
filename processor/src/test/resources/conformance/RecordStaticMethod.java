package conformance;

import io.github.sourcegrad.Differentiable;

/** The @Differentiable method is a static method of a record, a common home for small numeric types. */
record RecordStaticMethod(double re, double im) {
    @Differentiable
    static double f(double re, double im) {
        double mod2 = re * re + im * im;
        return Math.log(mod2) / 2 + Math.atan2(im, re);
    }

    static Object[] point() {
        return new Object[] {0.7, 0.2};
    }
}
