package conformance;

import io.github.sourcegrad.Differentiable;

/** Empty statements, nested bare blocks that shadow nothing, and a loop with an empty body that counts. */
class EmptyStatementsBlocks {
    @Differentiable
    static double f(double x) {
        double s = x;
        ;
        {
            double t = s * s;
            {
                s = t + s;
            }
        }
        int n = 0;
        for (; n < 5; n++) {
            ;
        }
        while (n < 10) n++;
        return s * n;
    }

    static Object[] point() {
        return new Object[] {0.7};
    }
}
