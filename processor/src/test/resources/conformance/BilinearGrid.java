package conformance;

import io.github.sourcegrad.Differentiable;

/** Bilinear interpolation on a grid: the cell by Math.floor and an int cast, weights from the fractions. */
class BilinearGrid {
    static final double[][] GRID = {{0.0, 0.5, 1.2, 1.1}, {0.3, 0.9, 1.6, 1.4}, {0.8, 1.5, 2.1, 1.9}, {1.0, 1.7, 2.5, 2.6}};

    @Differentiable
    static double f(double x, double y) {
        int i = (int) Math.floor(x);
        int j = (int) Math.floor(y);
        i = Math.max(0, Math.min(i, GRID.length - 2));
        j = Math.max(0, Math.min(j, GRID[0].length - 2));
        double fx = x - i;
        double fy = y - j;
        double top = GRID[i][j] * (1 - fy) + GRID[i][j + 1] * fy;
        double bottom = GRID[i + 1][j] * (1 - fy) + GRID[i + 1][j + 1] * fy;
        return top * (1 - fx) + bottom * fx;
    }

    static Object[] point() {
        return new Object[] {1.37, 2.21};
    }
}
