package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: reading a row of 'out', which is written element by element, is not supported
/** A 2-D valid convolution of an image with a kernel, tanh activation, mean of the squares. */
class Convolution2D {
    @Differentiable
    static double f(double[][] image, double[][] kernel) {
        int kh = kernel.length;
        int kw = kernel[0].length;
        int oh = image.length - kh + 1;
        int ow = image[0].length - kw + 1;
        double[][] out = new double[oh][ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double acc = 0;
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        acc += image[i + u][j + v] * kernel[u][v];
                    }
                }
                out[i][j] = Math.tanh(acc);
            }
        }
        double s = 0;
        for (double[] row : out) {
            for (double o : row) {
                s += o * o;
            }
        }
        return s / (oh * ow);
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, 0.5, -0.2, 0.3}, {0.7, -0.4, 0.2, 0.9}, {-0.3, 0.8, 0.6, -0.1}},
                new double[][] {{0.5, -0.25}, {0.3, 0.1}}};
    }
}
