import numpy as np


def ema(values, beta=0.9):
    """s₁ = x₁, sₜ = β·sₜ₋₁ + (1 − β)·xₜ, as an array as long as values."""
    raise NotImplementedError("write ema")


def last_layer(task):
    """(activation, loss) for the task, as in lesson 09's table; ValueError otherwise."""
    raise NotImplementedError("write last_layer")
