package io.github.sourcegrad.benchmarks;

import java.util.Arrays;

/**
 * The gradients of {@link LoopNests}, written by hand as a careful person would: nothing allocated, values kept in
 * locals (or in the caller's gradient buffers while they are free), each loop run once.
 */
public final class LoopNestsByHand {

    private LoopNestsByHand() {
    }

    /**
     * {@link LoopNests#nestedNetwork}: the forward pass keeps each hidden unit's {@code tanh} in {@code gradV} (its
     * slot is overwritten by the unit's gradient in the backward pass), the backward pass runs over the units once.
     * {@code grad[0]} receives the gradient of {@code b2}.
     */
    public static double nestedNetwork(double[] x, double t, double[][] w1, double[] b1, double[] v, double b2,
            double[] grad, double[][] gradW1, double[] gradB1, double[] gradV) {
        int hidden = b1.length;
        int d = x.length;
        double yhat = b2;
        for (int i = 0; i < hidden; i++) {
            double[] w1i = w1[i];
            double s = b1[i];
            for (int j = 0; j < d; j++) {
                s += w1i[j] * x[j];
            }
            double h = Math.tanh(s);
            gradV[i] = h;
            yhat += v[i] * h;
        }
        double r = yhat - t;
        double gy = 2 * r;
        for (int i = 0; i < hidden; i++) {
            double h = gradV[i];
            double gs = v[i] * gy * (1 - h * h);
            gradV[i] = h * gy;
            gradB1[i] = gs;
            double[] gw1i = gradW1[i];
            for (int j = 0; j < d; j++) {
                gw1i[j] = gs * x[j];
            }
        }
        grad[0] = gy;
        return r * r;
    }

    /**
     * {@link LoopNests#lennardJones} and its gradient in one pass over the pairs: each pair's energy and the
     * derivative {@code dE/dr2 = 4 (2 s6 - 1) (-3 s6 / r2)} (with {@code s6 = r2^-3}), times {@code 2 dx}, added to
     * particle {@code i} and subtracted from particle {@code j}.
     */
    public static double lennardJones(double[] pos, double[] gradPos) {
        int n = pos.length / 3;
        Arrays.fill(gradPos, 0);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            double xi = pos[3 * i];
            double yi = pos[3 * i + 1];
            double zi = pos[3 * i + 2];
            double gx = 0;
            double gy = 0;
            double gz = 0;
            for (int j = i + 1; j < n; j++) {
                double dx = xi - pos[3 * j];
                double dy = yi - pos[3 * j + 1];
                double dz = zi - pos[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                double inv = 1 / r2;
                double s6 = inv * inv * inv;
                energy += 4 * (s6 * s6 - s6);
                double g = -24 * s6 * (2 * s6 - 1) * inv; // dE/dr2 times 2
                gx += g * dx;
                gy += g * dy;
                gz += g * dz;
                gradPos[3 * j] -= g * dx;
                gradPos[3 * j + 1] -= g * dy;
                gradPos[3 * j + 2] -= g * dz;
            }
            gradPos[3 * i] += gx;
            gradPos[3 * i + 1] += gy;
            gradPos[3 * i + 2] += gz;
        }
        return energy;
    }
}
