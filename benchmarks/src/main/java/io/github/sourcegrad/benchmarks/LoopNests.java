package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * Loop nests, the primal of the loop-nest benchmarks; SourceGrad generates {@code LoopNestsGrad} from them. In
 * both, an inner loop runs inside each iteration of an outer one: the backward pass reverses the inner loop from
 * what the outer iteration kept instead of running it forward again.
 */
public final class LoopNests {

    private LoopNests() {
    }

    /**
     * The two-layer network of {@link Networks#twoLayerLoops}, {@code (v·tanh(W1 x + b1) + b2 - t)^2}, written without
     * a hidden array: one pre-activation {@code s} per hidden unit, summed by an inner loop, and {@code tanh(s)} used
     * at once. Differentiated with respect to the network's parameters.
     */
    @Differentiable(wrt = {"w1", "b1", "v", "b2"})
    public static double nestedNetwork(double[] x, double t, double[][] w1, double[] b1, double[] v, double b2) {
        double yhat = b2;
        for (int i = 0; i < b1.length; i++) {
            double s = b1[i];
            for (int j = 0; j < x.length; j++) {
                s += w1[i][j] * x[j];
            }
            yhat += v[i] * Math.tanh(s);
        }
        double r = yhat - t;
        return r * r;
    }

    /**
     * The Lennard-Jones energy {@code sum_{i<j} 4 (r^-12 - r^-6)} (epsilon = sigma = 1) of {@code pos.length / 3}
     * particles in 3D, particle {@code i} at {@code (pos[3i], pos[3i + 1], pos[3i + 2])}: a pair loop, the inner loop
     * starting after the outer one's particle. Differentiated with respect to the positions (minus the forces).
     */
    @Differentiable(wrt = "pos")
    public static double lennardJones(double[] pos) {
        int n = pos.length / 3;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = pos[3 * i] - pos[3 * j];
                double dy = pos[3 * i + 1] - pos[3 * j + 1];
                double dz = pos[3 * i + 2] - pos[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                double s6 = 1 / (r2 * r2 * r2);
                energy += 4 * (s6 * s6 - s6);
            }
        }
        return energy;
    }
}
