package conformance;

import io.github.sourcegrad.Differentiable;

/** The determinant of a 3x3 matrix by cofactors. */
class Determinant3 {
    @Differentiable
    static double f(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    static Object[] point() {
        return new Object[] {new double[][] {{2, -1, 0.5}, {1, 3, -2}, {0.25, 1, 4}}};
    }
}
