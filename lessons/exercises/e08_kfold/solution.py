import numpy as np


def kfold_indices(n, k):
    indices = np.arange(n)
    fold_sizes = np.full(k, n // k)
    fold_sizes[: n % k] += 1
    folds, start = [], 0
    for size in fold_sizes:
        val_idx = indices[start : start + size]
        train_idx = np.concatenate([indices[:start], indices[start + size :]])
        folds.append((train_idx, val_idx))
        start += size
    return folds
