package conformance;

import io.github.sourcegrad.Differentiable;

/** Constants and data of another class of the same file, and a private constant of this class. */
class AuxiliaryClassConstants {
    private static final double SCALE = 0.75;

    @Differentiable
    static double f(double x) {
        double s = 0;
        for (int i = 0; i < Table.NODES.length; i++) {
            s += Table.NODES[i] * Math.exp(-Table.RATE * x * i);
        }
        return s * SCALE + Table.OFFSET;
    }

    static Object[] point() {
        return new Object[] {0.7};
    }
}

class Table {
    static final double[] NODES = {1.0, 0.5, 0.25, 0.125};
    static final double RATE = 0.3;
    static final double OFFSET = 2;
}
