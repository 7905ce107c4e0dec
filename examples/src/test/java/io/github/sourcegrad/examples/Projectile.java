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
