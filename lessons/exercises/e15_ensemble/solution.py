import numpy as np


def ensemble_average(probs, weights=None):
    probs = np.asarray(probs)
    if weights is None:
        return probs.mean(axis=0)
    w = np.asarray(weights, dtype=float)
    return np.tensordot(w, probs, axes=1) / w.sum()
