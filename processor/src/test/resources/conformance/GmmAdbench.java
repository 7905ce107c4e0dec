package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * The Gaussian mixture model objective of ADBench, written as its C++ reference computes it: for each point, the
 * log-sum-exp over components of alpha_k + sum(log diag Q_k) - |Q_k (x - mu_k)|^2 / 2, where Q_k is lower
 * triangular with diagonal exp(icf[k][0..d)) and the rest of icf[k] below it, column by column; minus n times the
 * log-sum-exp of the alphas, plus the Wishart prior (without its constant).
 */
class GmmAdbench {
    @Differentiable(wrt = {"alphas", "means", "icf"})
    static double f(double[] alphas, double[][] means, double[][] icf, double[][] x, double gamma, int m) {
        int n = x.length;
        int k = alphas.length;
        int d = x[0].length;
        double slse = 0;
        for (int ix = 0; ix < n; ix++) {
            double[] mainTerm = new double[k];
            for (int ik = 0; ik < k; ik++) {
                double[] xc = new double[d];
                for (int id = 0; id < d; id++) {
                    xc[id] = x[ix][id] - means[ik][id];
                }
                double[] qxc = new double[d];
                double sumQ = 0;
                for (int id = 0; id < d; id++) {
                    qxc[id] = Math.exp(icf[ik][id]) * xc[id];
                    sumQ += icf[ik][id];
                }
                int l = d;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        qxc[j] += icf[ik][l] * xc[i];
                        l++;
                    }
                }
                double sq = 0;
                for (int id = 0; id < d; id++) {
                    sq += qxc[id] * qxc[id];
                }
                mainTerm[ik] = alphas[ik] + sumQ - 0.5 * sq;
            }
            double best = mainTerm[0];
            for (int ik = 1; ik < k; ik++) {
                best = Math.max(best, mainTerm[ik]);
            }
            double sum = 0;
            for (int ik = 0; ik < k; ik++) {
                sum += Math.exp(mainTerm[ik] - best);
            }
            slse += best + Math.log(sum);
        }
        double bestAlpha = alphas[0];
        for (int ik = 1; ik < k; ik++) {
            bestAlpha = Math.max(bestAlpha, alphas[ik]);
        }
        double sumAlpha = 0;
        for (int ik = 0; ik < k; ik++) {
            sumAlpha += Math.exp(alphas[ik] - bestAlpha);
        }
        double prior = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = 0;
            double sumQ = 0;
            for (int id = 0; id < d; id++) {
                double q = Math.exp(icf[ik][id]);
                frobenius += q * q;
                sumQ += icf[ik][id];
            }
            for (int l = d; l < icf[ik].length; l++) {
                frobenius += icf[ik][l] * icf[ik][l];
            }
            prior += 0.5 * gamma * gamma * frobenius - m * sumQ;
        }
        return slse - n * (bestAlpha + Math.log(sumAlpha)) + prior;
    }

    static Object[] point() {
        double[][] icf = {{0.1, -0.2, 0.3, 0.05, -0.1, 0.2}, {-0.3, 0.2, 0.1, -0.05, 0.15, 0.1}};
        return new Object[] {new double[] {0.3, -0.4}, new double[][] {{0.2, -0.1, 0.4}, {-0.5, 0.3, 0.1}}, icf,
                new double[][] {{0.1, 0.2, -0.3}, {0.5, -0.4, 0.2}, {-0.2, 0.1, 0.6}, {0.3, 0.3, 0.3}}, 1.5, 2};
    }
}
