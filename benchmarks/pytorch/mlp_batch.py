#!/usr/bin/python3
"""PyTorch's CPU time for the minibatch MLP of MlpBatchBenchmark (Networks.mlpBatch), for comparison.

The loss is the mean squared error of the two-layer network Y = tanh(X W1 + b1) W2 + b2 on a minibatch:
X is batch x 8, W1 8 x hidden, b1 of length hidden, W2 hidden x 1, b2 of length 1, the targets T batch x 1.
float64 and one thread, like the JMH benchmark. For each size it prints the time of the forward pass alone
(the loss, no autograd graph) and of one gradient (the forward pass with autograd, then loss.backward(),
with respect to W1, b1, W2, b2), in microseconds per call: the best of several timeit repetitions, each
averaging many calls, after a warm-up.

PyTorch is not a dependency of the project and CI does not run this script. Run it by hand with a Python
that has torch (Debian's python3-torch: /usr/bin/python3 benchmarks/pytorch/mlp_batch.py).
"""
import sys
import timeit

import torch

SIZES = [(64, 16), (256, 64), (1024, 256)]  # (batch, hidden), the @Param values of MlpBatchBenchmark
INPUTS = 8
REPEATS = 7
MIN_SECONDS = 0.2  # each repetition runs at least this long


def problem(batch, hidden, seed=2):
    g = torch.Generator().manual_seed(seed)

    def uniform(*shape, scale=1.0):
        return (torch.rand(*shape, generator=g, dtype=torch.float64) * 2 - 1) * scale

    x = uniform(batch, INPUTS)
    t = uniform(batch, 1)
    w1 = uniform(INPUTS, hidden, scale=1 / INPUTS ** 0.5).requires_grad_()
    b1 = uniform(hidden, scale=0.1).requires_grad_()
    w2 = uniform(hidden, 1, scale=1 / hidden ** 0.5).requires_grad_()
    b2 = torch.tensor([0.1], dtype=torch.float64).requires_grad_()
    return x, t, w1, b1, w2, b2


def loss(x, t, w1, b1, w2, b2):
    h = torch.tanh(x @ w1 + b1)
    y = h @ w2 + b2
    return ((y - t) ** 2).sum() / t.shape[0]


def per_call_us(fn):
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()  # calls per repetition: at least 0.2 s
    number = max(number, int(number * MIN_SECONDS / 0.2))
    for _ in range(3):  # warm-up
        fn()
    best = min(timer.repeat(repeat=REPEATS, number=number))
    return best / number * 1e6


def main():
    torch.set_num_threads(1)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, float64, {INPUTS} inputs")
    print(f"{'batch/hidden':>12} {'forward us':>11} {'gradient us':>12}")
    for batch, hidden in SIZES:
        x, t, w1, b1, w2, b2 = problem(batch, hidden)

        def forward():
            with torch.no_grad():
                return loss(x, t, w1, b1, w2, b2).item()

        def gradient():
            for p in (w1, b1, w2, b2):
                p.grad = None
            value = loss(x, t, w1, b1, w2, b2)
            value.backward()
            return value.item()

        print(f"{f'{batch}/{hidden}':>12} {per_call_us(forward):11.1f} {per_call_us(gradient):12.1f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
