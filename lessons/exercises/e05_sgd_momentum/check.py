import numpy as np

from dltutor.engine import optimizers
from dltutor.lessons.exercises.optimizer_check import check_optimizer


class _SgdUphill:
    def update(self, params, grads):
        for key in params:
            params[key] += 0.1 * grads[key]


class _MomentumWrong:
    def __init__(self, sign, keep):
        self.sign, self.keep, self.v = sign, keep, None

    def update(self, params, grads):
        if self.v is None or not self.keep:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for key in params:
            self.v[key] = 0.9 * self.v[key] + self.sign * 0.1 * grads[key]
            params[key] += self.v[key]


def _momentum_uphill():
    return _MomentumWrong(+1, True)


def _momentum_reset():
    return _MomentumWrong(-1, False)


def check(ns, c):
    SGD, Momentum = ns["SGD"], ns["Momentum"]
    check_optimizer(
        c, "SGD(lr=0.1)", lambda: SGD(lr=0.1), optimizers.SGD(0.1), {"sgd-sign": _SgdUphill}, hint=1
    )
    check_optimizer(
        c,
        "Momentum(lr=0.1, momentum=0.9)",
        lambda: Momentum(lr=0.1, momentum=0.9),
        optimizers.Momentum(0.1, 0.9),
        {"momentum-sign": _momentum_uphill, "velocity-reset": _momentum_reset},
        hint=3,
    )
    check_optimizer(
        c,
        "Momentum(lr=0.05, momentum=0.5)",
        lambda: Momentum(lr=0.05, momentum=0.5),
        optimizers.Momentum(0.05, 0.5),
        {},
        hint=2,
    )
