package conformance;

import io.github.sourcegrad.Differentiable;

/** A bubble sort with a swapped flag and a do-while, then the median (middle element). */
class BubbleSortMedian {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[i] * 2;
        }
        boolean swapped;
        do {
            swapped = false;
            for (int i = 0; i + 1 < a.length; i++) {
                if (a[i] > a[i + 1]) {
                    double t = a[i];
                    a[i] = a[i + 1];
                    a[i + 1] = t;
                    swapped = true;
                }
            }
        } while (swapped);
        return a[a.length / 2] + 0.1 * a[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.8, -0.3, 1.9, 0.1, -1.2}};
    }
}
