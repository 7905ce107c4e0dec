package io.github.sourcegrad.examples;

import java.util.Random;

/**
 * The two-moons data set (as scikit-learn's {@code make_moons} draws it): two interleaving half circles
 * in the plane, the upper one centred at {@code (0, 0)}, the lower one at {@code (1, 0.5)}, each point
 * moved by Gaussian noise. Not separable by a line, easily by a small network. Generated, not shipped:
 * the same seed gives the same points on every JVM ({@link Random} is specified exactly).
 *
 * @param points one row {@code (x1, x2)} per point: the {@code n×2} matrix {@code X}
 * @param labels the class of each point, 0 (upper moon) or 1 (lower moon)
 */
record TwoMoons(double[][] points, int[] labels) {

    /** The number of points of {@link #standard()}. */
    static final int STANDARD_SIZE = 200;
    /** The standard deviation of the noise of {@link #standard()}. */
    static final double STANDARD_NOISE = 0.15;
    /** The seed of {@link #standard()}. */
    static final long STANDARD_SEED = 7;

    /** The data set of the examples: 200 points, noise 0.15, seed 7. */
    static TwoMoons standard() {
        return generate(STANDARD_SIZE, STANDARD_NOISE, STANDARD_SEED);
    }

    /**
     * {@code n} points, alternately from the upper moon (label 0) and the lower moon (label 1), at evenly
     * spaced angles along each half circle, with independent Gaussian noise of standard deviation
     * {@code noise} added to each coordinate.
     */
    static TwoMoons generate(int n, double noise, long seed) {
        Random random = new Random(seed);
        int upper = (n + 1) / 2;
        int lower = n / 2;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            int k = i / 2;
            double angle = Math.PI * k / Math.max(1, (label == 0 ? upper : lower) - 1);
            double x1 = label == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
            double x2 = label == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
            points[i] = new double[] {x1 + noise * random.nextGaussian(), x2 + noise * random.nextGaussian()};
            labels[i] = label;
        }
        return new TwoMoons(points, labels);
    }

    int size() {
        return labels.length;
    }

    /** The targets as the network's loss takes them: an {@code n×1} column of {@code -1} (label 0) and {@code +1}. */
    double[][] signedTargets() {
        double[][] t = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            t[i][0] = labels[i] == 1 ? 1 : -1;
        }
        return t;
    }
}
