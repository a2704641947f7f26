import numpy as np


def kfold_indices(n, k):
    """[(train_idx, val_idx), …] for k folds of the samples 0 … n − 1."""
    raise NotImplementedError("write kfold_indices")
