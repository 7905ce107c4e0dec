package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * ADBench's LSTM objective, one layer, the weights packed in a matrix as its C++ reference does: rows 0-3 are the
 * forget, input, output and cell weights, rows 4-7 their biases; input and output weights scale the
 * prediction; the loss is the negative log of the softmax probability of the next character.
 */
class LstmAdbench {
    @Differentiable(wrt = {"weight", "extra"})
    static double f(double[][] weight, double[][] extra, double[][] sequence) {
        int b = sequence[0].length;
        double[] hidden = new double[b];
        double[] cell = new double[b];
        double total = 0;
        int count = 0;
        for (int t = 0; t < sequence.length - 1; t++) {
            double[] input = new double[b];
            for (int i = 0; i < b; i++) {
                input[i] = sequence[t][i] * extra[0][i];
            }
            for (int i = 0; i < b; i++) {
                double forget = 1 / (1 + Math.exp(-(input[i] * weight[0][i] + weight[4][i])));
                double ingate = 1 / (1 + Math.exp(-(hidden[i] * weight[1][i] + weight[5][i])));
                double outgate = 1 / (1 + Math.exp(-(input[i] * weight[2][i] + weight[6][i])));
                double change = Math.tanh(hidden[i] * weight[3][i] + weight[7][i]);
                cell[i] = cell[i] * forget + ingate * change;
                hidden[i] = outgate * Math.tanh(cell[i]);
            }
            double[] ypred = new double[b];
            double lse = 0;
            for (int i = 0; i < b; i++) {
                ypred[i] = hidden[i] * extra[1][i] + extra[2][i];
                lse += Math.exp(ypred[i]);
            }
            lse = Math.log(lse + 2);
            for (int i = 0; i < b; i++) {
                total += sequence[t + 1][i] * (ypred[i] - lse);
            }
            count += b;
        }
        return -total / count;
    }

    static Object[] point() {
        double[][] weight = {{0.1, -0.2, 0.3}, {0.2, 0.1, -0.1}, {-0.3, 0.4, 0.2}, {0.5, -0.1, 0.1},
                {0.0, 0.1, -0.2}, {0.1, 0.0, 0.1}, {-0.1, 0.2, 0.0}, {0.2, -0.2, 0.3}};
        double[][] extra = {{1.0, 0.9, 1.1}, {0.5, -0.4, 0.3}, {0.1, 0.2, -0.1}};
        double[][] sequence = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        return new Object[] {weight, extra, sequence};
    }
}
