package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;

/**
 * A projectile launched at angle {@code theta} with speed {@code speed}, simulated with Euler steps of 0.01 s
 * until it falls below the ground: a loop whose trip count depends on the differentiated angle.
 */
final class Projectile {

    private Projectile() {
    }

    /** Where the projectile is when it first falls below the ground. */
    @Differentiable(wrt = {"theta"})
    static double range(double theta, double speed) {
        double x = 0;
        double y = 0;
        double vx = speed * Math.cos(theta);
        double vy = speed * Math.sin(theta);
        while (y >= 0) {
            x += vx * 0.01;
            y += vy * 0.01;
            vy -= 9.81 * 0.01;
        }
        return x;
    }

    /**
     * Where the projectile lands, interpolated between the last step above the ground and the first below: a
     * continuous function of the angle, whose gradient at the fixed trip count is the landing point's slope.
     */
    @Differentiable(wrt = {"theta"})
    static double landing(double theta, double speed) {
        double x = 0;
        double y = 0;
        double vx = speed * Math.cos(theta);
        double vy = speed * Math.sin(theta);
        double xBefore = 0;
        double yBefore = 0;
        while (y >= 0) {
            xBefore = x;
            yBefore = y;
            x += vx * 0.01;
            y += vy * 0.01;
            vy -= 9.81 * 0.01;
        }
        return xBefore + (x - xBefore) * yBefore / (yBefore - y);
    }

    /** The same simulation with its number of steps given: what the gradient of {@link #range} differentiates. */
    @Differentiable(wrt = {"theta"})
    static double rangeAfter(double theta, double speed, int steps) {
        double x = 0;
        double y = 0;
        double vx = speed * Math.cos(theta);
        double vy = speed * Math.sin(theta);
        for (int i = 0; i < steps; i++) {
            x += vx * 0.01;
            y += vy * 0.01;
            vy -= 9.81 * 0.01;
        }
        return x;
    }

    /** How many steps {@link #range} takes: its loop's trip count. */
    static int steps(double theta, double speed) {
        int steps = 0;
        double y = 0;
        double vy = speed * Math.sin(theta);
        while (y >= 0) {
            y += vy * 0.01;
            vy -= 9.81 * 0.01;
            steps++;
        }
        return steps;
    }
}
