import numpy as np


def reweight(p, temperature):
    """p_i^(1/T), renormalised: exp(log(p) / T) / Σ exp(log(p) / T)."""
    raise NotImplementedError("write reweight")


def sample(p, temperature, rng):
    """One index (int) drawn from reweight(p, temperature) with the generator rng."""
    raise NotImplementedError("write sample")
