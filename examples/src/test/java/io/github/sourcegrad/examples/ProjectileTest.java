package io.github.sourcegrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A loop that stops on a differentiated value, {@code while (y >= 0)} in {@link Projectile#range}: the gradient
 * is taken at the trip count the point takes. It is the derivative of "where the projectile is after n steps",
 * exact for that n, not of "where it lands": the range is a staircase in the angle, flat between the angles at
 * which one more step is taken, and a finite difference across such an angle sees the jump.
 */
class ProjectileTest {

    private static final double SPEED = 10;
    private static final double THETA = 0.6;

    @Test
    void theGradientIsTheDerivativeAtTheFixedTripCount() {
        int n = Projectile.steps(THETA, SPEED);
        assertEquals(117, n);
        double gradient = ProjectileGrad.drange(THETA, SPEED).dtheta();
        // x = n * 0.01 * speed * cos(theta) after n steps, so dx/dtheta = -n * 0.01 * speed * sin(theta)
        assertEquals(-n * 0.01 * SPEED * Math.sin(THETA), gradient, 1e-12);
        // the same number as the gradient of the simulation with its trip count frozen at n ...
        assertEquals(ProjectileGrad.drangeAfter(THETA, SPEED, n).dtheta(), gradient, 0.0);
        // ... which finite differences confirm
        GradientCheck.of(p -> Projectile.rangeAfter(p[0], SPEED, n),
                        (p, grad) -> ProjectileGrad.drangeAfter(p[0], SPEED, n, grad))
                .names("theta").assertAt(THETA);
        // and so does a finite difference of range itself, at a point where the trip count stays n within its step
        GradientCheck.of(p -> Projectile.range(p[0], SPEED), (p, grad) -> ProjectileGrad.drange(p[0], SPEED, grad))
                .names("theta").assertAt(THETA);
    }

    @Test
    void aDifferenceAcrossTripCountChangesDisagrees() {
        // Over a wide step the range's slope is the landing point's, 2 v^2 cos(2 theta) / g (about +7.3),
        // while the gradient at the fixed trip count is about -6.5: the jumps carry all of the difference.
        double h = 0.02;
        double secant = (Projectile.range(THETA + h, SPEED) - Projectile.range(THETA - h, SPEED)) / (2 * h);
        double landing = 2 * SPEED * SPEED * Math.cos(2 * THETA) / 9.81;
        assertEquals(landing, secant, 0.1 * landing);
        double gradient = ProjectileGrad.drange(THETA, SPEED).dtheta();
        assertTrue(gradient < 0 && secant > 0, "gradient " + gradient + ", secant " + secant);
        assertTrue(Projectile.steps(THETA + h, SPEED) > Projectile.steps(THETA - h, SPEED));
    }

    @Test
    void interpolatingTheLandingMakesTheFunctionContinuousAndTheGradientTheLandingSlope() {
        double gradient = ProjectileGrad.dlanding(THETA, SPEED).dtheta();
        double landing = 2 * SPEED * SPEED * Math.cos(2 * THETA) / 9.81; // of the exact parabola
        assertEquals(landing, gradient, 0.03 * landing); // 7.24 against 7.39: Euler steps of 0.01 s, not the parabola
        double h = 0.02;
        double secant = (Projectile.landing(THETA + h, SPEED) - Projectile.landing(THETA - h, SPEED)) / (2 * h);
        // continuous now, but still with a small kink at each trip-count change: the slope over many of them
        // differs from the slope between two by about 1 %
        assertEquals(secant, gradient, 0.02 * secant);
        GradientCheck.of(p -> Projectile.landing(p[0], SPEED), (p, grad) -> ProjectileGrad.dlanding(p[0], SPEED, grad))
                .names("theta").assertAtEach(new double[] {THETA}, new double[] {0.3}, new double[] {1.1});
    }

    @Test
    void gradientCheckSaysWhyAtATripCountChange() {
        // the angle at which the loop takes one more step, to 1e-12
        double lo = THETA;
        double hi = THETA;
        int n = Projectile.steps(THETA, SPEED);
        while (Projectile.steps(hi, SPEED) == n) {
            hi += 1e-4;
        }
        while (hi - lo > 1e-12) {
            double mid = (lo + hi) / 2;
            if (Projectile.steps(mid, SPEED) == n) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double justAfter = hi + 5e-5; // the stencil of the finite difference reaches 2.4e-4 back, across the change
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> GradientCheck.of(p -> Projectile.range(p[0], SPEED),
                                (p, grad) -> ProjectileGrad.drange(p[0], SPEED, grad))
                        .names("theta").assertAt(justAfter));
        String message = failure.getMessage();
        assertTrue(message.contains("the one-sided differences disagree"), message);
        assertTrue(message.contains("a jump where an if or the trip count of a loop changes with a differentiated"
                + " value (as in while (y > 0) ...): the gradient is taken with the branches and trip counts fixed"),
                message);
    }
}
