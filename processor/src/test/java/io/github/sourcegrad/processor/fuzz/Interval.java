package io.github.sourcegrad.processor.fuzz;

/**
 * A conservative range {@code [lo, hi]} of the values an expression can take for parameters in their
 * ranges; the generator uses it to keep arguments inside the domains of the functions they feed and to
 * keep magnitudes bounded.
 */
public record Interval(double lo, double hi) {

    public static Interval of(double lo, double hi) {
        return new Interval(Math.min(lo, hi), Math.max(lo, hi));
    }

    public static Interval point(double v) {
        return new Interval(v, v);
    }

    public double maxAbs() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    public boolean within(double a, double b) {
        return lo >= a && hi <= b;
    }

    public boolean within(Interval other) {
        return within(other.lo, other.hi);
    }

    /** Whether the interval stays at least {@code margin} away from zero. */
    public boolean awayFromZero(double margin) {
        return lo >= margin || hi <= -margin;
    }

    public Interval plus(Interval o) {
        return new Interval(lo + o.lo, hi + o.hi);
    }

    public Interval minus(Interval o) {
        return new Interval(lo - o.hi, hi - o.lo);
    }

    public Interval times(Interval o) {
        double a = lo * o.lo;
        double b = lo * o.hi;
        double c = hi * o.lo;
        double d = hi * o.hi;
        return new Interval(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
    }

    /** Real division; the divisor must not contain 0. */
    public Interval dividedBy(Interval o) {
        if (!o.awayFromZero(1e-9)) {
            throw new IllegalArgumentException("divisor interval contains 0: " + o);
        }
        return times(new Interval(1 / o.hi, 1 / o.lo));
    }

    public Interval negate() {
        return new Interval(-hi, -lo);
    }

    public Interval square() {
        Interval t = times(this);
        return new Interval(Math.max(0, t.lo), t.hi);
    }

    public Interval abs() {
        if (lo >= 0) {
            return this;
        }
        if (hi <= 0) {
            return negate();
        }
        return new Interval(0, maxAbs());
    }

    public Interval hull(Interval o) {
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    public Interval widen(double by) {
        return new Interval(lo - by, hi + by);
    }

    /** The image under a non-decreasing function. */
    public Interval monotone(java.util.function.DoubleUnaryOperator f) {
        return new Interval(f.applyAsDouble(lo), f.applyAsDouble(hi));
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}
