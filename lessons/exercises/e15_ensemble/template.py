import numpy as np


def ensemble_average(probs, weights=None):
    """(N, K): the mean of probs (M, N, K) over the models, weighted by weights (M,) if given."""
    raise NotImplementedError("write ensemble_average")
