package conformance;

import io.github.sourcegrad.Differentiable;

/** The price of a coupon bond by discounting each cash flow in a loop, with a long count of periods. */
class BondYieldCompounding {
    @Differentiable
    static double f(double coupon, double yield, long periods) {
        double price = 0;
        double discount = 1;
        for (long k = 1; k <= periods; k++) {
            discount /= 1 + yield;
            double cash = k == periods ? 100 + coupon : coupon;
            price += cash * discount;
        }
        return price;
    }

    static Object[] point() {
        return new Object[] {5.0, 0.043, 10L};
    }
}
