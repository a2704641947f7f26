import numpy as np


def gram_matrix(features):
    F = features.reshape(-1, features.shape[-1])
    return F.T @ F


def style_loss(gen, style):
    n, m = gen.shape[-1], gen.shape[0] * gen.shape[1]
    squared = np.sum((gram_matrix(gen) - gram_matrix(style)) ** 2)
    return float(squared / (4 * n**2 * m**2))
