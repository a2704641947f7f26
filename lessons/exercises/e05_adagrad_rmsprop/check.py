import numpy as np

from dltutor.engine import optimizers
from dltutor.lessons.exercises.optimizer_check import check_optimizer

LR, RHO = 0.1, 0.9


class _Wrong:
    """A mistaken AdaGrad / RMSprop: `decay` None for AdaGrad; the flags pick the mistake."""

    def __init__(self, decay=None, sqrt=True, accumulate=True, one_minus=True):
        self.decay, self.sqrt, self.accumulate, self.one_minus = decay, sqrt, accumulate, one_minus
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(p) for k, p in params.items()}
        for key in params:
            g = grads[key]
            if self.decay is None:
                self.h[key] = self.h[key] + g * g if self.accumulate else g * g
            else:
                weight = 1 - self.decay if self.one_minus else 1.0
                self.h[key] = self.decay * self.h[key] + weight * g * g
            scale = np.sqrt(self.h[key]) if self.sqrt else self.h[key]
            params[key] -= LR * g / (scale + 1e-7)


def check(ns, c):
    AdaGrad, RMSprop = ns["AdaGrad"], ns["RMSprop"]
    check_optimizer(
        c,
        f"AdaGrad(lr={LR})",
        lambda: AdaGrad(lr=LR),
        optimizers.AdaGrad(LR, epsilon=1e-7),
        {
            "no-sqrt": lambda: _Wrong(sqrt=False),
            "h-not-accumulated": lambda: _Wrong(accumulate=False),
        },
        hint=2,
    )
    check_optimizer(
        c,
        f"RMSprop(lr={LR}, decay_rate={RHO})",
        lambda: RMSprop(lr=LR, decay_rate=RHO),
        optimizers.RMSProp(LR, rho=RHO, epsilon=1e-7),
        {
            "no-sqrt": lambda: _Wrong(RHO, sqrt=False),
            "no-one-minus-decay": lambda: _Wrong(RHO, one_minus=False),
        },
        hint=3,
    )
    check_optimizer(
        c,
        "RMSprop()  (lr=0.01, decay_rate=0.99)",
        RMSprop,
        optimizers.RMSProp(0.01, rho=0.99, epsilon=1e-7),
        {},
        hint=1,
    )
