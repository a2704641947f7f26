import numpy as np

from dltutor.engine import optimizers
from dltutor.lessons.exercises.optimizer_check import check_optimizer

LR, B1, B2 = 0.1, 0.9, 0.999
# The book adds ε to √v before the bias correction, the engine after it: the two differ by
# about ε/√v relative to the step, so a tolerance of 1e-4 lets both pass.
RTOL = 1e-4


class _Wrong:
    def __init__(self, correct=True, count=True, square=True):
        self.correct, self.count, self.square = correct, count, square
        self.m = self.v = None
        self.t = 0

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t = self.t + 1 if self.count else 1
        scale = np.sqrt(1 - B2**self.t) / (1 - B1**self.t) if self.correct else 1.0
        for key in params:
            g = grads[key]
            self.m[key] = B1 * self.m[key] + (1 - B1) * g
            self.v[key] = B2 * self.v[key] + (1 - B2) * (g * g if self.square else g)
            params[key] -= LR * scale * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def check(ns, c):
    Adam = ns["Adam"]
    wrong = {
        "no-bias-correction": lambda: _Wrong(correct=False),
        "t-not-counted": lambda: _Wrong(count=False),
        "v-not-squared": lambda: _Wrong(square=False),
    }
    check_optimizer(
        c,
        f"Adam(lr={LR}, beta1={B1}, beta2={B2})",
        lambda: Adam(lr=LR, beta1=B1, beta2=B2),
        optimizers.Adam(LR, beta_1=B1, beta_2=B2, epsilon=1e-7),
        wrong,
        hint=2,
        rtol=RTOL,
    )
    check_optimizer(
        c,
        "Adam(lr=0.01, beta1=0.5, beta2=0.9)",
        lambda: Adam(lr=0.01, beta1=0.5, beta2=0.9),
        optimizers.Adam(0.01, beta_1=0.5, beta_2=0.9, epsilon=1e-7),
        {},
        hint=3,
        steps=8,
        rtol=RTOL,
    )
    check_optimizer(
        c,
        "Adam()  (lr=0.001, beta1=0.9, beta2=0.999)",
        Adam,
        optimizers.Adam(0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
        {},
        hint=1,
        rtol=RTOL,
    )
