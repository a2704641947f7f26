"""Learning-rate schedules: `schedule(iteration) -> lr`, iteration counting from 0."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod


class Schedule(ABC):
    @abstractmethod
    def __call__(self, iteration: int) -> float: ...


class Constant(Schedule):
    def __init__(self, lr: float) -> None:
        self.lr = float(lr)

    def __call__(self, iteration):
        return self.lr

    def __repr__(self):
        return f"Constant({self.lr})"


class StepDecay(Schedule):
    """lr · drop^(iteration // every): the rate falls by `drop` every `every` iterations."""

    def __init__(self, lr: float, drop: float = 0.5, every: int = 1000) -> None:
        if every <= 0 or not 0 < drop <= 1:
            raise ValueError(
                f"StepDecay: need every > 0 and 0 < drop <= 1, got {every!r}, {drop!r}"
            )
        self.lr, self.drop, self.every = float(lr), float(drop), int(every)

    def __call__(self, iteration):
        return self.lr * self.drop ** (iteration // self.every)

    def __repr__(self):
        return f"StepDecay({self.lr}, drop={self.drop}, every={self.every})"


class ExponentialDecay(Schedule):
    """lr · rate^(iteration / steps): smooth decay, `rate` per `steps` iterations."""

    def __init__(self, lr: float, rate: float = 0.96, steps: int = 1000) -> None:
        if steps <= 0 or not 0 < rate <= 1:
            raise ValueError(
                f"ExponentialDecay: need steps > 0 and 0 < rate <= 1, got {steps!r}, {rate!r}"
            )
        self.lr, self.rate, self.steps = float(lr), float(rate), int(steps)

    def __call__(self, iteration):
        return self.lr * self.rate ** (iteration / self.steps)

    def __repr__(self):
        return f"ExponentialDecay({self.lr}, rate={self.rate}, steps={self.steps})"


class CosineDecay(Schedule):
    """min_lr + (lr − min_lr)·(1 + cos(π·t/total))/2, then min_lr after `total` iterations."""

    def __init__(self, lr: float, total: int, min_lr: float = 0.0) -> None:
        if total <= 0:
            raise ValueError(f"CosineDecay: total must be > 0, got {total!r}")
        self.lr, self.total, self.min_lr = float(lr), int(total), float(min_lr)

    def __call__(self, iteration):
        t = min(iteration, self.total) / self.total
        return self.min_lr + (self.lr - self.min_lr) * 0.5 * (1 + math.cos(math.pi * t))

    def __repr__(self):
        return f"CosineDecay({self.lr}, total={self.total}, min_lr={self.min_lr})"


def get(lr) -> Schedule:
    if isinstance(lr, Schedule):
        return lr
    if isinstance(lr, (int, float)) and not isinstance(lr, bool) and lr > 0:
        return Constant(lr)
    raise ValueError(f"learning rate must be a positive number or a Schedule, got {lr!r}")
